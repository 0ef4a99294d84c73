import { defineRule } from "../core/rule.js";
import { CHAT_KEYS } from "../formats/openai-chat.js";
import { preview } from "./util.js";

/** Top-level keys outside the format: harmless for some trainers, rejected by others (Together). */
export default defineRule({
  meta: {
    id: "record-key-unknown",
    description: "Top-level keys should be ones the format defines; platforms disagree on extra keys.",
    formats: ["openai-chat"],
    defaultSeverity: "warning",
    messages: { unknown: "Unknown top-level key \"{{key}}\" (the format defines: {{allowed}})" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        for (const key of Object.keys(record)) {
          if (!(CHAT_KEYS as readonly string[]).includes(key)) {
            ctx.report({ messageId: "unknown", at, path: [key], data: { key: preview(key), allowed: CHAT_KEYS.join(", ") } });
          }
        }
      },
    };
  },
});
