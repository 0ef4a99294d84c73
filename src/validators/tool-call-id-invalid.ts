import { defineRule } from "../core/rule.js";
import { isObject, own, preview } from "./util.js";

/** Mistral needs tool call ids of exactly 9 letters and digits (mistral-common validator); off unless a target sets a pattern. */
export default defineRule({
  meta: {
    id: "tool-call-id-invalid",
    description: "Tool call ids (and the `tool_call_id` answering them) must match the platform's pattern (Mistral: 9 letters or digits).",
    formats: ["openai-chat"],
    defaultSeverity: "off",
    group: true,
    messages: { pattern: "Tool call id \"{{id}}\" does not match {{pattern}}" },
  },
  defaultOptions: { pattern: "" },
  create(ctx) {
    const re = ctx.options.pattern ? new RegExp(ctx.options.pattern) : undefined;
    return {
      raw(record, at) {
        const messages = own(record, "messages");
        if (!re || !Array.isArray(messages)) return;
        messages.forEach((m, i) => {
          if (!isObject(m)) return;
          const calls = own(m, "tool_calls");
          if (Array.isArray(calls)) calls.forEach((c, j) => {
            const id = isObject(c) ? own(c, "id") : undefined;
            if (typeof id === "string" && !re.test(id)) ctx.report({ messageId: "pattern", at, path: ["messages", i, "tool_calls", j, "id"], data: { id: preview(id), pattern: ctx.options.pattern } });
          });
          const id = own(m, "tool_call_id");
          if (typeof id === "string" && !re.test(id)) ctx.report({ messageId: "pattern", at, path: ["messages", i, "tool_call_id"], data: { id: preview(id), pattern: ctx.options.pattern } });
        });
      },
    };
  },
});
