import { defineRule } from "../core/rule.js";
import { isObject, own, typeOf } from "./util.js";

/** `input` holds the prompt: an object with a non-empty `messages` array (tools as in chat). */
export default defineRule({
  meta: {
    id: "preference-input-invalid",
    description: "An OpenAI preference row needs `input`: an object with a non-empty `messages` array (and optional `tools`, `parallel_tool_calls`).",
    formats: ["openai-dpo"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Preference row has no `input` (the prompt: {\"messages\": […]})",
      notObject: "`input` must be an object with `messages`, found {{type}}",
      messagesMissing: "`input` has no `messages`",
      messagesType: "`input.messages` must be a non-empty array, found {{type}}",
      unknownKey: "Unknown key \"{{key}}\" in `input` (allowed: messages, tools, parallel_tool_calls)",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const input = own(record, "input");
        if (input === undefined) return ctx.report({ messageId: "missing", at });
        if (!isObject(input)) return ctx.report({ messageId: "notObject", at, path: ["input"], data: { type: typeOf(input) } });
        const messages = own(input, "messages");
        if (messages === undefined) ctx.report({ messageId: "messagesMissing", at, path: ["input"] });
        else if (!Array.isArray(messages) || messages.length === 0) {
          ctx.report({ messageId: "messagesType", at, path: ["input", "messages"], data: { type: Array.isArray(messages) ? "an empty array" : typeOf(messages) } });
        }
        for (const key of Object.keys(input)) {
          if (!["messages", "tools", "parallel_tool_calls"].includes(key)) ctx.report({ messageId: "unknownKey", at, path: ["input", key], data: { key } });
        }
      },
    };
  },
});
