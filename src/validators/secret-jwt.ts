import { defineRule } from "../core/rule.js";
import { secretsIn } from "../security/scan.js";

/** A signed JSON Web Token in any text of an example (session and API tokens are often JWTs). Shown masked, never whole. */
export default defineRule({
  meta: {
    id: "secret-jwt",
    description: "A signed JSON Web Token in any text of an example (session and API tokens are often JWTs).",
    formats: "*",
    defaultSeverity: "warning",
    messages: { found: "JSON Web Token {{masked}} in the {{where}}: a model fine-tuned on it can repeat it" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        for (const s of secretsIn(example, "jwt")) {
          // Only the masked value ever leaves the rule, so no reporter can print the secret.
          ctx.report({ messageId: "found", at, path: s.at.path, data: { provider: s.provider, masked: s.masked, where: s.at.where }, hint: "replace it with a placeholder; if it is still valid, revoke it" });
        }
      },
    };
  },
});
