import { defineRule } from "../core/rule.js";

/** Chat templates put the system prompt first; one later in the conversation is usually a merge bug. */
export default defineRule({
  meta: {
    id: "system-message-position",
    description: "A system message should be the first message.",
    formats: "*",
    kinds: ["chat"],
    defaultSeverity: "warning",
    group: true,
    messages: { notFirst: "System message at position {{index}} is not first; chat templates expect it at the start" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        example.messages.forEach((m, i) => {
          if (i > 0 && m.role === "system") ctx.report({ messageId: "notFirst", at, path: m.path, data: { index: i } });
        });
      },
    };
  },
});
