import { defineRule } from "../core/rule.js";
import { isObject, own, roleOf } from "./util.js";
import { formatMessages } from "./message-lists.js";

/** A `tool` message answers a tool call made earlier in the same example. */
export default defineRule({
  meta: {
    id: "tool-message-unmatched",
    description: "Every `tool` message must have a `tool_call_id` matching an earlier assistant tool call.",
    formats: ["openai-chat", "openai-dpo", "openai-rft"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Tool message has no `tool_call_id`",
      unmatched: "Tool message answers \"{{id}}\", but no earlier tool call has that id",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const ids = new Set<string>();
        for (const [m, mp] of formatMessages(record, ctx.format)) {
          const role = roleOf(m);
          if (role === "assistant") {
            const calls = own(m, "tool_calls");
            if (Array.isArray(calls)) {
              for (const c of calls) {
                const id = isObject(c) ? own(c, "id") : undefined;
                if (typeof id === "string") ids.add(id);
              }
            }
          } else if (role === "tool") {
            const id = own(m, "tool_call_id");
            if (typeof id !== "string" || id === "") ctx.report({ messageId: "missing", at, path: mp });
            else if (!ids.has(id)) ctx.report({ messageId: "unmatched", at, path: [...mp, "tool_call_id"], data: { id } });
          }
        }
      },
    };
  },
});
