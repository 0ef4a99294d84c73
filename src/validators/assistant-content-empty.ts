import { defineRule } from "../core/rule.js";

/** An empty answer teaches the model to say nothing. Tool-calling turns are exempt. */
export default defineRule({
  meta: {
    id: "assistant-content-empty",
    description: "Assistant answers must not be empty or whitespace-only (unless the turn makes tool calls).",
    formats: "*",
    kinds: ["chat", "completion"],
    defaultSeverity: "error",
    messages: {
      empty: "Assistant answer is empty",
      whitespace: "Assistant answer is only whitespace",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        for (const m of example.messages) {
          if (m.role !== "assistant" || m.toolCalls || m.images > 0) continue;
          if (!m.hasContent) continue; // missing or not text (`"completion": 123`): the format's schema rule reports it
          if (m.text.trim() === "") {
            ctx.report({ messageId: m.text === "" ? "empty" : "whitespace", at, path: m.contentPath ?? [...m.path, "content"] });
          }
        }
      },
    };
  },
});
