import { defineRule } from "../core/rule.js";
import { own, typeOf } from "./util.js";

/** A text record trains on its `text`: it must be a non-empty string. */
export default defineRule({
  meta: {
    id: "text-invalid",
    description: "A text record needs a non-empty string `text`.",
    formats: ["text"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Record has no `text`",
      type: "`text` must be a string, found {{type}}",
      empty: "`text` is empty",
      whitespace: "`text` is only whitespace",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const t = own(record, "text");
        if (t === undefined) ctx.report({ messageId: "missing", at });
        else if (typeof t !== "string") ctx.report({ messageId: "type", at, path: ["text"], data: { type: typeOf(t) } });
        else if (t === "") ctx.report({ messageId: "empty", at, path: ["text"] });
        else if (t.trim() === "") ctx.report({ messageId: "whitespace", at, path: ["text"] });
      },
    };
  },
});
