import { defineRule } from "../core/rule.js";
import { secretsIn } from "../security/scan.js";

/** A password inside a connection string or URL (postgres://user:password@host, Password=…;) in any text of an example. Shown masked, never whole. */
export default defineRule({
  meta: {
    id: "secret-connection-string",
    description: "A password inside a connection string or URL (postgres://user:password@host, Password=…;) in any text of an example.",
    formats: "*",
    defaultSeverity: "warning",
    messages: { found: "Password in {{provider|a}} connection string ({{masked}}) in the {{where}}: a model fine-tuned on it can repeat it" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        for (const s of secretsIn(example, "connection-string")) {
          // Only the masked value ever leaves the rule, so no reporter can print the secret.
          ctx.report({ messageId: "found", at, path: s.at.path, data: { provider: s.provider, masked: s.masked, where: s.at.where }, hint: "replace the password with a placeholder and change it" });
        }
      },
    };
  },
});
