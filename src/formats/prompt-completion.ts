import type { CanonicalExample, CanonicalMessage, JsonObject, JsonValue } from "../core/canonical.js";
import { commonLosses, promptTurnLosses, splitTrailingAnswer, textMessage, withExtra } from "./chat-write.js";
import type { ConversionLoss, FormatModule, ToRecordResult } from "../core/format.js";
import { isObject, own } from "./json-utils.js";
import { contentText, extraFields } from "./openai-chat.js";

/**
 * `{"prompt": string, "completion": string}`: OpenAI legacy completions (FineTuneCompletionRequestInput,
 * babbage-002/davinci-002), Together "instruction", Bedrock non-conversational models, TRL
 * prompt-completion (standard). The completion is the trained target.
 */
export const PROMPT_COMPLETION_KEYS = ["prompt", "completion"] as const;

/**
 * A list of OpenAI content parts (`{"type": "text" | "image_url", …}`, no `role`): Together's instruction
 * format takes them as `prompt` (text and images) and `completion` (text), not TRL message lists.
 */
export function isContentParts(v: JsonValue | undefined): v is JsonValue[] {
  return Array.isArray(v) && v.length > 0 && v.every((p) => isObject(p) && typeof own(p, "type") === "string" && !("role" in p));
}

function partsOrText(role: "user" | "assistant", value: JsonValue | undefined, key: string): CanonicalMessage {
  if (!isContentParts(value)) return textMessage(role, value, [key]);
  const { text, hasContent, images } = contentText(value);
  return { role, text, hasContent, images, trainable: role === "assistant", path: [key], contentPath: [key] };
}

/** Both prompt-completion formats read strings the same way (and Together's content-part lists). */
export function stringPromptCompletion(record: JsonObject, format: "prompt-completion" | "trl-prompt-completion"): CanonicalExample {
  return {
    kind: "completion",
    format,
    messages: [partsOrText("user", own(record, "prompt"), "prompt"), partsOrText("assistant", own(record, "completion"), "completion")],
    extra: extraFields(record, PROMPT_COMPLETION_KEYS),
    raw: record,
  };
}

/** Flattens a conversation into one prompt string and one completion string, reporting what that loses. */
export function flattenToStrings(ex: CanonicalExample, target: string): { prompt?: string; completion?: string; losses: ConversionLoss[]; error?: string } {
  const losses: ConversionLoss[] = commonLosses(ex, target, { weights: true });
  if (ex.tools) losses.push({ what: `${ex.tools.length} tool definition(s) (${target} has no tools)`, path: ["tools"] });
  const { prompt, answer } = splitTrailingAnswer(ex.messages);
  if (answer.length === 0) return { losses, error: `the example does not end with an assistant answer to use as the ${target} completion` };
  if (answer.some((m) => m.toolCalls) || prompt.some((m) => m.toolCalls || m.role === "tool" || m.role === "function")) {
    return { losses, error: `tool calls cannot be written as ${target} strings` };
  }
  if (prompt.length > 1 || prompt.some((m) => m.role !== "user")) {
    const first = prompt.find((m) => m.role !== "user") ?? prompt[1]!;
    losses.push({ what: `${prompt.length} prompt messages flattened into one prompt string (roles are not kept)`, path: first.path });
  }
  losses.push(...promptTurnLosses(prompt, target));
  for (const m of answer) if (!m.trainable) losses.push({ what: `weight 0 on a completion message (${target} trains the whole completion)`, path: m.path });
  if (answer.length > 1) losses.push({ what: `${answer.length} trailing assistant messages joined into one completion`, path: answer[1]!.path });
  return { prompt: prompt.map((m) => m.text).join("\n\n"), completion: answer.map((m) => m.text).join("\n\n"), losses };
}

function toRecord(ex: CanonicalExample): ToRecordResult {
  const flat = flattenToStrings(ex, "prompt-completion");
  if (flat.error !== undefined) return { losses: flat.losses, error: flat.error };
  return { record: withExtra({ prompt: flat.prompt!, completion: flat.completion! }, ex.extra, PROMPT_COMPLETION_KEYS), losses: flat.losses };
}

export const promptCompletion: FormatModule = {
  id: "prompt-completion",
  kind: "completion",
  description: "Prompt/completion strings: {\"prompt\": \"…\", \"completion\": \"…\"} (OpenAI legacy, Together instruction, Bedrock text models)",
  keys: PROMPT_COMPLETION_KEYS,
  signature: "`prompt` + `completion` strings",
  detect(record) {
    if ("label" in record || "chosen" in record || "rejected" in record) return 0; // KTO / preference
    const p = own(record, "prompt");
    const c = own(record, "completion");
    if (p === undefined || c === undefined) return 0;
    if (isContentParts(p) && (typeof c === "string" || isContentParts(c))) return 10; // Together instruction with images
    return typeof p === "string" && typeof c === "string" ? 10 : Array.isArray(p) || Array.isArray(c) ? 0 : 5;
  },
  toCanonical: (record) => stringPromptCompletion(record, "prompt-completion"),
  toRecord,
  accepts: ["chat", "completion"],
};
