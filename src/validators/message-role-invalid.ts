import { defineRule } from "../core/rule.js";
import { describeValue, isObject, own, typeOf } from "./util.js";
import { messageLists } from "./message-lists.js";

const ROLES = ["system", "developer", "user", "assistant", "tool", "function"];

/** Each message is an object with a known `role`. */
export default defineRule({
  meta: {
    id: "message-role-invalid",
    description: "Each message must be an object whose `role` is system, user, assistant, tool or function.",
    formats: ["openai-chat", "openai-dpo", "openai-rft"],
    defaultSeverity: "error",
    group: true,
    messages: {
      notObject: "Message must be an object, found {{type}}",
      missing: "Message has no `role`",
      unknown: "Unknown role {{role}}; expected system, user, assistant, tool or function",
      rftSystem: "RFT items do not accept system messages; use the developer role",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        for (const { list, path } of messageLists(record, ctx.format)) list.forEach((m, i) => {
          if (!isObject(m)) return ctx.report({ messageId: "notObject", at, path: [...path, i], data: { type: typeOf(m) } });
          const role = own(m, "role");
          if (role === undefined) return ctx.report({ messageId: "missing", at, path: [...path, i] });
          if (role === "system" && ctx.format === "openai-rft") return ctx.report({ messageId: "rftSystem", at, path: [...path, i, "role"] });
          if (typeof role !== "string" || !ROLES.includes(role)) {
            const hint = typeof role === "string" && ["human", "gpt", "model", "bot"].includes(role.toLowerCase())
              ? "this looks like ShareGPT or Gemini naming; OpenAI chat uses user/assistant"
              : undefined;
            ctx.report({ messageId: "unknown", at, path: [...path, i, "role"], data: { role: describeValue(role) }, ...(hint ? { hint } : {}) });
          }
        });
      },
    };
  },
});
