import type { CanonicalExample, CanonicalMessage, CanonicalToolCall, JsonObject, JsonValue } from "../core/canonical.js";
import { argumentsString, commonLosses, functionObjects, mediaColumns, mergeRuns, parseArguments, toolsFromFunctions, withExtra, withPlaceholders, writeMedia } from "./chat-write.js";
import type { ConversionLoss, FormatModule, ToRecordResult } from "../core/format.js";
import { isObject, own } from "./json-utils.js";
import { extraFields } from "./openai-chat.js";

/**
 * ShareGPT as LLaMA-Factory reads it (data/README.md, src/llamafactory/data/converter.py @ ff6d4d1):
 * `conversations: [{from, value}]`, optional `system` and `tools` (a JSON string) columns,
 * optional media columns whose `<image>`/`<video>`/`<audio>` placeholders sit in the text.
 */
export const SHAREGPT_KEYS = ["conversations", "system", "tools", "images", "videos", "audios"] as const;

/** LLaMA-Factory's default tags and the canonical role of each. */
export const SHAREGPT_TAGS: Record<string, string> = {
  human: "user",
  gpt: "assistant",
  observation: "tool",
  function_call: "assistant",
  system: "system",
};

/** Tags other tools write (OpenAI naming, Vicuna's `user`/`bing`); read leniently, reported by sharegpt-role-invalid. */
const LENIENT_TAGS: Record<string, string> = { user: "user", assistant: "assistant", model: "assistant", tool: "tool", function: "tool", chatgpt: "assistant", bing: "assistant", bard: "assistant" };

/** How LLaMA-Factory's OpenAI converter joins parallel tool results into one observation (converter.py). */
export const TOOL_RESPONSE_SEPARATOR = "\n</tool_response>\n<tool_response>\n";

/** The `value` of a function_call turn: `{"name", "arguments"}` or a list of them, as a JSON string. */
export function parseFunctionCall(value: JsonValue | undefined): CanonicalToolCall[] | undefined {
  let v: JsonValue | undefined = value;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v) as JsonValue;
    } catch {
      return undefined;
    }
  }
  const list = Array.isArray(v) ? v : [v];
  const out: CanonicalToolCall[] = [];
  for (const c of list) {
    if (!isObject(c)) return undefined;
    const name = own(c, "name");
    if (typeof name !== "string") return undefined;
    out.push({ name, arguments: argumentsString(own(c, "arguments")) });
  }
  return out.length > 0 ? out : undefined;
}

function toCanonical(record: JsonObject): CanonicalExample | undefined {
  const conv = own(record, "conversations");
  if (!Array.isArray(conv)) return undefined;
  const messages: CanonicalMessage[] = [];
  const system = own(record, "system");
  if (typeof system === "string" && system !== "") messages.push({ role: "system", text: system, hasContent: true, images: 0, trainable: false, path: ["system"], contentPath: ["system"] });
  let lastCalls: CanonicalToolCall[] = [];
  conv.forEach((turn, i) => {
    if (!isObject(turn)) return;
    const from = own(turn, "from");
    const value = own(turn, "value");
    const tag = typeof from === "string" ? from : "";
    const role = SHAREGPT_TAGS[tag] ?? LENIENT_TAGS[tag.toLowerCase()] ?? tag;
    const path = ["conversations", i];
    const has = typeof value === "string";
    const text = has ? value : "";
    const m: CanonicalMessage = { role, text, hasContent: has, images: (text.match(/<image>/g) ?? []).length, trainable: role === "assistant", path, contentPath: [...path, "value"] };
    if (tag === "function_call") {
      // The calls are JSON inside the turn's `value` string: that string is where they are written.
      const calls = parseFunctionCall(value)?.map((c) => ({ ...c, namePath: [...path, "value"] }));
      m.text = "";
      m.hasContent = false;
      m.toolCalls = calls ?? [{ name: "", arguments: text, namePath: [...path, "value"] }];
      lastCalls = m.toolCalls;
    } else if (role === "tool" && lastCalls.length > 0) {
      // Parallel results joined by LLaMA-Factory's separator become one tool message per call again.
      const pieces = text.split(TOOL_RESPONSE_SEPARATOR);
      if (lastCalls.length > 1 && pieces.length === lastCalls.length) {
        pieces.forEach((piece, k) => messages.push({ ...m, text: piece, name: lastCalls[k]!.name }));
        return;
      }
      if (lastCalls.length === 1) m.name = lastCalls[0]!.name;
    }
    messages.push(m);
  });
  const ex: CanonicalExample = { kind: "chat", format: "sharegpt", messages, extra: extraFields(record, SHAREGPT_KEYS), raw: record, messagesPath: ["conversations"] };
  const tools = own(record, "tools");
  let parsed: JsonValue | undefined = tools;
  if (typeof tools === "string" && tools.trim() !== "") {
    try {
      parsed = JSON.parse(tools) as JsonValue;
    } catch {
      parsed = undefined;
    }
  }
  const canonicalTools = toolsFromFunctions(isObject(parsed) ? [parsed] : parsed);
  if (canonicalTools) ex.tools = canonicalTools;
  const media = mediaColumns(record);
  if (media) ex.media = media;
  return ex;
}

interface Turn {
  role: string;
  text: string;
  path: (string | number)[];
  from: string;
}

function toRecord(source: CanonicalExample): ToRecordResult {
  const ex = withPlaceholders(source);
  // Media columns and their <image> placeholders carry over as they are.
  const losses: ConversionLoss[] = commonLosses(ex, "sharegpt", { media: true, images: ex.media !== undefined });
  const turns: Turn[] = [];
  let system: string | undefined;
  ex.messages.forEach((m) => {
    if (m.role === "system" || m.role === "developer") {
      if (turns.length === 0 && system === undefined) system = m.text;
      else losses.push({ what: `a ${m.role} message that is not first (sharegpt has one system prompt)`, path: m.path });
      return;
    }
    if (m.role === "user") return turns.push({ role: "user", text: m.text, path: m.path, from: "human" });
    if (m.role === "tool" || m.role === "function") return turns.push({ role: "tool", text: m.text, path: m.path, from: "observation" });
    if (m.role === "assistant") {
      if (m.toolCalls) {
        if (m.text.trim() !== "") losses.push({ what: "assistant text alongside tool calls (a sharegpt function_call turn holds only the calls)", path: m.path });
        const calls = m.toolCalls.map((c) => {
          const parsed = parseArguments(c.arguments);
          return { name: c.name, arguments: parsed.ok ? parsed.value! : c.arguments };
        });
        return turns.push({ role: "call", text: JSON.stringify(calls.length === 1 ? calls[0] : calls), path: m.path, from: "function_call" });
      }
      return turns.push({ role: "assistant", text: m.text, path: m.path, from: "gpt" });
    }
    losses.push({ what: `a message with role "${m.role}" (sharegpt has no such tag)`, path: m.path });
    return undefined;
  });
  // Parallel tool results share one observation, joined the way LLaMA-Factory joins them: not a loss.
  const joined: Turn[] = [];
  for (const t of turns) {
    const prev = joined[joined.length - 1];
    if (prev && prev.role === "tool" && t.role === "tool") prev.text = `${prev.text}${TOOL_RESPONSE_SEPARATOR}${t.text}`;
    else joined.push({ ...t });
  }
  const merged = mergeRuns(joined, "sharegpt", losses, (r) => r === "user" || r === "assistant");
  // LLaMA-Factory: even positions human/observation, odd positions gpt/function_call.
  for (let k = 0; k < merged.length; k++) {
    const t = merged[k]!;
    const even = t.from === "human" || t.from === "observation";
    if (even !== (k % 2 === 0)) return { losses, error: `turn ${k} (${t.from}) is out of place: sharegpt needs human/observation and gpt/function_call turns to alternate, starting with human` };
  }
  if (merged.length > 0 && merged.length % 2 === 1) {
    const last = merged.pop()!;
    losses.push({ what: `a trailing ${last.from} turn (sharegpt SFT needs an even number of turns ending with gpt)`, path: last.path });
  }
  if (merged.length === 0) return { losses, error: "no human/gpt turn pair to write" };
  const record: JsonObject = { conversations: merged.map((t) => ({ from: t.from, value: t.text })) };
  if (system !== undefined) record.system = system;
  if (ex.tools) record.tools = JSON.stringify(functionObjects(ex.tools));
  writeMedia(record, ex);
  return { record: withExtra(record, ex.extra, SHAREGPT_KEYS), losses };
}

export const sharegpt: FormatModule = {
  id: "sharegpt",
  kind: "chat",
  description: "ShareGPT (LLaMA-Factory): {\"conversations\": [{\"from\": \"human\"|\"gpt\"…, \"value\"}…], \"system\"?, \"tools\"?}",
  keys: SHAREGPT_KEYS,
  signature: "`conversations` of {from, value}",
  detect(record) {
    const conv = own(record, "conversations");
    if (!Array.isArray(conv)) return 0;
    if ("chosen" in record || "rejected" in record || "kto_tag" in record) return 0; // preference/KTO variants
    const first = conv[0];
    return isObject(first) && "from" in first ? 10 : 5;
  },
  toCanonical,
  toRecord,
  accepts: ["chat", "completion"],
};
