import { defineRule } from "../core/rule.js";

/** OpenAI and Azure reject a training file with fewer than 10 examples. */
export default defineRule({
  meta: {
    id: "examples-min-count",
    description: "A training file needs at least the platform's minimum number of examples (10 for OpenAI).",
    formats: "*",
    defaultSeverity: "error",
    messages: { tooFew: "The file has {{count|plural:example}}; at least {{min}} are required" },
  },
  defaultOptions: { min: 10 },
  create(ctx) {
    let count = 0;
    return {
      raw() {
        count++;
      },
      end() {
        if (count < ctx.options.min) ctx.report({ messageId: "tooFew", data: { count, min: ctx.options.min } });
      },
    };
  },
});
