import { defineRule } from "../core/rule.js";
import { isObject, own, typeOf } from "./util.js";

/** ShareGPT structure: a non-empty `conversations` list of {from, value} turns with string values. */
export default defineRule({
  meta: {
    id: "sharegpt-conversations-invalid",
    description: "A ShareGPT record needs a non-empty `conversations` list of {from, value} objects with string values (and a string `system`).",
    formats: ["sharegpt"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Record has no `conversations`",
      notArray: "`conversations` must be a list, found {{type}}",
      empty: "`conversations` is empty",
      turnNotObject: "Turn {{index}} must be an object with `from` and `value`, found {{type}}",
      noFrom: "Turn {{index}} has no `from`",
      noValue: "Turn {{index}} has no `value`",
      valueType: "Turn {{index}}: `value` must be a string, found {{type}}",
      systemType: "`system` must be a string, found {{type}}",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const system = own(record, "system");
        if (system !== undefined && typeof system !== "string") ctx.report({ messageId: "systemType", at, path: ["system"], data: { type: typeOf(system) } });
        const conv = own(record, "conversations");
        if (conv === undefined) return ctx.report({ messageId: "missing", at });
        if (!Array.isArray(conv)) return ctx.report({ messageId: "notArray", at, path: ["conversations"], data: { type: typeOf(conv) } });
        if (conv.length === 0) return ctx.report({ messageId: "empty", at, path: ["conversations"] });
        conv.forEach((t, i) => {
          const path = ["conversations", i];
          if (!isObject(t)) return ctx.report({ messageId: "turnNotObject", at, path, data: { index: i, type: typeOf(t) } });
          if (own(t, "from") === undefined) {
            const hint = "role" in t ? "this turn uses OpenAI's {role, content}; ShareGPT uses {from, value} (or map the tags in LLaMA-Factory's dataset_info.json)" : undefined;
            ctx.report({ messageId: "noFrom", at, path, data: { index: i }, ...(hint ? { hint } : {}) });
          }
          const v = own(t, "value");
          if (v === undefined) ctx.report({ messageId: "noValue", at, path, data: { index: i } });
          else if (typeof v !== "string") ctx.report({ messageId: "valueType", at, path: [...path, "value"], data: { index: i, type: typeOf(v) } });
        });
      },
    };
  },
});
