import { defineRule } from "../core/rule.js";

/** With every assistant turn at weight 0, the example trains nothing but still costs tokens. */
export default defineRule({
  meta: {
    id: "assistant-weight-all-zero",
    description: "At least one assistant message must be trained (weight 1 or no weight).",
    formats: "*",
    kinds: ["chat"],
    defaultSeverity: "error",
    messages: { allZero: "Every assistant message has weight 0: nothing to train on ({{count}} assistant messages)" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        const assistants = example.messages.filter((m) => m.role === "assistant");
        if (assistants.length > 0 && assistants.every((m) => !m.trainable)) {
          ctx.report({ messageId: "allZero", at, path: example.messagesPath ?? ["messages"], data: { count: assistants.length } });
        }
      },
    };
  },
});
