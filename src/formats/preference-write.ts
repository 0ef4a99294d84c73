import { toolFunction, type CanonicalExample, type CanonicalMessage, type JsonObject } from "../core/canonical.js";
import { commonLosses, writeMedia } from "./chat-write.js";
import type { ConversionLoss, ToRecordResult } from "../core/format.js";
import { openaiMessages } from "./openai-chat-write.js";

/**
 * Writing preference examples (`ftdata convert`) between TRL, OpenAI DPO and LLaMA-Factory ranking.
 * A pair needs both answers; a KTO example (one labelled completion) has no pair to write.
 */

function pairError(ex: CanonicalExample, target: string): string | undefined {
  if (ex.label !== undefined) return `an unpaired KTO example (one completion labelled ${ex.label}) cannot be written as a ${target} pair`;
  if (!ex.chosen?.length || !ex.rejected?.length) return `a ${target} pair needs both a chosen and a rejected answer`;
  return undefined;
}

function functionTools(ex: CanonicalExample): JsonObject[] | undefined {
  return ex.tools?.map((t) => ({ type: "function", function: toolFunction(t) }));
}

/** Losses of every message of the example (prompt and both sides), for targets of OpenAI messages. */
function allLosses(ex: CanonicalExample, target: string): ConversionLoss[] {
  const all: CanonicalExample = { ...ex, messages: [...ex.messages, ...(ex.chosen ?? []), ...(ex.rejected ?? [])] };
  return commonLosses(all, target, { weights: true, names: true, callIds: true });
}

/** OpenAI DPO: {input: {messages, tools?}, preferred_output, non_preferred_output}. */
export function openaiDpoToRecord(ex: CanonicalExample): ToRecordResult {
  const error = pairError(ex, "openai-dpo");
  const losses = allLosses(ex, "openai-dpo");
  if (error) return { losses, error };
  const input: JsonObject = { messages: openaiMessages(ex.messages, losses) };
  const tools = functionTools(ex);
  if (tools) input.tools = tools;
  return { record: { input, preferred_output: openaiMessages(ex.chosen!, losses), non_preferred_output: openaiMessages(ex.rejected!, losses) }, losses };
}

/** TRL preference, conversational: {prompt, chosen, rejected} as message lists. */
export function trlPreferenceToRecord(ex: CanonicalExample): ToRecordResult {
  const error = pairError(ex, "trl-preference");
  const losses = allLosses(ex, "trl-preference");
  if (error) return { losses, error };
  const record: JsonObject = { prompt: openaiMessages(ex.messages, losses, { weights: false }), chosen: openaiMessages(ex.chosen!, losses, { weights: false }), rejected: openaiMessages(ex.rejected!, losses, { weights: false }) };
  const tools = functionTools(ex);
  if (tools) record.tools = tools;
  if (ex.media?.images) record.images = ex.media.images;
  return { record, losses };
}

/** TRL unpaired preference (KTO), conversational: {prompt, completion, label}. */
export function trlKtoToRecord(ex: CanonicalExample): ToRecordResult {
  const losses = allLosses(ex, "trl-kto");
  if (ex.label === undefined) return { losses, error: "a trl-kto row is one completion with a true/false label; a pair (chosen and rejected) has no single label" };
  const completion = ex.label ? ex.chosen : ex.rejected;
  if (!completion?.length) return { losses, error: "a trl-kto row needs the completion its label judges" };
  const record: JsonObject = { prompt: openaiMessages(ex.messages, losses, { weights: false }), completion: openaiMessages(completion, losses, { weights: false }), label: ex.label };
  const tools = functionTools(ex);
  if (tools) record.tools = tools;
  if (ex.media?.images) record.images = ex.media.images;
  return { record, losses };
}

/** One side as one assistant message: LLaMA-Factory ranking holds one answer turn per side. */
function oneTurn(side: readonly CanonicalMessage[], name: string, losses: ConversionLoss[]): CanonicalMessage {
  if (side.length === 1) return side[0]!;
  losses.push({ what: `${side.length} messages in the ${name} answer joined into one turn (LLaMA-Factory ranking holds one answer turn)`, path: side[1]?.path ?? [name] });
  const { toolCalls: _calls, ...last } = side[side.length - 1]!;
  return { ...last, role: "assistant", text: side.map((m) => m.text).filter((t) => t !== "").join("\n"), hasContent: true };
}

/**
 * LLaMA-Factory ranking (sharegpt-ranking, alpaca-ranking) through the chat writer of its base format:
 * prompt + chosen written as one conversation, whose last turn becomes `chosen`; the same for `rejected`.
 */
export function rankingToRecord(
  ex: CanonicalExample,
  target: "sharegpt-ranking" | "alpaca-ranking",
  chat: (ex: CanonicalExample) => ToRecordResult,
): ToRecordResult {
  const error = pairError(ex, target);
  if (error) return { losses: [], error };
  const losses: ConversionLoss[] = [];
  const chosen = oneTurn(ex.chosen!, "chosen", losses);
  const rejected = oneTurn(ex.rejected!, "rejected", losses);
  const a = chat({ ...ex, kind: "chat", messages: [...ex.messages, { ...chosen, trainable: true }] });
  const b = chat({ ...ex, kind: "chat", messages: [...ex.messages, { ...rejected, trainable: true }] });
  // The prompt's losses are the same in both writes: report them once.
  losses.push(...a.losses, ...b.losses.filter((l) => !a.losses.some((x) => x.what === l.what && JSON.stringify(x.path) === JSON.stringify(l.path))));
  if (a.error || b.error || !a.record || !b.record) return { losses, error: a.error ?? b.error ?? "nothing to write" };
  const record = { ...a.record };
  if (target === "sharegpt-ranking") {
    const turnsA = a.record.conversations as JsonObject[];
    const turnsB = b.record.conversations as JsonObject[];
    const last = turnsA[turnsA.length - 1];
    if (!last || (last.from !== "gpt" && last.from !== "function_call")) return { losses, error: "the prompt must end with a human turn for LLaMA-Factory ranking" };
    record.conversations = turnsA.slice(0, -1);
    record.chosen = last;
    record.rejected = turnsB[turnsB.length - 1]!;
  } else {
    delete record.output;
    record.chosen = a.record.output!;
    record.rejected = b.record.output!;
  }
  writeMedia(record, ex);
  return { record, losses };
}
