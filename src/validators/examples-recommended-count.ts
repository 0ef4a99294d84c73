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
  },
  defaultOptions: { recommended: 50, min: 10 },
  create(ctx) {
    let count = 0;
    return {
      raw() {
        count++;
      },
      end() {
        // Below the minimum, examples-min-count already speaks.
        if (count >= ctx.options.min && count < ctx.options.recommended) {
          ctx.report({ messageId: "few", data: { count, recommended: ctx.options.recommended } });
        }
      },
    };
  },
});
