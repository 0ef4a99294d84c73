import type { PathSegment } from "../core/path.js";
import type { CanonicalExample, CanonicalMessage, CanonicalToolCall, FormatId, JsonObject, JsonValue } from "../core/canonical.js";
import { mediaColumns, toolsFromFunctions } from "./chat-write.js";
import { isObject, own } from "./json-utils.js";
import { extraFields } from "./openai-chat.js";
import { parseFunctionCall } from "./sharegpt.js";

/**
 * LLaMA-Factory's dataset attributes (src/llamafactory/data/parser.py `DatasetAttr` @ ff6d4d12eeb0):
 * which column holds what and which tags name the roles. Its layouts (ShareGPT and Alpaca, plain,
 * ranking, KTO, with media columns) are all one converter driven by these attributes, so ftdata reads
 * them the same way: the format modules are presets, a `dataset_info.json` entry is another one.
 */
export interface LfAttr {
  /** "openai" is the sharegpt path with OpenAI-style turns (tool_calls, tool results joined): see dataset-info.ts. */
  formatting: "alpaca" | "sharegpt" | "openai";
  ranking: boolean;
  columns: {
    prompt?: string;
    query?: string;
    response?: string;
    history?: string;
    messages?: string;
    system?: string;
    tools?: string;
    images?: string;
    videos?: string;
    audios?: string;
    chosen?: string;
    rejected?: string;
    kto_tag?: string;
  };
  tags: LfTags;
}

export interface LfTags {
  role_tag: string;
  content_tag: string;
  user_tag: string;
  assistant_tag: string;
  observation_tag: string;
  function_tag: string;
  system_tag: string;
}

/** parser.py defaults. */
export const DEFAULT_TAGS: LfTags = {
  role_tag: "from",
  content_tag: "value",
  user_tag: "human",
  assistant_tag: "gpt",
  observation_tag: "observation",
  function_tag: "function_call",
  system_tag: "system",
};

/** The tags LLaMA-Factory's own role/content demo files are declared with (data/dataset_info.json, mllm_demo, kto_en_demo). */
export const ROLE_CONTENT_TAGS: LfTags = { ...DEFAULT_TAGS, role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant" };

export const MEDIA = [
  ["images", "<image>"],
  ["videos", "<video>"],
  ["audios", "<audio>"],
] as const;
export type MediaColumn = (typeof MEDIA)[number][0];

/** Whether a turn list is written with role/content keys (mllm_demo, kto_en_demo) rather than from/value. */
export function usesRoleContent(turns: JsonValue | undefined): boolean {
  return Array.isArray(turns) && turns.length > 0 && isObject(turns[0]) && "role" in turns[0] && !("from" in turns[0]);
}

/** The turn list column of a record: `conversations` or `messages`, whichever holds a list. */
export function turnsColumn(record: JsonObject): "conversations" | "messages" | undefined {
  if (Array.isArray(own(record, "conversations"))) return "conversations";
  if (Array.isArray(own(record, "messages"))) return "messages";
  return undefined;
}

/** The attributes a record of a LLaMA-Factory layout is read with when no dataset_info.json says otherwise. */
export function presetAttr(kind: "sharegpt" | "sharegpt-ranking" | "alpaca-ranking" | "kto" | "messages", record: JsonObject): LfAttr {
  const media = { images: "images", videos: "videos", audios: "audios" };
  if (kind === "alpaca-ranking") {
    return { formatting: "alpaca", ranking: true, columns: { prompt: "instruction", query: "input", response: "output", history: "history", system: "system", chosen: "chosen", rejected: "rejected", ...media }, tags: DEFAULT_TAGS };
  }
  const col = turnsColumn(record) ?? (kind === "messages" ? "messages" : "conversations");
  const tags = usesRoleContent(own(record, col)) || (col === "messages" && !Array.isArray(own(record, col))) ? ROLE_CONTENT_TAGS : DEFAULT_TAGS;
  const columns: LfAttr["columns"] = { messages: col, system: "system", tools: "tools", ...media };
  if (kind === "sharegpt-ranking") Object.assign(columns, { chosen: "chosen", rejected: "rejected" });
  if (kind === "kto") {
    // LLaMA-Factory's column is `kto_tag`; its demo (kto_en_demo.json) maps it to `label`.
    columns.kto_tag = own(record, "kto_tag") !== undefined ? "kto_tag" : "label";
    // Alpaca-shaped KTO rows (instruction/output + kto_tag) read with the alpaca converter.
    if (turnsColumn(record) === undefined && own(record, "instruction") !== undefined) {
      return { formatting: "alpaca", ranking: false, columns: { prompt: "instruction", query: "input", response: "output", history: "history", system: "system", kto_tag: columns.kto_tag, ...media }, tags: DEFAULT_TAGS };
    }
  }
  return { formatting: "sharegpt", ranking: kind === "sharegpt-ranking", columns, tags };
}

/** The keys an attribute set defines (for record-key-unknown). */
export function attrKeys(attr: LfAttr): string[] {
  return Object.values(attr.columns).filter((v): v is string => typeof v === "string");
}

function count(s: string, needle: string): number {
  let n = 0;
  for (let i = s.indexOf(needle); i !== -1; i = s.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** One turn as a canonical message, tags mapped as converter.py's tag_mapping does. */
function turnMessage(turn: JsonValue | undefined, tags: LfTags, path: PathSegment[]): CanonicalMessage | undefined {
  if (!isObject(turn)) return undefined;
  const tag = own(turn, tags.role_tag);
  const value = own(turn, tags.content_tag);
  const has = typeof value === "string";
  const text = has ? value : "";
  const t = typeof tag === "string" ? tag : "";
  const role =
    t === tags.user_tag ? "user" : t === tags.assistant_tag || t === tags.function_tag ? "assistant" : t === tags.observation_tag ? "tool" : t === tags.system_tag ? "system" : t;
  const m: CanonicalMessage = { role, text, hasContent: has, images: count(text, "<image>"), trainable: role === "assistant", path, contentPath: [...path, tags.content_tag] };
  if (t === tags.function_tag && t !== tags.assistant_tag) {
    m.toolCalls = parseFunctionCall(value) ?? [{ name: "", arguments: text }];
    m.text = "";
    m.hasContent = false;
  }
  return m;
}

function stringMessage(role: "user" | "assistant" | "system", value: JsonValue | undefined, path: PathSegment[]): CanonicalMessage {
  const has = typeof value === "string";
  const text = has ? value : "";
  return { role, text, hasContent: has, images: count(text, "<image>"), trainable: role === "assistant", path, contentPath: path };
}

function col(record: JsonObject, name: string | undefined): JsonValue | undefined {
  return name === undefined ? undefined : own(record, name);
}

/** Tools as LLaMA-Factory stores them: a JSON string (or, read leniently, the parsed list). */
function toolsOf(v: JsonValue | undefined) {
  let parsed: JsonValue | undefined = v;
  if (typeof v === "string" && v.trim() !== "") {
    try {
      parsed = JSON.parse(v) as JsonValue;
    } catch {
      return undefined;
    }
  }
  return toolsFromFunctions(isObject(parsed) ? [parsed] : parsed);
}

/**
 * Maps a record read with LLaMA-Factory attributes to the canonical example: plain rows are chat,
 * ranking rows preference pairs (prompt + chosen/rejected), KTO rows one labelled completion.
 */
export function lfToCanonical(record: JsonObject, attr: LfAttr, format: FormatId): CanonicalExample | undefined {
  const c = attr.columns;
  const messages: CanonicalMessage[] = [];
  const label = col(record, c.kto_tag);
  const isKto = c.kto_tag !== undefined && typeof label === "boolean";
  let chosen: CanonicalMessage[] | undefined;
  let rejected: CanonicalMessage[] | undefined;
  if (attr.formatting !== "alpaca") {
    const turns = col(record, c.messages);
    if (!Array.isArray(turns)) return undefined;
    const sys = col(record, c.system);
    if (typeof sys === "string" && sys !== "") messages.push({ ...stringMessage("system", sys, [c.system!]), trainable: false });
    turns.forEach((t, i) => {
      const m = turnMessage(t, attr.tags, [c.messages!, i]);
      if (m) messages.push(m);
    });
    if (attr.ranking) {
      const ch = turnMessage(col(record, c.chosen), attr.tags, [c.chosen ?? "chosen"]);
      const rj = turnMessage(col(record, c.rejected), attr.tags, [c.rejected ?? "rejected"]);
      chosen = ch ? [ch] : [];
      rejected = rj ? [rj] : [];
    }
  } else {
    const sys = col(record, c.system);
    if (typeof sys === "string" && sys !== "") messages.push({ ...stringMessage("system", sys, [c.system!]), trainable: false });
    const history = col(record, c.history);
    if (Array.isArray(history)) {
      history.forEach((pair, i) => {
        if (!Array.isArray(pair)) return;
        messages.push(stringMessage("user", pair[0], [c.history!, i, 0]));
        messages.push(stringMessage("assistant", pair[1], [c.history!, i, 1]));
      });
    }
    const parts = [col(record, c.prompt), col(record, c.query)].filter((v): v is string => typeof v === "string" && v !== "");
    const user = stringMessage("user", parts.join("\n"), [c.prompt ?? "instruction"]);
    user.hasContent = typeof col(record, c.prompt) === "string";
    messages.push(user);
    if (attr.ranking) {
      // A side that is not a string is llamafactory-example-invalid's finding, not an empty answer.
      const side = (name: string | undefined) => (typeof col(record, name) === "string" ? [stringMessage("assistant", col(record, name), [name ?? "chosen"])] : []);
      chosen = side(c.chosen);
      rejected = side(c.rejected);
    } else if (c.response !== undefined) {
      messages.push(stringMessage("assistant", col(record, c.response), [c.response]));
    }
  }
  const ex: CanonicalExample = { kind: attr.ranking || isKto || c.kto_tag !== undefined ? "preference" : "chat", format, messages, extra: extraFields(record, attrKeys(attr)), raw: record };
  if (attr.formatting !== "alpaca" && c.messages) ex.messagesPath = [c.messages];
  if (attr.ranking) {
    ex.chosen = chosen ?? [];
    ex.rejected = rejected ?? [];
  } else if (c.kto_tag !== undefined) {
    // KTO: the last turn is the completion, judged by the label (converter.py), the rest the prompt.
    const last = messages.length > 0 && messages[messages.length - 1]!.role === "assistant" ? messages.pop()! : undefined;
    const completion = last ? [last] : [];
    if (label === false) ex.rejected = completion;
    else ex.chosen = completion;
    if (typeof label === "boolean") ex.label = label;
  }
  const tools = toolsOf(col(record, c.tools));
  if (tools) ex.tools = tools;
  const media = mediaColumns({ images: col(record, c.images) ?? null, videos: col(record, c.videos) ?? null, audios: col(record, c.audios) ?? null });
  if (media) ex.media = media;
  return ex;
}

/** A reason LLaMA-Factory skips or rejects a row, as data: the rule words it. */
export interface LfProblem {
  messageId: "position" | "count" | "sideRole" | "sideMissing" | "noResponse" | "label";
  path: PathSegment[];
  data: Record<string, string | number>;
}

/**
 * Where LLaMA-Factory drops this row (converter.py + processor/*.py @ ff6d4d12eeb0): role tags out of
 * the user/assistant alternation ("Invalid role tag"), the wrong turn count ("Invalid message count":
 * even for SFT, odd for ranking), a ranking side that is not an assistant turn, and examples whose
 * response is missing ("Dropped invalid example"). It only warns in its log and trains on without them.
 */
export function lfLoaderProblems(record: JsonObject, attr: LfAttr): LfProblem[] {
  const c = attr.columns;
  const t = attr.tags;
  const out: LfProblem[] = [];
  const label = col(record, c.kto_tag);
  const isKto = c.kto_tag !== undefined && typeof label === "boolean";
  if (c.kto_tag !== undefined && !isKto) {
    out.push({ messageId: "label", path: [c.kto_tag], data: { column: c.kto_tag, value: label === undefined ? "nothing" : JSON.stringify(label).slice(0, 40) } });
  }
  if (attr.formatting !== "alpaca") {
    const turns = col(record, c.messages);
    if (!Array.isArray(turns)) return out; // the schema rules report a missing turn list
    let start = 0;
    if (turns.length > 0 && isObject(turns[0]) && own(turns[0], t.role_tag) === t.system_tag) start = 1;
    const userSide = [t.user_tag, t.observation_tag];
    const modelSide = [t.assistant_tag, t.function_tag];
    let n = 0;
    for (let i = start; i < turns.length; i++) {
      const turn = turns[i];
      const tag = isObject(turn) ? own(turn, t.role_tag) : undefined;
      const pos = i - start;
      const want = pos % 2 === 0 ? userSide : modelSide;
      if (typeof tag !== "string" || !want.includes(tag)) {
        out.push({ messageId: "position", path: [c.messages!, i, t.role_tag], data: { index: i, tag: typeof tag === "string" ? tag : String(tag), position: pos, expected: want.join(" or ") } });
        return out;
      }
      n++;
    }
    if (!attr.ranking && n % 2 !== 0) {
      out.push({ messageId: "count", path: [c.messages!], data: { count: n, need: "an even number (each user turn answered)" } });
      return out;
    }
    if (attr.ranking && n % 2 === 0) {
      out.push({ messageId: "count", path: [c.messages!], data: { count: n, need: "an odd number (the prompt ends with a user turn; chosen and rejected answer it)" } });
      return out;
    }
    if (!attr.ranking && !isKto && n === 0) out.push({ messageId: "noResponse", path: [c.messages!], data: { column: c.messages! } });
    if (attr.ranking) {
      for (const side of [c.chosen, c.rejected]) {
        if (side === undefined) continue;
        const v = col(record, side);
        if (!isObject(v)) {
          out.push({ messageId: "sideMissing", path: [side], data: { side, type: "turn object" } });
          continue;
        }
        const tag = own(v, t.role_tag);
        if (typeof tag !== "string" || !modelSide.includes(tag)) out.push({ messageId: "sideRole", path: [side, t.role_tag], data: { side, tag: String(tag), expected: modelSide.join(" or ") } });
      }
    }
    return out;
  }
  // Alpaca: the response must be a string (else "unsupervised", dropped by the SFT processor).
  if (attr.ranking) {
    for (const side of [c.chosen, c.rejected]) if (side !== undefined && typeof col(record, side) !== "string") out.push({ messageId: "sideMissing", path: [side], data: { side, type: "string" } });
  } else if (c.response !== undefined && typeof col(record, c.response) !== "string") {
    out.push({ messageId: "noResponse", path: [c.response], data: { column: c.response } });
  }
  return out;
}

/** The `<image>`/`<video>`/`<audio>` placeholders of the texts LLaMA-Factory checks (mm_plugin.py `_validate_messages`). */
export function lfPlaceholderTexts(record: JsonObject, attr: LfAttr): { texts: string[]; sides?: [string[], string[]] } {
  const c = attr.columns;
  const texts: string[] = [];
  const str = (v: JsonValue | undefined) => {
    if (typeof v === "string") texts.push(v);
  };
  const turnText = (v: JsonValue | undefined) => (isObject(v) && typeof own(v, attr.tags.content_tag) === "string" ? (own(v, attr.tags.content_tag) as string) : "");
  if (attr.formatting !== "alpaca") {
    const turns = col(record, c.messages);
    if (Array.isArray(turns)) for (const t of turns) texts.push(turnText(t));
    if (attr.ranking) return { texts, sides: [[turnText(col(record, c.chosen))], [turnText(col(record, c.rejected))]] };
  } else {
    const history = col(record, c.history);
    if (Array.isArray(history)) for (const p of history) if (Array.isArray(p)) p.forEach(str);
    str(col(record, c.prompt));
    str(col(record, c.query));
    if (attr.ranking) {
      const side = (v: JsonValue | undefined) => (typeof v === "string" ? [v] : []);
      return { texts, sides: [side(col(record, c.chosen)), side(col(record, c.rejected))] };
    }
    str(col(record, c.response));
  }
  return { texts };
}

export function countPlaceholder(texts: readonly string[], needle: string): number {
  let n = 0;
  for (const s of texts) n += count(s, needle);
  return n;
}
