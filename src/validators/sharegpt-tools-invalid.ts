import { defineRule } from "../core/rule.js";
import type { JsonValue } from "../core/canonical.js";
import { parseFunctionCall } from "../formats/sharegpt.js";
import { isObject, own, typeOf } from "./util.js";

/** The `tools` column is a JSON string of function definitions; function_call turns hold `{name, arguments}` JSON. */
export default defineRule({
  meta: {
    id: "sharegpt-tools-invalid",
    description: "ShareGPT `tools` must be a JSON string of function definitions, and function_call turns a JSON {name, arguments} object (or a list of them).",
    formats: ["sharegpt"],
    defaultSeverity: "error",
    group: true,
    messages: {
      toolsType: "`tools` must be a JSON string (or a list) of function definitions, found {{type}}",
      toolsJson: "`tools` is not valid JSON",
      toolName: "Tool {{index}} has no string `name`",
      call: "Turn {{index}} is a function_call whose value is not JSON {\"name\", \"arguments\"} (or a list of them)",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const tools = own(record, "tools");
        if (tools !== undefined && tools !== "") {
          let list: JsonValue | undefined = tools;
          if (typeof tools === "string") {
            try {
              list = JSON.parse(tools);
            } catch {
              ctx.report({ messageId: "toolsJson", at, path: ["tools"] });
              list = undefined;
            }
          } else if (!Array.isArray(tools)) {
            ctx.report({ messageId: "toolsType", at, path: ["tools"], data: { type: typeOf(tools) } });
            list = undefined;
          }
          const arr = isObject(list) ? [list] : Array.isArray(list) ? list : [];
          arr.forEach((t, i) => {
            const fn = isObject(t) && isObject(own(t, "function")) ? (own(t, "function") as Record<string, unknown>) : t;
            if (!isObject(fn) || typeof fn.name !== "string") ctx.report({ messageId: "toolName", at, path: ["tools"], data: { index: i } });
          });
        }
        const conv = own(record, "conversations");
        if (!Array.isArray(conv)) return;
        conv.forEach((t, i) => {
          if (!isObject(t) || own(t, "from") !== "function_call" || typeof own(t, "value") !== "string") return;
          if (!parseFunctionCall(own(t, "value"))) ctx.report({ messageId: "call", at, path: ["conversations", i, "value"], data: { index: i } });
        });
      },
    };
  },
});
