import { defineRule } from "../core/rule.js";

/**
 * When the first trained token lies past the limit, truncation removes every trained token: the
 * example costs money and teaches nothing. Needs token counts (lint --model, stats).
 */
export default defineRule({
  meta: {
    id: "trained-tokens-beyond-limit",
    description: "The trained answer starts beyond the model's token limit, so truncation would cut it off entirely.",
    formats: "*",
    defaultSeverity: "error",
    messages: {
      beyond: "The trained answer starts at token {{start}}, beyond the {{limit}}-token limit of {{model}}: truncation cuts it off entirely, so the example trains nothing",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        const t = example.tokens;
        if (!t || t.limit === undefined || t.trainedStart === undefined || t.trained === 0) return;
        if (t.trainedStart < t.limit) return;
        ctx.report({ messageId: "beyond", at, data: { start: t.trainedStart, limit: t.limit, model: t.model } });
      },
    };
  },
});
