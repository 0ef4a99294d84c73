import { defineRule } from "../core/rule.js";
import { own, typeOf } from "./util.js";

/** `instruction` is required; `input` and `system` are optional strings. */
export default defineRule({
  meta: {
    id: "alpaca-instruction-invalid",
    description: "An Alpaca record needs a string `instruction`; `input` and `system`, when present, are strings.",
    formats: ["alpaca"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Record has no `instruction`",
      type: "`{{key}}` must be a string, found {{type}}",
      empty: "`instruction` and `input` are both empty: the user turn says nothing",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const instruction = own(record, "instruction");
        if (instruction === undefined) ctx.report({ messageId: "missing", at });
        for (const key of ["instruction", "input", "system"]) {
          const v = own(record, key);
          // null input is how pandas writes an absent column; LLaMA-Factory treats it as empty.
          if (v !== undefined && typeof v !== "string" && !(key !== "instruction" && v === null)) ctx.report({ messageId: "type", at, path: [key], data: { key, type: typeOf(v) } });
        }
        const input = own(record, "input");
        if (typeof instruction === "string" && instruction.trim() === "" && (typeof input !== "string" || input.trim() === "")) {
          ctx.report({ messageId: "empty", at, path: ["instruction"] });
        }
      },
    };
  },
});
