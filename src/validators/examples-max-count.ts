import { defineRule } from "../core/rule.js";

/** Platforms cap the examples per training file (Fireworks: 3 million; Vertex: 1 million text examples). */
export default defineRule({
  meta: {
    id: "examples-max-count",
    description: "A training file must not hold more examples than the target platform accepts (set by `--target`; off by default).",
    formats: "*",
    defaultSeverity: "off",
    messages: { tooMany: "The file has {{count|plural:example}}; at most {{max}} are accepted" },
  },
  defaultOptions: { max: 0 },
  create(ctx) {
    let count = 0;
    return {
      raw() {
        count++;
      },
      end() {
        if (ctx.options.max > 0 && count > ctx.options.max) ctx.report({ messageId: "tooMany", data: { count, max: ctx.options.max } });
      },
    };
  },
});
