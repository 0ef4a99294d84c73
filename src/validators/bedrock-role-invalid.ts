import { defineRule } from "../core/rule.js";
import { isObject, own, preview } from "./util.js";

/** Bedrock conversations use `user` and `assistant` roles and start with a user turn (Nova data prep guide). */
export default defineRule({
  meta: {
    id: "bedrock-role-invalid",
    description: "Bedrock message roles must be `user` or `assistant`, starting with `user` (the system prompt goes in `system`).",
    formats: ["bedrock-conversation"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Message {{index}} has no `role`",
      unknown: "Message {{index}} has role \"{{role}}\"; Bedrock conversations use user and assistant",
      first: "The first message is \"{{role}}\"; Bedrock conversations start with a user turn",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const messages = own(record, "messages");
        if (!Array.isArray(messages)) return;
        messages.forEach((m, i) => {
          if (!isObject(m)) return;
          const role = own(m, "role");
          if (role === undefined) return ctx.report({ messageId: "missing", at, path: ["messages", i], data: { index: i } });
          if (role !== "user" && role !== "assistant") {
            const hint = role === "system" ? "put the system prompt in the top-level `system` list" : undefined;
            return ctx.report({ messageId: "unknown", at, path: ["messages", i, "role"], data: { index: i, role: preview(role) }, ...(hint ? { hint } : {}) });
          }
          if (i === 0 && role !== "user") ctx.report({ messageId: "first", at, path: ["messages", 0, "role"], data: { role } });
        });
      },
    };
  },
});
