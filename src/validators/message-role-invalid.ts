import { defineRule } from "../core/rule.js";
import { describeValue, isObject, own, typeOf } from "./util.js";

const ROLES = ["system", "developer", "user", "assistant", "tool", "function"];

/** Each message is an object with a known `role`. */
export default defineRule({
  meta: {
    id: "message-role-invalid",
    description: "Each message must be an object whose `role` is system, user, assistant, tool or function.",
    formats: ["openai-chat"],
    defaultSeverity: "error",
    messages: {
      notObject: "Message must be an object, found {{type}}",
      missing: "Message has no `role`",
      unknown: "Unknown role {{role}}; expected system, user, assistant, tool or function",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const messages = own(record, "messages");
        if (!Array.isArray(messages)) return;
        messages.forEach((m, i) => {
          if (!isObject(m)) return ctx.report({ messageId: "notObject", at, path: ["messages", i], data: { type: typeOf(m) } });
          const role = own(m, "role");
          if (role === undefined) return ctx.report({ messageId: "missing", at, path: ["messages", i] });
          if (typeof role !== "string" || !ROLES.includes(role)) {
            const hint = typeof role === "string" && ["human", "gpt", "model", "bot"].includes(role.toLowerCase())
              ? "this looks like ShareGPT or Gemini naming; OpenAI chat uses user/assistant"
              : undefined;
            ctx.report({ messageId: "unknown", at, path: ["messages", i, "role"], data: { role: describeValue(role) }, ...(hint ? { hint } : {}) });
          }
        });
      },
    };
  },
});
