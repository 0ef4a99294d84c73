import { defineRule } from "../core/rule.js";
import { isObject, own, typeOf } from "./util.js";

/** Gemini structure: a non-empty `contents` list of {role, parts} and, optionally, `systemInstruction: {parts}`. */
export default defineRule({
  meta: {
    id: "gemini-contents-invalid",
    description: "A Gemini record needs a non-empty `contents` list of {role, parts: [...]} objects; `systemInstruction` is {parts}.",
    formats: ["gemini"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Record has no `contents`",
      notArray: "`contents` must be a list, found {{type}}",
      empty: "`contents` is empty",
      notObject: "Content {{index}} must be an object with `role` and `parts`, found {{type}}",
      parts: "Content {{index}} needs a non-empty `parts` list",
      system: "`{{key}}` must be an object with a `parts` list of {text} parts",
      both: "Both `systemInstruction` and `system_instruction` are set; use one",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        if ("systemInstruction" in record && "system_instruction" in record) ctx.report({ messageId: "both", at, path: ["system_instruction"] });
        for (const key of ["systemInstruction", "system_instruction"]) {
          const sys = own(record, key);
          if (sys !== undefined && (!isObject(sys) || !Array.isArray(own(sys, "parts")))) ctx.report({ messageId: "system", at, path: [key], data: { key } });
        }
        const contents = own(record, "contents");
        if (contents === undefined) return ctx.report({ messageId: "missing", at });
        if (!Array.isArray(contents)) return ctx.report({ messageId: "notArray", at, path: ["contents"], data: { type: typeOf(contents) } });
        if (contents.length === 0) return ctx.report({ messageId: "empty", at, path: ["contents"] });
        contents.forEach((c, i) => {
          if (!isObject(c)) return ctx.report({ messageId: "notObject", at, path: ["contents", i], data: { index: i, type: typeOf(c) } });
          const parts = own(c, "parts");
          if (!Array.isArray(parts) || parts.length === 0) ctx.report({ messageId: "parts", at, path: ["contents", i, "parts"], data: { index: i } });
        });
      },
    };
  },
});
