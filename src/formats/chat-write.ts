import type { PathSegment } from "../core/path.js";
import { toolFunction, type CanonicalExample, type CanonicalMessage, type CanonicalPart, type CanonicalTool, type JsonObject, type JsonValue } from "../core/canonical.js";
import type { ConversionLoss } from "../core/format.js";
import { isObject } from "./json-utils.js";

/**
 * Helpers shared by the format modules: building canonical messages when reading, and writing
 * canonical examples back out (`toRecord`) for `ftdata convert`.
 */

/** A canonical message with text content (or none, when the source field is missing or not a string). */
export function textMessage(role: string, value: JsonValue | undefined, path: PathSegment[], contentPath: PathSegment[] = path): CanonicalMessage {
  const has = typeof value === "string";
  return { role, text: has ? value : "", hasContent: has, images: 0, trainable: role === "assistant", path, contentPath };
}

/** Tool call arguments as an object, for formats that store them parsed (Gemini, Bedrock, ShareGPT). */
export function parseArguments(args: string): { value?: JsonValue; ok: boolean } {
  if (args.trim() === "") return { value: {}, ok: true };
  try {
    return { value: JSON.parse(args) as JsonValue, ok: true };
  } catch {
    return { ok: false };
  }
}

/** Arguments as the canonical JSON string, whatever the source stored. */
export function argumentsString(v: JsonValue | undefined): string {
  return typeof v === "string" ? v : v === undefined ? "" : JSON.stringify(v);
}

/**
 * Pairs tool results with the calls they answer. Formats without call ids (ShareGPT, Gemini) get
 * `call_<n>` ids, matched in order (by name when the result names its function).
 */
export function linkToolCalls(messages: readonly CanonicalMessage[]): { callIds: string[][]; resultIds: (string | undefined)[]; resultNames: (string | undefined)[] } {
  const callIds: string[][] = [];
  const resultIds: (string | undefined)[] = [];
  const resultNames: (string | undefined)[] = [];
  let pending: { id: string; name: string }[] = [];
  const nameById = new Map<string, string>();
  let n = 0;
  messages.forEach((m, i) => {
    callIds[i] = [];
    if (m.toolCalls) {
      pending = [];
      for (const c of m.toolCalls) {
        const id = c.id ?? `call_${n++}`;
        callIds[i]!.push(id);
        pending.push({ id, name: c.name });
        nameById.set(id, c.name);
      }
    }
    if (m.role === "tool" || m.role === "function") {
      if (m.toolCallId !== undefined) {
        resultIds[i] = m.toolCallId;
        resultNames[i] = m.name ?? nameById.get(m.toolCallId);
        pending = pending.filter((p) => p.id !== m.toolCallId);
      } else {
        const k = m.name !== undefined ? pending.findIndex((p) => p.name === m.name) : 0;
        const hit = pending[k < 0 ? 0 : k];
        if (hit) pending.splice(pending.indexOf(hit), 1);
        resultIds[i] = hit?.id;
        resultNames[i] = m.name ?? hit?.name;
      }
    }
  });
  return { callIds, resultIds, resultNames };
}

/**
 * Whether the conversation's tool call ids are the ones `linkToolCalls` makes up (`call_0`, `call_1`…
 * in order, results paired by position or name), as ftdata writes them when converting from a format
 * without ids. Dropping such ids loses nothing: converting back makes the same ids and pairs.
 */
function idsRegenerable(messages: readonly CanonicalMessage[]): boolean {
  const bare = messages.map((m) => {
    const { toolCallId: _id, ...rest } = m;
    return m.toolCalls ? { ...rest, toolCalls: m.toolCalls.map(({ id: _c, ...c }) => c) } : rest;
  });
  const { callIds, resultIds } = linkToolCalls(bare);
  return messages.every((m, i) => {
    if (m.toolCalls && m.toolCalls.some((c, k) => c.id !== callIds[i]![k])) return false;
    if ((m.role === "tool" || m.role === "function") && m.toolCallId !== undefined && m.toolCallId !== resultIds[i]) return false;
    return true;
  });
}

/** Common losses of every non-OpenAI target: images, per-message weight, names, call ids. */
export function commonLosses(ex: CanonicalExample, target: string, opts: { weights?: boolean; names?: boolean; callIds?: boolean; images?: boolean; media?: boolean; reasoning?: boolean } = {}): ConversionLoss[] {
  const losses: ConversionLoss[] = [];
  // Media columns: one loss per column, instead of one per <image> placeholder.
  if (ex.media && !opts.media) {
    for (const [column, list] of Object.entries(ex.media)) if (list && list.length > 0) losses.push({ what: `${list.length} file(s) in \`${column}\` (${target} has no media columns)`, path: [column] });
  }
  let regenerable: boolean | undefined;
  for (const m of ex.messages) {
    if (!opts.images && !ex.media && m.images > 0) losses.push({ what: `${m.images} image(s) (media references are not converted to ${target})`, path: m.path });
    if (!opts.weights && m.role === "assistant" && !m.trainable) {
      const what = ex.kind === "completion" ? "an assistant turn that the source only uses as prompt" : "weight 0 on an assistant message";
      losses.push({ what: `${what} (${target} trains every assistant turn)`, path: m.path });
    }
    if (!opts.reasoning && m.parts?.some((p) => p.type === "reasoning")) losses.push({ what: `a reasoning part, no longer apart from the answer text (${target} has no reasoning parts)`, path: m.path });
    if (!opts.names && m.name !== undefined && m.role !== "tool" && m.role !== "function") losses.push({ what: `message name "${m.name}" (${target} has no message names)`, path: m.path });
    if (!opts.callIds && m.toolCalls?.some((c) => c.id !== undefined) && !(regenerable ??= idsRegenerable(ex.messages))) {
      losses.push({ what: `tool call ids (${target} pairs calls and results by position)`, path: m.path });
    }
  }
  return losses;
}

/** The example's tools as OpenAI-style function objects `{name, description?, parameters?}`. */
export function functionObjects(tools: readonly CanonicalTool[]): JsonObject[] {
  return tools.map(toolFunction);
}

/** Reads `{name, description?, parameters?}` objects back into canonical tools. */
export function toolsFromFunctions(list: JsonValue | undefined): CanonicalTool[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out: CanonicalTool[] = [];
  for (const f of list) {
    if (!isObject(f)) continue;
    const fn = isObject(f.function) && f.type === "function" ? f.function : f;
    const tool: CanonicalTool = { name: typeof fn.name === "string" ? fn.name : "" };
    if (typeof fn.description === "string") tool.description = fn.description;
    if (fn.parameters !== undefined) tool.parameters = fn.parameters;
    for (const k of Object.keys(fn)) {
      if (k === "name" || k === "description" || k === "parameters") continue;
      tool.extra ??= {};
      Object.defineProperty(tool.extra, k, { value: fn[k]!, enumerable: true, writable: true, configurable: true });
    }
    out.push(tool);
  }
  return out.length > 0 ? out : undefined;
}

/** Copies metadata fields that do not collide with the target's own keys. */
export function withExtra(record: JsonObject, extra: JsonObject, keys: readonly string[]): JsonObject {
  for (const k of Object.keys(extra)) if (!keys.includes(k) && !(k in record)) record[k] = extra[k]!;
  return record;
}

/** Merges runs of consecutive same-role messages (formats that require alternation); reports each merge. */
export function mergeRuns<T extends { role: string; text: string; path: PathSegment[] }>(items: T[], target: string, losses: ConversionLoss[], mergeable: (role: string) => boolean): T[] {
  const out: T[] = [];
  for (const it of items) {
    const prev = out[out.length - 1];
    if (prev && prev.role === it.role && mergeable(it.role)) {
      out[out.length - 1] = { ...prev, text: prev.text === "" ? it.text : it.text === "" ? prev.text : `${prev.text}\n${it.text}` };
      losses.push({ what: `consecutive ${it.role} messages merged into one (${target} needs alternating turns)`, path: it.path });
    } else {
      out.push(it);
    }
  }
  return out;
}

/** Trained assistant turns that end up in a prompt (prompt/completion formats train only the completion). */
export function promptTurnLosses(prompt: readonly CanonicalMessage[], target: string): ConversionLoss[] {
  return prompt
    .filter((m) => m.role === "assistant" && m.trainable)
    .map((m) => ({ what: `an earlier assistant turn moves into the prompt and is no longer trained (${target} trains only the completion)`, path: m.path }));
}

/** Splits an example into its prompt and the trailing assistant answer(s). */
export function splitTrailingAnswer(messages: readonly CanonicalMessage[]): { prompt: CanonicalMessage[]; answer: CanonicalMessage[] } {
  let k = messages.length;
  while (k > 0 && messages[k - 1]!.role === "assistant") k--;
  return { prompt: messages.slice(0, k), answer: messages.slice(k) };
}

/** LLaMA-Factory media columns of a record, for `CanonicalExample.media`. */
export function mediaColumns(record: JsonObject): CanonicalExample["media"] {
  const out: NonNullable<CanonicalExample["media"]> = {};
  for (const k of ["images", "videos", "audios"] as const) {
    const v = record[k];
    if (Array.isArray(v) && v.length > 0) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Writes `ex.media` into a record of a format that has the media columns. */
export function writeMedia(record: JsonObject, ex: CanonicalExample): void {
  if (!ex.media) return;
  for (const [k, v] of Object.entries(ex.media)) if (v && v.length > 0) record[k] = v;
}

/** LLaMA-Factory's media placeholders, by the content part type of LLaMA-Factory v1 and by media column. */
export const PLACEHOLDER_OF_PART = { image_url: "<image>", video_url: "<video>", audio_url: "<audio>" } as const;
export const COLUMN_OF_PLACEHOLDER = { "<image>": "images", "<video>": "videos", "<audio>": "audios" } as const;

/** A message's parts as one text with `<image>`/`<video>`/`<audio>` where the media stood (LLaMA-Factory v0 layouts). */
function placeholderText(parts: readonly CanonicalPart[]): string {
  let out = "";
  let prevText = false;
  for (const p of parts) {
    if (p.type === "text" || p.type === "reasoning") {
      out += (prevText ? "\n" : "") + p.value;
      prevText = true;
    } else if (p.type !== "tool_call") {
      out += PLACEHOLDER_OF_PART[p.type];
      prevText = false;
    }
  }
  return out;
}

/**
 * The example with media placeholders in the text of messages whose media were separate parts
 * (LLaMA-Factory v1), for the layouts that keep media as placeholders + columns: the inverse of
 * LLaMA-Factory's `_to_content_blocks`, so `<image>Who are they?` and `[image, text]` map both ways.
 */
export function withPlaceholders(ex: CanonicalExample): CanonicalExample {
  const fix = (list: CanonicalMessage[] | undefined) =>
    list?.map((m) => (m.parts?.some((p) => p.type in PLACEHOLDER_OF_PART) ? { ...m, text: placeholderText(m.parts), hasContent: true } : m));
  if (![ex.messages, ex.chosen, ex.rejected].some((l) => l?.some((m) => m.parts))) return ex;
  const out: CanonicalExample = { ...ex, messages: fix(ex.messages)! };
  if (ex.chosen) out.chosen = fix(ex.chosen)!;
  if (ex.rejected) out.rejected = fix(ex.rejected)!;
  return out;
}
