import { defineRule } from "../core/rule.js";

/**
 * OpenAI truncates a training example longer than the model's limit ("removes tokens from the end"),
 * silently. Needs token counts: runs only when a model or tokenizer is given (lint --model, stats).
 */
export default defineRule({
  meta: {
    id: "example-tokens-over-limit",
    description: "An example longer than the model's per-example token limit is truncated from the end.",
    formats: "*",
    defaultSeverity: "error",
    messages: {
      over: "Example has {{count}} tokens, over the {{limit}}-token limit of {{model}} by {{over}}: it will be truncated (tokens removed from the end)",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        const t = example.tokens;
        if (!t || t.limit === undefined || t.sequence <= t.limit) return;
        ctx.report({
          messageId: "over",
          at,
          data: { count: t.sequence, limit: t.limit, model: t.model, over: t.sequence - t.limit },
          hint: "shorten or split the conversation",
        });
      },
    };
  },
});
