import { toolFunction, type CanonicalExample, type JsonObject } from "../core/canonical.js";
import { commonLosses, textMessage, withExtra } from "./chat-write.js";
import type { ConversionLoss, FormatModule, ToRecordResult } from "../core/format.js";
import { own } from "./json-utils.js";
import { chatMessages, chatTools } from "./openai-chat.js";
import { openaiMessages } from "./openai-chat-write.js";

/**
 * TRL prompt-only (GRPO, RLOO, online DPO; trl docs/source/dataset_formats.md @ f2cd577): `prompt` as a
 * string or a message list. Other columns (reference answers for reward functions) are passed to the
 * trainer as they are, so they are not "unknown keys".
 */
export const TRL_PROMPT_KEYS = ["prompt", "tools", "images"] as const;

function toCanonical(record: JsonObject): CanonicalExample | undefined {
  const p = own(record, "prompt");
  const extra: JsonObject = {};
  for (const k of Object.keys(record)) if (!(TRL_PROMPT_KEYS as readonly string[]).includes(k)) extra[k] = record[k]!;
  const messages = Array.isArray(p) ? (chatMessages(p, ["prompt"]) ?? []).map((m) => ({ ...m, trainable: false })) : [{ ...textMessage("user", p, ["prompt"]), trainable: false }];
  const ex: CanonicalExample = { kind: "prompt", format: "trl-prompt", messages, extra, raw: record, messagesPath: ["prompt"] };
  const tools = chatTools(record);
  if (tools) ex.tools = tools;
  return ex;
}

function toRecord(ex: CanonicalExample): ToRecordResult {
  const losses: ConversionLoss[] = commonLosses(ex, "trl-prompt", { names: true, callIds: true, weights: true });
  const record: JsonObject = ex.format === "trl-prompt" && typeof own(ex.raw, "prompt") === "string"
    ? { prompt: ex.messages[0]?.text ?? "" }
    : { prompt: openaiMessages(ex.messages, losses, { weights: false }) };
  if (ex.tools) record.tools = ex.tools.map((t) => ({ type: "function", function: toolFunction(t) }));
  return { record: withExtra(record, ex.extra, TRL_PROMPT_KEYS), losses };
}

export const trlPrompt: FormatModule = {
  id: "trl-prompt",
  kind: "prompt",
  description: "TRL prompt-only: {\"prompt\": \"…\" | [messages]} (GRPO, RLOO, online DPO)",
  keys: TRL_PROMPT_KEYS,
  signature: "`prompt` alone",
  detect(record) {
    if (!("prompt" in record)) return 0;
    if ("completion" in record || "chosen" in record || "rejected" in record || "label" in record || "completions" in record) return 0;
    return 8;
  },
  toCanonical,
  toRecord,
  accepts: ["prompt", "rft"],
};
