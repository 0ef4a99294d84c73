import { toolFunction, type CanonicalExample, type JsonObject } from "../core/canonical.js";
import { commonLosses, promptTurnLosses, splitTrailingAnswer, withExtra } from "./chat-write.js";
import type { ConversionLoss, FormatModule, ToRecordResult } from "../core/format.js";
import { own } from "./json-utils.js";
import { chatMessages, chatTools, extraFields } from "./openai-chat.js";
import { openaiMessages } from "./openai-chat-write.js";
import { isContentParts, stringPromptCompletion } from "./prompt-completion.js";

/**
 * TRL prompt-completion (huggingface/trl docs/source/dataset_formats.md @ f2cd577): standard
 * `{prompt: str, completion: str}` or conversational `{prompt: [messages], completion: [messages]}`,
 * with an optional `tools` column. The completion is trained (`completion_only_loss`).
 */
export const TRL_PROMPT_COMPLETION_KEYS = ["prompt", "completion", "tools", "images"] as const;

function toCanonical(record: JsonObject): CanonicalExample | undefined {
  const p = own(record, "prompt");
  const c = own(record, "completion");
  if (!Array.isArray(p) && !Array.isArray(c)) return { ...stringPromptCompletion(record, "trl-prompt-completion"), extra: extraFields(record, TRL_PROMPT_COMPLETION_KEYS) };
  const prompt = (chatMessages(p, ["prompt"]) ?? []).map((m) => ({ ...m, trainable: false }));
  const completion = (chatMessages(c, ["completion"]) ?? []).map((m) => ({ ...m, trainable: m.role === "assistant" }));
  const ex: CanonicalExample = { kind: "completion", format: "trl-prompt-completion", messages: [...prompt, ...completion], extra: extraFields(record, TRL_PROMPT_COMPLETION_KEYS), raw: record, messagesPath: ["completion"] };
  const tools = chatTools(record);
  if (tools) ex.tools = tools;
  return ex;
}

function toRecord(ex: CanonicalExample): ToRecordResult {
  const losses: ConversionLoss[] = commonLosses(ex, "trl-prompt-completion", { names: true, callIds: true, weights: true });
  const raw = ex.raw;
  // A standard (string) source stays standard: TRL would otherwise apply a chat template to it.
  if ((ex.format === "prompt-completion" || ex.format === "trl-prompt-completion") && typeof own(raw, "prompt") === "string") {
    return { record: withExtra({ prompt: ex.messages[0]?.text ?? "", completion: ex.messages[1]?.text ?? "" }, ex.extra, TRL_PROMPT_COMPLETION_KEYS), losses };
  }
  const { prompt, answer } = splitTrailingAnswer(ex.messages);
  if (answer.length === 0) return { losses, error: "the example does not end with an assistant answer to use as the completion" };
  if (prompt.length === 0) return { losses, error: "the example has no prompt before its answer" };
  losses.push(...promptTurnLosses(prompt, "trl-prompt-completion"));
  for (const m of answer) if (!m.trainable) losses.push({ what: "weight 0 on a completion message (TRL trains the whole completion)", path: m.path });
  // TRL has no per-message weight: earlier assistant turns sit in the prompt and are not trained anyway.
  const all = openaiMessages([...prompt, ...answer], losses, { weights: false });
  const record: JsonObject = { prompt: all.slice(0, prompt.length), completion: all.slice(prompt.length) };
  if (ex.tools) {
    record.tools = ex.tools.map((t) => ({ type: "function", function: toolFunction(t) }));
  }
  return { record: withExtra(record, ex.extra, TRL_PROMPT_COMPLETION_KEYS), losses };
}

export const trlPromptCompletion: FormatModule = {
  id: "trl-prompt-completion",
  kind: "completion",
  description: "TRL prompt-completion: {\"prompt\": [messages], \"completion\": [messages]} (or strings)",
  keys: TRL_PROMPT_COMPLETION_KEYS,
  signature: "`prompt` + `completion` message lists",
  detect(record) {
    if ("label" in record || "chosen" in record || "rejected" in record) return 0;
    const p = own(record, "prompt");
    const c = own(record, "completion");
    if (p === undefined || c === undefined) return 0;
    if (isContentParts(p)) return 0; // content parts, not messages: Together's instruction format (prompt-completion)
    return Array.isArray(p) || Array.isArray(c) ? 10 : 3; // strings: prompt-completion wins
  },
  toCanonical,
  toRecord,
  accepts: ["chat", "completion"],
};
