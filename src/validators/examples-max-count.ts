import { defineRule } from "../core/rule.js";

/** Platforms cap the examples per training file (Fireworks: 3 million; Vertex: 1 million text examples). */
export default defineRule({
  meta: {
    id: "examples-max-count",
    description: "A training file must not hold more examples than the target platform accepts (set by `--target`; off by default).",
    formats: "*",
    defaultSeverity: "off",
    messages: { tooMany: "The file has {{count|plural:example}}; at most {{max}} are accepted" },
    schema: (z) =>
      z.strictObject({
        max: z.optional(z.int().check(z.minimum(0), z.describe("Most examples the platform accepts (0: no limit)."))),
      }),
  },
  defaultOptions: { max: 0 },
  create(ctx) {
    let count = 0;
    return {
      // Counted from keys, so the parallel lint counts the records of every shard.
      keyed: { of: "raw", words: 0, key: () => true, collect: () => void count++ },
      end() {
        if (ctx.options.max > 0 && count > ctx.options.max) ctx.report({ messageId: "tooMany", data: { count, max: ctx.options.max } });
      },
    };
  },
});
