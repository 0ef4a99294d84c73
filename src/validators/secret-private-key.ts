import { defineRule } from "../core/rule.js";
import { secretsIn } from "../security/scan.js";

/** A private key block (-----BEGIN … PRIVATE KEY-----) in any text of an example. Shown masked, never whole. */
export default defineRule({
  meta: {
    id: "secret-private-key",
    description: "A private key block (-----BEGIN … PRIVATE KEY-----) in any text of an example.",
    formats: "*",
    defaultSeverity: "warning",
    messages: { found: "{{provider}} block ({{masked}}) in the {{where}}: a model fine-tuned on it can repeat it" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        for (const s of secretsIn(example, "private-key")) {
          // Only the masked value ever leaves the rule, so no reporter can print the secret.
          ctx.report({ messageId: "found", at, path: s.at.path, data: { provider: s.provider, masked: s.masked, where: s.at.where }, hint: "remove it and replace the key pair" });
        }
      },
    };
  },
});
