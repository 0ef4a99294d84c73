import { defineRule } from "../core/rule.js";
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
    const texts = (record: Record<string, unknown>): string[] => {
      const out: string[] = [];
      const conv = own(record as never, "conversations");
      if (Array.isArray(conv)) for (const t of conv) if (isObject(t) && typeof own(t, "value") === "string") out.push(own(t, "value") as string);
      for (const k of ["instruction", "input", "output", "system"]) if (typeof record[k] === "string") out.push(record[k] as string);
      const history = record.history;
      if (Array.isArray(history)) for (const p of history) if (Array.isArray(p)) for (const s of p) if (typeof s === "string") out.push(s);
      return out;
    };
    return {
      raw(record, at) {
        let all: string[] | undefined;
        for (const [column, placeholder] of MEDIA) {
          const files = own(record, column);
          all ??= texts(record);
          const tokens = all.reduce((n, s) => n + s.split(placeholder).length - 1, 0);
          if (files === undefined || files === null) {
            if (tokens > 0 && column === "images") ctx.report({ messageId: "mismatch", at, data: { tokens, placeholder, column, files: 0 } });
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
