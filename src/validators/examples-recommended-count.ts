import { defineRule } from "../core/rule.js";

/** OpenAI's guide: start with 50 well-crafted examples and grow only if they help. */
export default defineRule({
  meta: {
    id: "examples-recommended-count",
    description: "Fine-tuning guides advise starting from about 50 well-crafted examples.",
    formats: "*",
    defaultSeverity: "info",
    messages: {
      few: "The file has {{count|plural:example}}; start from about {{recommended}} well-crafted ones and add more only if they measurably help",
    },
    schema: (z) =>
      z.strictObject({
        recommended: z.optional(z.int().check(z.minimum(0), z.describe("Examples the platform recommends (default 50)."))),
        min: z.optional(z.int().check(z.minimum(0), z.describe("Below this the stricter examples-min-count reports instead (default 10)."))),
      }),
  },
  defaultOptions: { recommended: 50, min: 10 },
  create(ctx) {
    let count = 0;
    return {
      // Counted from keys, so the parallel lint counts the records of every shard.
      keyed: { of: "raw", words: 0, key: () => true, collect: () => void count++ },
      end() {
        // Below the minimum, examples-min-count already speaks.
        if (count >= ctx.options.min && count < ctx.options.recommended) {
          ctx.report({ messageId: "few", data: { count, recommended: ctx.options.recommended } });
        }
      },
    };
  },
});
