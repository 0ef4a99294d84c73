import { defineRule } from "../core/rule.js";
import { findPhones } from "../security/pii.js";
import { exampleTexts } from "../security/texts.js";

/** Phone numbers in an example's texts (opt-in: many datasets need contact formats). Shown masked. */
export default defineRule({
  meta: {
    id: "pii-phone",
    description: "Phone numbers (international +CC or North American formats, with separators) in any text of an example; fictional 555-01xx numbers are skipped. Off unless enabled.",
    formats: "*",
    defaultSeverity: "warning",
    optIn: true,
    messages: { found: "Phone number {{masked}} in the {{where}}: personal data a fine-tuned model can repeat" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        for (const t of exampleTexts(example)) {
          for (const f of findPhones(t.text)) ctx.report({ messageId: "found", at, path: t.path, data: { masked: f.masked, where: t.where } });
        }
      },
    };
  },
});
