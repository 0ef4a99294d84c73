import { defineRule, type RecordLocation } from "../core/rule.js";
import { MEDIA_PARTS } from "../formats/gemini.js";
import { isObject, own, typeOf } from "./util.js";

const PART_KEYS = ["text", "functionCall", "functionResponse", "thought", "thoughtSignature", ...MEDIA_PARTS];

/** Each part holds exactly one kind of data, with the shape the Gemini API defines. */
export default defineRule({
  meta: {
    id: "gemini-part-invalid",
    description: "Gemini parts must be {text}, {fileData: {mimeType, fileUri}}, {inlineData}, {functionCall: {name, args}} or {functionResponse: {name, response}}.",
    formats: ["gemini"],
    defaultSeverity: "error",
    group: true,
    messages: {
      notObject: "Part must be an object, found {{type}}",
      unknown: "Part has no known data key (text, fileData, inlineData, functionCall, functionResponse); found {{keys}}",
      text: "`text` must be a string, found {{type}}",
      fileData: "`fileData` needs string `mimeType` and `fileUri`",
      functionCall: "`functionCall` needs a string `name` and an object `args`",
      functionResponse: "`functionResponse` needs a string `name` and an object `response`",
      callInUser: "A functionCall part belongs in a model turn, not {{role|a}} turn",
    },
  },
  defaultOptions: {},
  create(ctx) {
    const check = (parts: unknown, base: (string | number)[], role: unknown, at: RecordLocation) => {
      if (!Array.isArray(parts)) return;
      parts.forEach((p, j) => {
        const path = [...base, j];
        if (!isObject(p)) return ctx.report({ messageId: "notObject", at, path, data: { type: typeOf(p) } });
        if (!PART_KEYS.some((k) => k in p)) return ctx.report({ messageId: "unknown", at, path, data: { keys: Object.keys(p).join(", ") || "none" } });
        const text = own(p, "text");
        if (text !== undefined && typeof text !== "string") ctx.report({ messageId: "text", at, path: [...path, "text"], data: { type: typeOf(text) } });
        const fd = own(p, "fileData") ?? own(p, "file_data");
        if (fd !== undefined && (!isObject(fd) || typeof (own(fd, "mimeType") ?? own(fd, "mime_type")) !== "string" || typeof (own(fd, "fileUri") ?? own(fd, "file_uri")) !== "string")) {
          ctx.report({ messageId: "fileData", at, path: [...path, "fileData"] });
        }
        const fc = own(p, "functionCall");
        if (fc !== undefined) {
          if (!isObject(fc) || typeof own(fc, "name") !== "string" || (own(fc, "args") !== undefined && !isObject(own(fc, "args")))) ctx.report({ messageId: "functionCall", at, path: [...path, "functionCall"] });
          else if (role !== "model" && typeof role === "string") ctx.report({ messageId: "callInUser", at, path: [...path, "functionCall"], data: { role } });
        }
        const fr = own(p, "functionResponse");
        if (fr !== undefined && (!isObject(fr) || typeof own(fr, "name") !== "string" || !isObject(own(fr, "response")))) ctx.report({ messageId: "functionResponse", at, path: [...path, "functionResponse"] });
      });
    };
    return {
      raw(record, at) {
        for (const key of ["systemInstruction", "system_instruction"]) {
          const sys = own(record, key);
          if (isObject(sys)) check(own(sys, "parts"), [key, "parts"], "system", at);
        }
        const contents = own(record, "contents");
        if (!Array.isArray(contents)) return;
        contents.forEach((c, i) => {
          if (isObject(c)) check(own(c, "parts"), ["contents", i, "parts"], own(c, "role"), at);
        });
      },
    };
  },
});
