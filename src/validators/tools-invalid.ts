import type { JsonValue } from "../core/canonical.js";
import { defineRule } from "../core/rule.js";
import { describeValue, FUNCTION_NAME, isObject, own, typeOf } from "./util.js";
import { toolsHolder } from "./message-lists.js";

/** Top-level `tools` are function definitions whose `parameters` is a JSON Schema object. */
export default defineRule({
  meta: {
    id: "tools-invalid",
    description: "`tools` must be an array of {type: \"function\", function: {name, description?, parameters?}} with unique names; `parallel_tool_calls` a boolean.",
    formats: ["openai-chat", "openai-dpo", "openai-rft"],
    defaultSeverity: "error",
    group: true,
    messages: {
      notArray: "`{{key}}` must be an array, found {{type}}",
      notObject: "Tool definition must be an object, found {{type}}",
      type: "Tool `type` must be \"function\", found {{type}}",
      function: "Tool definition needs a `function` object",
      name: "Function name {{name}} must be 1-64 letters, digits, underscores or dashes",
      duplicate: "Function \"{{name}}\" is defined twice",
      description: "`description` must be a string, found {{type}}",
      parameters: "`parameters` must be a JSON Schema object, found {{type}}",
      parametersType: "`parameters.type` should be \"object\", found {{type}}",
      parallel: "`parallel_tool_calls` must be a boolean, found {{type}}",
      functionsCount: "`functions` must hold 1 to 128 definitions, found {{count}}",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const names = new Set<string>();
        const checkFunction = (fn: JsonValue | undefined, path: (string | number)[]) => {
          if (!isObject(fn)) return ctx.report({ messageId: "function", at, path });
          const name = own(fn, "name");
          if (typeof name !== "string" || !FUNCTION_NAME.test(name)) {
            ctx.report({ messageId: "name", at, path: [...path, "name"], data: { name: describeValue(name) } });
          } else if (names.has(name)) {
            ctx.report({ messageId: "duplicate", at, path: [...path, "name"], data: { name } });
          } else names.add(name);
          const description = own(fn, "description");
          if (description !== undefined && typeof description !== "string") {
            ctx.report({ messageId: "description", at, path: [...path, "description"], data: { type: typeOf(description) } });
          }
          const params = own(fn, "parameters");
          if (params === undefined) return;
          if (!isObject(params)) return ctx.report({ messageId: "parameters", at, path: [...path, "parameters"], data: { type: typeOf(params) } });
          const t = own(params, "type");
          if (t !== undefined && t !== "object") {
            ctx.report({ messageId: "parametersType", at, path: [...path, "parameters", "type"], data: { type: describeValue(t) } });
          }
        };

        const holder = toolsHolder(record, ctx.format);
        if (!holder) return;
        const [obj, tb] = holder;
        const tools = own(obj, "tools");
        if (tools !== undefined) {
          if (!Array.isArray(tools)) ctx.report({ messageId: "notArray", at, path: [...tb, "tools"], data: { key: "tools", type: typeOf(tools) } });
          else {
            tools.forEach((t, j) => {
              if (!isObject(t)) return ctx.report({ messageId: "notObject", at, path: [...tb, "tools", j], data: { type: typeOf(t) } });
              const type = own(t, "type");
              if (type !== "function") ctx.report({ messageId: "type", at, path: [...tb, "tools", j, "type"], data: { type: describeValue(type) } });
              checkFunction(own(t, "function"), [...tb, "tools", j, "function"]);
            });
          }
        }
        const functions = own(obj, "functions");
        if (functions !== undefined) {
          if (!Array.isArray(functions)) ctx.report({ messageId: "notArray", at, path: [...tb, "functions"], data: { key: "functions", type: typeOf(functions) } });
          else {
            if (functions.length < 1 || functions.length > 128) ctx.report({ messageId: "functionsCount", at, path: [...tb, "functions"], data: { count: functions.length } });
            functions.forEach((f, j) => checkFunction(f, [...tb, "functions", j]));
          }
        }
        const parallel = own(obj, "parallel_tool_calls");
        if (parallel !== undefined && typeof parallel !== "boolean") {
          ctx.report({ messageId: "parallel", at, path: [...tb, "parallel_tool_calls"], data: { type: typeOf(parallel) } });
        }
      },
    };
  },
});
