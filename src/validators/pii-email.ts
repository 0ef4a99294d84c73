import { defineRule } from "../core/rule.js";
import { findEmails } from "../security/pii.js";
import { exampleTexts } from "../security/texts.js";

/** Personal email addresses in an example's texts (opt-in: support transcripts may need them). Shown masked. */
export default defineRule({
  meta: {
    id: "pii-email",
    description: "Email addresses of people in any text of an example (documentation domains such as example.com and role addresses are skipped). Off unless enabled.",
    formats: "*",
    defaultSeverity: "warning",
    optIn: true,
    messages: { found: "Email address {{masked}} in the {{where}}: personal data a fine-tuned model can repeat" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        for (const t of exampleTexts(example)) {
          for (const f of findEmails(t.text)) ctx.report({ messageId: "found", at, path: t.path, data: { masked: f.masked, where: t.where } });
        }
      },
    };
  },
});
