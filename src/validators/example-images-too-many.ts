import { defineRule } from "../core/rule.js";

/** OpenAI vision fine-tuning: at most 10 images per example (Azure documents 64; `--target` sets it). */
export default defineRule({
  meta: {
    id: "example-images-too-many",
    description: "An example may hold at most the platform's number of images (10 for OpenAI, 64 for Azure).",
    formats: "*",
    defaultSeverity: "error",
    messages: { tooMany: "Example has {{count|plural:image}}; at most {{max}} are accepted" },
  },
  defaultOptions: { max: 10 },
  create(ctx) {
    return {
      record(example, at) {
        let count = 0;
        for (const list of [example.messages, example.chosen, example.rejected]) if (list) for (const m of list) count += m.images;
        if (ctx.options.max > 0 && count > ctx.options.max) ctx.report({ messageId: "tooMany", at, data: { count, max: ctx.options.max } });
      },
    };
  },
});
