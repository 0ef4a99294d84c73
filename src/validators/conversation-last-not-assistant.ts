import { defineRule } from "../core/rule.js";

/** Turns after the last assistant answer are never trained: wasted tokens, often a truncated export. */
export default defineRule({
  meta: {
    id: "conversation-last-not-assistant",
    description: "A chat example should end with an assistant turn; later turns are not trained.",
    formats: "*",
    kinds: ["chat"],
    defaultSeverity: "warning",
    group: true,
    messages: { last: "Conversation ends with {{role|a}} message, not an assistant answer; it is not trained" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        const last = example.messages[example.messages.length - 1];
        if (!last || last.role === "assistant" || !example.messages.some((m) => m.role === "assistant")) return;
        ctx.report({ messageId: "last", at, path: last.path, data: { role: last.role || "role-less" } });
      },
    };
  },
});
