import { defineRule } from "../core/rule.js";
import { secretsIn } from "../security/scan.js";

/** API keys and access tokens of common providers (OpenAI, Anthropic, AWS, GitHub, Slack, Google, Stripe, Hugging Face, npm) in any text of an example. Shown masked, never whole. */
export default defineRule({
  meta: {
    id: "secret-api-key",
    description: "API keys and access tokens of common providers (OpenAI, Anthropic, AWS, GitHub, Slack, Google, Stripe, Hugging Face, npm) in any text of an example.",
    formats: "*",
    defaultSeverity: "warning",
    messages: { found: "{{provider}} key {{masked}} in the {{where}}: a model fine-tuned on it can repeat it" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        for (const s of secretsIn(example, "api-key")) {
          // Only the masked value ever leaves the rule, so no reporter can print the secret.
          ctx.report({ messageId: "found", at, path: s.at.path, data: { provider: s.provider, masked: s.masked, where: s.at.where }, hint: "remove or replace it, and rotate the key: it has been shared with the data" });
        }
      },
    };
  },
});
