import { defineRule } from "../core/rule.js";

/** Some platforms accept fewer roles than the format defines (Together and Fireworks: system, user, assistant). */
export default defineRule({
  meta: {
    id: "message-role-unsupported",
    description: "Messages must use only the roles the target platform accepts (set by `--target`; off by default).",
    formats: "*",
    kinds: ["chat", "completion", "prompt"],
    defaultSeverity: "off",
    group: true,
    messages: { unsupported: "Role \"{{role}}\" is not accepted by the target (accepted: {{roles}})" },
  },
  defaultOptions: { roles: [] as string[] },
  create(ctx) {
    const roles = ctx.options.roles;
    return {
      record(example, at) {
        if (roles.length === 0) return;
        for (const m of example.messages) {
          if (m.role !== "" && !roles.includes(m.role)) ctx.report({ messageId: "unsupported", at, path: m.path, data: { role: m.role, roles: roles.join(", ") } });
        }
      },
    };
  },
});
