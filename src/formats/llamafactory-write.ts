import { toolFunction, type CanonicalExample, type CanonicalMessage, type JsonObject, type JsonValue } from "../core/canonical.js";
import type { ConversionLoss, ToRecordResult } from "../core/format.js";
import { COLUMN_OF_PLACEHOLDER, commonLosses, parseArguments, withExtra, withPlaceholders } from "./chat-write.js";
import { sharegpt } from "./sharegpt.js";

/**
 * Writing LLaMA-Factory's layouts (`ftdata convert --to llamafactory-messages | llamafactory-kto |
 * llamafactory-v1 | llamafactory-v1-dpo`), in the shapes its loaders read at hiyouga/LLaMA-Factory
 * ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30: src/llamafactory/data/converter.py (role/content messages
 * read as sharegpt with role/content tags, KTO's boolean `kto_tag`) and
 * src/llamafactory/v1/plugins/data_plugins/converter.py + v1/utils/types.py (v1 samples: content
 * parts `{type, value}`, `loss_weight`, `tools` as a JSON string, `<image>` placeholders turned into
 * `image_url` parts one file at a time).
 */

/**
 * A value as Python's `json.dumps` writes it with its defaults (", " and ": " separators, non-ASCII
 * escaped): how LLaMA-Factory's v1 converter writes tool calls and tools, so they round-trip byte-equal.
 */
export function pyJson(v: JsonValue): string {
  if (v === null || typeof v !== "object") return typeof v === "string" ? pyString(v) : JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyJson).join(", ")}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${pyString(k)}: ${pyJson(x)}`)
    .join(", ")}}`;
}

function pyString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** LLaMA-Factory's role/content layout (mllm_demo.json, kto_en_demo.json): ShareGPT's tags renamed. */
const ROLE_OF_TAG: Record<string, string> = { human: "user", gpt: "assistant", observation: "observation", function_call: "function_call", system: "system" };

/**
 * The conversation as LLaMA-Factory role/content messages, through the ShareGPT writer (same turn
 * rules, same losses): a system prompt becomes the first message, which converter.py reads as the system.
 */
function roleContent(ex: CanonicalExample, target: string): ToRecordResult {
  const r = sharegpt.toRecord!(ex);
  const losses = r.losses.map((l) => ({ ...l, what: l.what.replaceAll("sharegpt", target) }));
  if (!r.record) return { losses, ...(r.error !== undefined ? { error: r.error.replaceAll("sharegpt", target) } : {}) };
  const { conversations, system, ...rest } = r.record;
  const messages: JsonObject[] = [];
  if (typeof system === "string") messages.push({ role: "system", content: system });
  for (const t of conversations as JsonObject[]) messages.push({ role: ROLE_OF_TAG[t.from as string] ?? (t.from as string), content: t.value! });
  return { record: { messages, ...rest }, losses };
}

/**
 * llamafactory-messages: `{messages: [{role, content}…], images?, videos?, audios?, tools?}`. A row
 * without media gets an empty `images` list (LLaMA-Factory reads [] as no media) so the file stays
 * recognisably this layout, not openai-chat.
 */
export function llamafactoryMessagesToRecord(ex: CanonicalExample): ToRecordResult {
  const r = roleContent(ex, "llamafactory-messages");
  if (r.record && !["images", "videos", "audios"].some((k) => k in r.record!)) r.record.images = [];
  return r;
}

/** The completion of a KTO example, and the error when the example is not one. */
function ktoParts(ex: CanonicalExample, target: string): { completion?: CanonicalMessage[]; error?: string } {
  if (ex.label === undefined) {
    return { error: `a ${target} row is one completion with a true/false label; a pair (chosen and rejected) has no single label` };
  }
  const completion = ex.label ? ex.chosen : ex.rejected;
  if (!completion?.length) return { error: `a ${target} row needs the completion its label judges` };
  return { completion };
}

/** llamafactory-kto: `{messages: [... , {role: "assistant", content}], label: true|false}` (kto_en_demo.json). */
export function llamafactoryKtoToRecord(ex: CanonicalExample): ToRecordResult {
  const { completion, error } = ktoParts(ex, "llamafactory-kto");
  if (error !== undefined) return { losses: [], error };
  const r = roleContent({ ...ex, kind: "chat", messages: [...ex.messages, ...completion!] }, "llamafactory-kto");
  if (r.record) r.record.label = ex.label!;
  return r;
}

/**
 * Splits text at its media placeholders into v1 parts, one file per placeholder (`_to_content_blocks`).
 * Without media columns (a source with no LLaMA-Factory media) a literal `<image>` stays text.
 */
function textParts(text: string, media: Map<string, JsonValue[]>, used: Map<string, number>): { parts: JsonObject[]; error?: string } {
  const parts: JsonObject[] = [];
  if (media.size === 0) return { parts: text === "" ? [] : [{ type: "text", value: text }] };
  for (const seg of text.split(/(<image>|<video>|<audio>)/)) {
    const column = COLUMN_OF_PLACEHOLDER[seg as keyof typeof COLUMN_OF_PLACEHOLDER];
    if (column) {
      const k = used.get(column) ?? 0;
      const file = media.get(column)?.[k];
      if (file === undefined) return { parts, error: `more ${seg} placeholders than files in \`${column}\` (LLaMA-Factory v1 rejects the sample)` };
      used.set(column, k + 1);
      parts.push({ type: `${column.slice(0, -1)}_url`, value: file });
    } else if (seg !== "") parts.push({ type: "text", value: seg });
  }
  return { parts };
}

/**
 * Canonical messages as v1 messages. Each conversation consumes the sample's media on its own (as
 * v1's pair converter does for each side); every file must be placed by a placeholder.
 */
function v1Messages(messages: readonly CanonicalMessage[], ex: CanonicalExample, losses: ConversionLoss[]): { messages?: JsonObject[]; error?: string } {
  const media = new Map(Object.entries(ex.media ?? {}).filter((e): e is [string, JsonValue[]] => Array.isArray(e[1])));
  const used = new Map<string, number>();
  const out: JsonObject[] = [];
  for (const m of messages) {
    let role: string;
    if (m.role === "system" || m.role === "user" || m.role === "assistant") role = m.role;
    else if (m.role === "developer") {
      role = "system";
      losses.push({ what: "a developer message written as system (llamafactory-v1 has no developer role)", path: m.path });
    } else if (m.role === "tool" || m.role === "function") role = "tool";
    else {
      losses.push({ what: `a message with role "${m.role}" (llamafactory-v1 has system, user, assistant and tool)`, path: m.path });
      continue;
    }
    let parts: JsonObject[];
    if (m.parts) parts = m.parts.map((p) => ({ type: p.type, value: p.value }));
    else {
      const split = textParts(m.text, media, used);
      if (split.error !== undefined) return { error: split.error };
      parts = split.parts;
      for (const c of m.toolCalls ?? []) {
        const args = parseArguments(c.arguments);
        parts.push({ type: "tool_call", value: pyJson({ name: c.name, arguments: args.ok ? args.value! : c.arguments }) });
      }
      if (parts.length === 0) parts.push({ type: "text", value: "" });
    }
    out.push({ role, content: parts, loss_weight: role === "assistant" && m.trainable ? 1 : 0 });
  }
  if (!messages.some((m) => m.parts)) {
    for (const [column, files] of media) {
      const n = used.get(column) ?? 0;
      if (n < files.length) return { error: `${files.length - n} file(s) in \`${column}\` without a placeholder (LLaMA-Factory v1 rejects the sample)` };
    }
  }
  return { messages: out };
}

// extra_info and _dataset_name are metadata: written from `extra` like any other.
const V1_KEYS = ["messages", "chosen_messages", "rejected_messages", "tools"];

/** `tools` as v1 stores it: a JSON string of `{"type": "function", "function": {...}}` objects. */
function v1Tools(ex: CanonicalExample): string | undefined {
  if (!ex.tools) return undefined;
  return pyJson(
    ex.tools.map((t) => ({ type: "function", function: toolFunction(t) })),
  );
}

function v1Losses(ex: CanonicalExample, target: string): ConversionLoss[] {
  const all: CanonicalExample = { ...ex, messages: [...ex.messages, ...(ex.chosen ?? []), ...(ex.rejected ?? [])] };
  return commonLosses(all, target, { weights: true, media: true, images: ex.media !== undefined, reasoning: true });
}

/** llamafactory-v1: `{messages: [{role, content: [{type, value}…], loss_weight}…], tools?}`. */
export function llamafactoryV1ToRecord(source: CanonicalExample): ToRecordResult {
  const ex = withPlaceholders(source);
  const losses = v1Losses(ex, "llamafactory-v1");
  const r = v1Messages(ex.messages, ex, losses);
  if (r.error !== undefined || !r.messages) return { losses, error: r.error ?? "nothing to write" };
  if (r.messages.length === 0) return { losses, error: "no message to write" };
  const record: JsonObject = { messages: r.messages };
  const tools = v1Tools(ex);
  if (tools !== undefined) record.tools = tools;
  return { record: withExtra(record, ex.extra, V1_KEYS), losses };
}

/** llamafactory-v1-dpo: `{chosen_messages, rejected_messages}`, each the whole conversation (prompt + one answer). */
export function llamafactoryV1DpoToRecord(source: CanonicalExample): ToRecordResult {
  const ex = withPlaceholders(source);
  const losses = v1Losses(ex, "llamafactory-v1-dpo");
  if (ex.label !== undefined) return { losses, error: `an unpaired KTO example (one completion labelled ${ex.label}) cannot be written as a llamafactory-v1-dpo pair` };
  if (!ex.chosen?.length || !ex.rejected?.length) return { losses, error: "a llamafactory-v1-dpo pair needs both a chosen and a rejected answer" };
  const chosen = v1Messages([...ex.messages, ...ex.chosen], ex, losses);
  const rejected = v1Messages([...ex.messages, ...ex.rejected], ex, []);
  const error = chosen.error ?? rejected.error;
  if (error !== undefined || !chosen.messages || !rejected.messages) return { losses, error: error ?? "nothing to write" };
  const record: JsonObject = { chosen_messages: chosen.messages, rejected_messages: rejected.messages };
  const tools = v1Tools(ex);
  if (tools !== undefined) record.tools = tools;
  return { record: withExtra(record, ex.extra, V1_KEYS), losses };
}
