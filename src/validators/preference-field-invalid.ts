import type { JsonValue } from "../core/canonical.js";
import { defineRule } from "../core/rule.js";
import { isConversational } from "../formats/trl-common.js";
import { isObject, own, typeOf } from "./util.js";

/** TRL columns are strings ("standard") or message lists ("conversational"), the same kind in every column of a row. */
export default defineRule({
  meta: {
    id: "preference-field-invalid",
    description: "TRL preference rows: `prompt` (optional for pairs), `chosen`/`rejected` or `completion` are strings or lists of {role, content} messages, all of the same kind; KTO `label` is a boolean.",
    formats: ["trl-preference", "trl-kto"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Row has no `{{key}}`",
      type: "`{{key}}` must be a string or a list of {role, content} messages, found {{type}}",
      message: "`{{key}}[{{index}}]` must be a message object with a string `role`",
      mixed: "`{{key}}` is {{kind}} but `{{other}}` is {{otherKind}}; TRL needs every column of a row in the same form",
      label: "`label` must be true or false, found {{value}}",
    },
  },
  defaultOptions: {},
  create(ctx) {
    const kto = ctx.format === "trl-kto";
    const required = kto ? ["prompt", "completion"] : ["chosen", "rejected"];
    const columns = kto ? ["prompt", "completion"] : ["prompt", "chosen", "rejected"];
    const kind = (v: JsonValue) => (typeof v === "string" ? "a string" : isConversational(v) ? "a message list" : "empty");
    return {
      raw(record, at) {
        for (const key of required) if (own(record, key) === undefined) ctx.report({ messageId: "missing", at, data: { key } });
        let first: [string, string] | undefined;
        for (const key of columns) {
          const v = own(record, key);
          if (v === undefined) continue;
          if (typeof v !== "string" && !Array.isArray(v)) {
            ctx.report({ messageId: "type", at, path: [key], data: { key, type: typeOf(v) } });
            continue;
          }
          if (Array.isArray(v)) {
            const bad = v.findIndex((m) => !isObject(m) || typeof own(m, "role") !== "string");
            if (bad >= 0) {
              ctx.report({ messageId: "message", at, path: [key, bad], data: { key, index: bad } });
              continue;
            }
          }
          const k = kind(v);
          if (k === "empty") continue;
          if (!first) first = [key, k];
          else if (first[1] !== k) ctx.report({ messageId: "mixed", at, path: [key], data: { key, kind: k, other: first[0], otherKind: first[1] } });
        }
        if (kto) {
          const label = own(record, "label");
          if (label === undefined) ctx.report({ messageId: "missing", at, data: { key: "label" } });
          else if (typeof label !== "boolean") ctx.report({ messageId: "label", at, path: ["label"], data: { value: JSON.stringify(label) } });
        }
      },
    };
  },
});
