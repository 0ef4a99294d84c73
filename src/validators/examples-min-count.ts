import { defineRule } from "../core/rule.js";

/** OpenAI and Azure reject a training file with fewer than 10 examples. */
export default defineRule({
  meta: {
    id: "examples-min-count",
    description: "A training file needs at least the platform's minimum number of examples (10 for OpenAI).",
    formats: "*",
    defaultSeverity: "error",
    messages: { tooFew: "The file has {{count|plural:example}}; at least {{min}} are required" },
    schema: (z) =>
      z.strictObject({
        min: z.optional(z.int().check(z.minimum(0), z.describe("Fewest examples a training file must hold (default 10)."))),
      }),
  },
  defaultOptions: { min: 10 },
  create(ctx) {
    let count = 0;
    return {
      // Counted from keys, so the parallel lint counts the records of every shard.
      keyed: { of: "raw", words: 0, key: () => true, collect: () => void count++ },
      end() {
        if (count < ctx.options.min) ctx.report({ messageId: "tooFew", data: { count, min: ctx.options.min } });
      },
    };
  },
});
