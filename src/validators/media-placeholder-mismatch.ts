import { defineRule } from "../core/rule.js";
import type { FormatId, JsonObject } from "../core/canonical.js";
import { countPlaceholder, lfPlaceholderTexts, MEDIA, presetAttr, type LfAttr } from "../formats/llamafactory.js";
import { own, typeOf } from "./util.js";

/** How each LLaMA-Factory layout's record is read, for the texts whose placeholders count. */
function attrFor(format: FormatId | undefined, record: JsonObject): LfAttr {
  switch (format) {
    case "alpaca":
      return { formatting: "alpaca", ranking: false, columns: { prompt: "instruction", query: "input", response: "output", history: "history", system: "system" }, tags: presetAttr("sharegpt", record).tags };
    case "alpaca-ranking":
      return presetAttr("alpaca-ranking", record);
    case "sharegpt-ranking":
      return presetAttr("sharegpt-ranking", record);
    case "llamafactory-kto":
      return presetAttr("kto", record);
    case "llamafactory-messages":
      return presetAttr("messages", record);
    default:
      return presetAttr("sharegpt", record);
  }
}

/**
 * LLaMA-Factory multimodal data: the number of `<image>` / `<video>` / `<audio>` placeholders in the
 * messages must equal the number of files in the `images` / `videos` / `audios` column, or the example
 * fails at load time ("The number of images does not match the number of <image> tokens",
 * mm_plugin.py `_validate_messages` @ ff6d4d12eeb0). A ranking row is checked per side: the prompt with
 * the chosen answer, and the prompt with the rejected one (processor/pairwise.py).
 */
export default defineRule({
  meta: {
    id: "media-placeholder-mismatch",
    description: "LLaMA-Factory media columns (`images`, `videos`, `audios`) must hold one file per `<image>`/`<video>`/`<audio>` placeholder in the text.",
    formats: ["sharegpt", "alpaca", "sharegpt-ranking", "alpaca-ranking", "llamafactory-kto", "llamafactory-messages"],
    defaultSeverity: "error",
    messages: {
      mismatch: "The text has {{tokens}} {{placeholder}} placeholder(s) but `{{column}}` lists {{files}} file(s)",
      side: "The prompt and the {{side}} answer have {{tokens}} {{placeholder}} placeholder(s) but `{{column}}` lists {{files}} file(s)",
      type: "`{{column}}` must be a list of file paths, found {{type}}",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const { texts, sides } = lfPlaceholderTexts(record, attrFor(ctx.format, record));
        // The system prompt is not among the messages LLaMA-Factory counts, but a placeholder there is as lost.
        const sys = own(record, "system");
        if (typeof sys === "string") texts.push(sys);
        for (const [column, placeholder] of MEDIA) {
          const files = own(record, column);
          const list = sides ? sides.map((s) => countPlaceholder([...texts, ...s], placeholder)) : [countPlaceholder(texts, placeholder)];
          // Without a column, only stray placeholders are worth a look (the common case: none).
          if (files === undefined || files === null) {
            if (list.some((n) => n > 0)) ctx.report({ messageId: "mismatch", at, data: { tokens: Math.max(...list), placeholder, column, files: 0 } });
            continue;
          }
          if (!Array.isArray(files)) {
            ctx.report({ messageId: "type", at, path: [column], data: { column, type: typeOf(files) } });
            continue;
          }
          if (!sides) {
            if (files.length !== list[0]) ctx.report({ messageId: "mismatch", at, path: [column], data: { tokens: list[0]!, placeholder, column, files: files.length } });
            continue;
          }
          const bad = list.findIndex((n) => n !== files.length);
          if (bad >= 0) ctx.report({ messageId: "side", at, path: [column], data: { side: bad === 0 ? "chosen" : "rejected", tokens: list[bad]!, placeholder, column, files: files.length } });
        }
      },
    };
  },
});
