import { defineRule } from "../core/rule.js";
import { CHAT_KEYS } from "../formats/openai-chat.js";
import { getFormat } from "../formats/index.js";
import { preview } from "./util.js";

/** Top-level keys outside the format: harmless for some trainers, rejected by others (Together). */
export default defineRule({
  meta: {
    id: "record-key-unknown",
    description: "Top-level keys should be ones the format defines; platforms disagree on extra keys.",
    formats: ["openai-chat", "prompt-completion", "text", "trl-prompt-completion", "sharegpt", "alpaca", "gemini", "bedrock-conversation", "sharegpt-ranking", "alpaca-ranking", "llamafactory-kto", "llamafactory-messages", "llamafactory-v1", "llamafactory-v1-dpo"],
    defaultSeverity: "warning",
    group: true,
    messages: { unknown: "Unknown top-level key \"{{key}}\" (the format defines: {{allowed}})" },
  },
  defaultOptions: {},
  create(ctx) {
    const keys: readonly string[] = (ctx.format && getFormat(ctx.format)?.keys) || CHAT_KEYS;
    return {
      raw(record, at) {
        for (const key of Object.keys(record)) {
          if (!keys.includes(key)) {
            ctx.report({ messageId: "unknown", at, path: [key], data: { key: preview(key), allowed: keys.join(", ") } });
          }
        }
      },
    };
  },
});
