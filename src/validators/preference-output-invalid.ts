import { defineRule } from "../core/rule.js";
import { isObject, own, roleOf, typeOf } from "./util.js";

/** Each output is a list of exactly one assistant message (OpenAPI maxItems 1; Together requires exactly one). */
export default defineRule({
  meta: {
    id: "preference-output-invalid",
    description: "`preferred_output` and `non_preferred_output` must each be an array of exactly one assistant message.",
    formats: ["openai-dpo"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Preference row has no `{{key}}`",
      notArray: "`{{key}}` must be an array holding one assistant message, found {{type}}",
      count: "`{{key}}` must hold exactly one assistant message, found {{count}}",
      notObject: "`{{key}}[0]` must be a message object, found {{type}}",
      role: "`{{key}}[0]` must be an assistant message, found role \"{{role}}\"",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        for (const key of ["preferred_output", "non_preferred_output"]) {
          const v = own(record, key);
          if (v === undefined) {
            // A legacy *_completion key stands in for it: preference-field-legacy names the rename.
            if (own(record, key.replace("_output", "_completion")) === undefined) ctx.report({ messageId: "missing", at, data: { key } });
            continue;
          }
          if (!Array.isArray(v)) {
            ctx.report({ messageId: "notArray", at, path: [key], data: { key, type: typeOf(v) } });
            continue;
          }
          if (v.length !== 1) ctx.report({ messageId: "count", at, path: [key], data: { key, count: v.length } });
          const m = v[0];
          if (m === undefined) continue;
          if (!isObject(m)) ctx.report({ messageId: "notObject", at, path: [key, 0], data: { key, type: typeOf(m) } });
          else if (roleOf(m) !== "assistant") ctx.report({ messageId: "role", at, path: [key, 0, "role"], data: { key, role: String(own(m, "role") ?? "none") } });
        }
      },
    };
  },
});
