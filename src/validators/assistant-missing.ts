import { defineRule } from "../core/rule.js";

/** An example without an assistant message has nothing to train on. */
export default defineRule({
  meta: {
    id: "assistant-missing",
    description: "A chat example needs at least one assistant message to train on.",
    formats: "*",
    kinds: ["chat"],
    defaultSeverity: "error",
    messages: { missing: "Example has no assistant message: nothing to train on" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        if (example.messages.length > 0 && !example.messages.some((m) => m.role === "assistant")) {
          ctx.report({ messageId: "missing", at, path: example.messagesPath ?? ["messages"] });
        }
      },
    };
  },
});
