import { defineRule } from "../core/rule.js";
import { describeValue, isObject, own, parsesAsJson } from "./util.js";
import { formatMessages } from "./message-lists.js";

/** `function.arguments` is a string that must itself parse as JSON. */
export default defineRule({
  meta: {
    id: "tool-call-arguments-invalid",
    description: "A tool call's `arguments` string must parse as JSON (the model learns to emit it verbatim).",
    formats: ["openai-chat", "openai-dpo", "openai-rft"],
    defaultSeverity: "error",
    group: true,
    messages: { invalid: "Tool call arguments are not valid JSON: {{arguments}}" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        for (const [m, mp] of formatMessages(record, ctx.format)) {
          const calls = own(m, "tool_calls");
          const check = (fn: unknown, path: (string | number)[]) => {
            if (!isObject(fn)) return;
            const args = own(fn, "arguments");
            if (typeof args === "string" && !parsesAsJson(args)) {
              ctx.report({ messageId: "invalid", at, path, data: { arguments: describeValue(args) } });
            }
          };
          if (Array.isArray(calls)) {
            calls.forEach((c, j) => {
              if (isObject(c)) check(own(c, "function"), [...mp, "tool_calls", j, "function", "arguments"]);
            });
          }
          check(own(m, "function_call"), [...mp, "function_call", "arguments"]);
        }
      },
    };
  },
});
