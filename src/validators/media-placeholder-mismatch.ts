import { defineRule } from "../core/rule.js";
import type { JsonObject } from "../core/canonical.js";
import { isObject, own, typeOf } from "./util.js";

const MEDIA = [
  ["images", "<image>"],
  ["videos", "<video>"],
  ["audios", "<audio>"],
] as const;

/**
 * LLaMA-Factory multimodal data: the number of `<image>` / `<video>` / `<audio>` placeholders in the
 * text must equal the number of files in the `images` / `videos` / `audios` column, or the example
 * fails at load time ("The number of images does not match the number of <image> tokens").
 */
export default defineRule({
  meta: {
    id: "media-placeholder-mismatch",
    description: "LLaMA-Factory media columns (`images`, `videos`, `audios`) must hold one file per `<image>`/`<video>`/`<audio>` placeholder in the text.",
    formats: ["sharegpt", "alpaca"],
    defaultSeverity: "error",
    messages: {
      mismatch: "The text has {{tokens}} {{placeholder}} placeholder(s) but `{{column}}` lists {{files}} file(s)",
      type: "`{{column}}` must be a list of file paths, found {{type}}",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        for (const [column, placeholder] of MEDIA) {
          const files = own(record, column);
          // Without a column, only stray <image> placeholders are worth a look (the common case: none).
          if ((files === undefined || files === null) && column !== "images") continue;
          const tokens = countInRecord(record, placeholder);
          if (files === undefined || files === null) {
            if (tokens > 0) ctx.report({ messageId: "mismatch", at, data: { tokens, placeholder, column, files: 0 } });
            continue;
          }
          if (!Array.isArray(files)) {
            ctx.report({ messageId: "type", at, path: [column], data: { column, type: typeOf(files) } });
            continue;
          }
          if (files.length !== tokens) ctx.report({ messageId: "mismatch", at, path: [column], data: { tokens, placeholder, column, files: files.length } });
        }
      },
    };
  },
});

function count(s: unknown, needle: string): number {
  if (typeof s !== "string") return 0;
  let n = 0;
  for (let i = s.indexOf(needle); i !== -1; i = s.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Placeholders in every text field LLaMA-Factory reads (turn values; instruction, input, output, system, history). */
function countInRecord(record: JsonObject, needle: string): number {
  let n = 0;
  const conv = own(record, "conversations");
  if (Array.isArray(conv)) for (const t of conv) if (isObject(t)) n += count(own(t, "value"), needle);
  for (const k of ["instruction", "input", "output", "system"]) n += count(own(record, k), needle);
  const history = own(record, "history");
  if (Array.isArray(history)) for (const p of history) if (Array.isArray(p)) for (const s of p) n += count(s, needle);
  return n;
}
