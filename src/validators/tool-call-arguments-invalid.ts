import { defineRule } from "../core/rule.js";
import { describeValue, isObject, objectMessages, own, parsesAsJson } from "./util.js";

/** `function.arguments` is a string that must itself parse as JSON. */
export default defineRule({
  meta: {
    id: "tool-call-arguments-invalid",
    description: "A tool call's `arguments` string must parse as JSON (the model learns to emit it verbatim).",
    formats: ["openai-chat"],
    defaultSeverity: "error",
    messages: { invalid: "Tool call arguments are not valid JSON: {{arguments}}" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        for (const [m, i] of objectMessages(record)) {
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
              if (isObject(c)) check(own(c, "function"), ["messages", i, "tool_calls", j, "function", "arguments"]);
            });
          }
          check(own(m, "function_call"), ["messages", i, "function_call", "arguments"]);
        }
      },
    };
  },
});
