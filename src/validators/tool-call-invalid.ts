import { defineRule } from "../core/rule.js";
import { describeValue, FUNCTION_NAME, isObject, own, roleOf, typeOf } from "./util.js";
import { formatMessages } from "./message-lists.js";

/** `tool_calls` items are `{id, type: "function", function: {name, arguments}}` with unique ids. */
export default defineRule({
  meta: {
    id: "tool-call-invalid",
    description: "Assistant `tool_calls` must be a non-empty array of {id, type: \"function\", function: {name, arguments}} with unique ids.",
    formats: ["openai-chat", "openai-dpo", "openai-rft"],
    defaultSeverity: "error",
    group: true,
    messages: {
      notAssistant: "`tool_calls` is only allowed on assistant messages",
      notArray: "`tool_calls` must be a non-empty array, found {{type}}",
      notObject: "Tool call must be an object, found {{type}}",
      id: "Tool call needs a string `id`",
      duplicateId: "Tool call id \"{{id}}\" is used twice in this example",
      type: "Tool call `type` must be \"function\", found {{type}}",
      function: "Tool call needs a `function` object with `name` and `arguments`",
      name: "Function name {{name}} must be 1-64 letters, digits, underscores or dashes",
      arguments: "`function.arguments` must be a JSON-encoded string, found {{type}}",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        // Ids are unique within one message list: a DPO pair's two outputs are alternatives and may reuse one.
        const seenByList = new Map<string, Set<string>>();
        for (const [m, mp] of formatMessages(record, ctx.format)) {
          const calls = own(m, "tool_calls");
          if (calls === undefined) continue;
          const base = [...mp, "tool_calls"];
          const listKey = mp.slice(0, -1).join("/");
          const seen = seenByList.get(listKey) ?? new Set<string>();
          seenByList.set(listKey, seen);
          if (roleOf(m) !== "assistant") {
            ctx.report({ messageId: "notAssistant", at, path: base });
            continue;
          }
          if (!Array.isArray(calls) || calls.length === 0) {
            ctx.report({ messageId: "notArray", at, path: base, data: { type: Array.isArray(calls) ? "an empty array" : typeOf(calls) } });
            continue;
          }
          calls.forEach((c, j) => {
            const p = [...base, j];
            if (!isObject(c)) return ctx.report({ messageId: "notObject", at, path: p, data: { type: typeOf(c) } });
            const id = own(c, "id");
            if (typeof id !== "string" || id === "") ctx.report({ messageId: "id", at, path: [...p, "id"] });
            else if (seen.has(id)) ctx.report({ messageId: "duplicateId", at, path: [...p, "id"], data: { id } });
            else seen.add(id);
            const type = own(c, "type");
            if (type !== "function") ctx.report({ messageId: "type", at, path: [...p, "type"], data: { type: describeValue(type) } });
            const fn = own(c, "function");
            if (!isObject(fn)) return ctx.report({ messageId: "function", at, path: [...p, "function"] });
            const name = own(fn, "name");
            if (typeof name !== "string" || !FUNCTION_NAME.test(name)) {
              ctx.report({ messageId: "name", at, path: [...p, "function", "name"], data: { name: describeValue(name) } });
            }
            const args = own(fn, "arguments");
            if (typeof args !== "string") ctx.report({ messageId: "arguments", at, path: [...p, "function", "arguments"], data: { type: typeOf(args) } });
          });
        }
      },
    };
  },
});
