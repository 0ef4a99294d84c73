import type { CanonicalExample } from "../core/canonical.js";
import { textMessage, withExtra } from "./chat-write.js";
import type { FormatModule, ToRecordResult } from "../core/format.js";
import { own } from "./json-utils.js";
import { extraFields } from "./openai-chat.js";

/**
 * `{"text": "…"}`: TRL language modelling (standard), Together "general", mistral-finetune pretraining,
 * LLaMA-Factory pre-training, Axolotl `completion`. The whole text is trained.
 */
export const TEXT_KEYS = ["text"] as const;

function toRecord(ex: CanonicalExample): ToRecordResult {
  return { record: withExtra({ text: ex.messages.map((m) => m.text).join("\n") }, ex.extra, TEXT_KEYS), losses: [] };
}

export const text: FormatModule = {
  id: "text",
  kind: "text",
  description: "Plain text: {\"text\": \"…\"} (pre-training / language modelling)",
  keys: TEXT_KEYS,
  signature: "`text` string",
  detect(record) {
    const t = own(record, "text");
    if (t === undefined) return 0;
    return typeof t === "string" ? 10 : 4;
  },
  toCanonical: (record): CanonicalExample => ({
    kind: "text",
    format: "text",
    messages: [textMessage("assistant", own(record, "text"), ["text"])],
    extra: extraFields(record, TEXT_KEYS),
    raw: record,
    messagesPath: ["text"],
  }),
  toRecord,
};
