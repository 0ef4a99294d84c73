import { defineRule } from "../core/rule.js";

/** An empty user turn usually means a template or export bug. */
export default defineRule({
  meta: {
    id: "user-content-empty",
    description: "User messages should not be empty or whitespace-only.",
    formats: "*",
    kinds: ["chat"],
    defaultSeverity: "warning",
    messages: { empty: "User message is empty" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        for (const m of example.messages) {
          if (m.role === "user" && m.hasContent && m.images === 0 && m.text.trim() === "") {
            ctx.report({ messageId: "empty", at, path: m.contentPath ?? [...m.path, "content"] });
          }
        }
      },
    };
  },
});
