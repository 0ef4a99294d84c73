import type { FormatId, JsonObject, JsonValue } from "../core/canonical.js";
import { isObject, own } from "../formats/json-utils.js";
import { DEFAULT_TAGS, ROLE_CONTENT_TAGS, type LfAttr, type LfTags } from "../formats/llamafactory.js";
import { TOOL_RESPONSE_SEPARATOR } from "../formats/sharegpt.js";

/**
 * LLaMA-Factory's `dataset_info.json` (src/llamafactory/data/parser.py @ ff6d4d12eeb0): one entry per
 * dataset naming its file (or hub repository) and how its columns and role tags are laid out. Pure:
 * the caller reads the files; this module turns an entry into a plan for reading records.
 */

export const DATASET_INFO_FILE = "dataset_info.json";

const COLUMN_NAMES = ["prompt", "query", "response", "history", "messages", "system", "tools", "images", "videos", "audios", "chosen", "rejected", "kto_tag"] as const;
type ColumnName = (typeof COLUMN_NAMES)[number];
const TAG_NAMES = ["role_tag", "content_tag", "user_tag", "assistant_tag", "observation_tag", "function_tag", "system_tag"] as const;

export interface DatasetInfoEntry {
  name: string;
  /** The entry as written. */
  raw: JsonObject;
  /** Local file (or folder) relative to the dataset_info.json's directory. */
  fileName?: string;
  /** Where the data lives when it is not a local file: "hf_hub_url llamafactory/alpaca_en". */
  remote?: string;
}

/** How to read a dataset file: the format to check it as and the rewrite that brings its records there. */
export interface DatasetPlan {
  entry: string;
  format: FormatId;
  /** The attributes as LLaMA-Factory's DatasetAttr holds them for this entry. */
  attr: LfAttr;
  /**
   * Rewrites a record into the layout `format` reads (renamed columns, default tags, OpenAI turns
   * aligned); absent when nothing changes. `line` (the record's first line) keys what `mapPointer` needs.
   */
  mapRecord?: (record: JsonObject, line?: number) => JsonObject;
  /** Maps a JSON Pointer into the rewritten record (the one on `line`) back to the record as written. */
  mapPointer: (pointer: string, line?: number) => string;
  /** For --explain-format: which entry and which mapping applied. */
  explain: string;
}

export type ParsedDatasetInfo = { entries: DatasetInfoEntry[]; error?: undefined } | { entries: []; error: string };

export function parseDatasetInfo(text: string): ParsedDatasetInfo {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (err) {
    return { entries: [], error: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (!isObject(value)) return { entries: [], error: "must be a JSON object of dataset entries" };
  const entries: DatasetInfoEntry[] = [];
  for (const [name, v] of Object.entries(value)) {
    const raw: JsonObject = isObject(v) ? v : {};
    const e: DatasetInfoEntry = { name, raw };
    // parser.py: a hub URL (hf, ms, om), a script or a cloud file wins over file_name.
    for (const key of ["hf_hub_url", "ms_hub_url", "om_hub_url", "script_url", "cloud_file_name"]) {
      const u = own(raw, key);
      if (typeof u === "string") {
        e.remote = `${key} ${u}`;
        break;
      }
    }
    const file = own(raw, "file_name");
    if (e.remote === undefined && typeof file === "string") e.fileName = file;
    entries.push(e);
  }
  return { entries };
}

/** The entry whose file_name is `relPath` (relative to the dataset_info.json's directory, "/" separators). */
export function entryForFile(entries: readonly DatasetInfoEntry[], relPath: string): DatasetInfoEntry | undefined {
  const norm = (p: string) => p.replace(/\\/g, "/").replace(/^\.\//, "");
  return entries.find((e) => e.fileName !== undefined && norm(e.fileName) === norm(relPath));
}

/** The line of an entry's key in the file text (1-based), for diagnostics on dataset_info.json itself. */
export function entryLine(text: string, name: string): number | undefined {
  const needle = `${JSON.stringify(name)}:`;
  const at = text.indexOf(needle);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** What is wrong with an entry that ftdata cannot read by it, or undefined. */
export function entryProblem(entry: DatasetInfoEntry): string | undefined {
  const f = own(entry.raw, "formatting");
  if (f !== undefined && f !== "alpaca" && f !== "sharegpt" && f !== "openai") return `formatting ${JSON.stringify(f)} (ftdata reads alpaca, sharegpt and openai)`;
  const cols = own(entry.raw, "columns");
  if (cols !== undefined && !isObject(cols)) return "`columns` is not an object";
  const tags = own(entry.raw, "tags");
  if (tags !== undefined && !isObject(tags)) return "`tags` is not an object";
  return undefined;
}

/** The target layout's name for each LLaMA-Factory column. */
function targetColumns(format: FormatId, roleContent: boolean): Record<ColumnName, string> {
  return {
    prompt: format === "text" ? "text" : "instruction",
    query: "input",
    response: "output",
    history: "history",
    messages: format === "llamafactory-messages" || roleContent ? "messages" : "conversations",
    system: "system",
    tools: "tools",
    images: "images",
    videos: "videos",
    audios: "audios",
    chosen: "chosen",
    rejected: "rejected",
    kto_tag: "kto_tag",
  };
}

const str = (v: JsonValue | undefined) => (typeof v === "string" ? v : undefined);

/** Turns an entry into a reading plan, as parser.py's DatasetAttr.join does (listed columns only, when `columns` is given). */
export function planFor(entry: DatasetInfoEntry): DatasetPlan {
  const raw = entry.raw;
  const f = own(raw, "formatting");
  const formatting = f === "sharegpt" || f === "openai" ? f : "alpaca";
  const ranking = own(raw, "ranking") === true;
  const colsRaw = own(raw, "columns");
  const given: Partial<Record<ColumnName, string>> = {};
  if (isObject(colsRaw)) {
    for (const k of COLUMN_NAMES) {
      const v = str(own(colsRaw, k));
      if (v !== undefined) given[k] = v;
    }
  } else {
    // No `columns`: DatasetAttr's defaults.
    Object.assign(given, formatting === "alpaca" ? { prompt: "instruction", query: "input", response: "output" } : { messages: "conversations" });
  }
  const tagsRaw = own(raw, "tags");
  const tags: LfTags = { ...DEFAULT_TAGS };
  if (isObject(tagsRaw)) {
    for (const k of TAG_NAMES) {
      // set_attr with default None: a listed tags object replaces every tag it does not name with nothing.
      const v = str(own(tagsRaw, k));
      tags[k] = v ?? "";
    }
  }
  const attr: LfAttr = { formatting, ranking, columns: given, tags };
  const media = given.images !== undefined || given.videos !== undefined || given.audios !== undefined;
  const roleContent = tags.role_tag === "role" && tags.content_tag === "content";
  let format: FormatId;
  if (formatting === "alpaca") {
    const pretrain = given.prompt !== undefined && given.response === undefined && given.query === undefined && given.history === undefined && !ranking && given.kto_tag === undefined;
    format = ranking ? "alpaca-ranking" : given.kto_tag !== undefined ? "llamafactory-kto" : pretrain ? "text" : "alpaca";
  } else {
    format = ranking ? "sharegpt-ranking" : given.kto_tag !== undefined ? "llamafactory-kto" : media && roleContent ? "llamafactory-messages" : "sharegpt";
  }
  const target = targetColumns(format, roleContent && format !== "sharegpt");
  const targetTags = target.messages === "messages" ? ROLE_CONTENT_TAGS : DEFAULT_TAGS;
  const renames: [string, string][] = [];
  for (const k of COLUMN_NAMES) {
    const from = given[k];
    if (from !== undefined) renames.push([from, target[k]]);
  }
  // "openai": the turns are aligned first as converter.py's OpenAIDatasetConverter does, then read as sharegpt.
  const openai = formatting === "openai" ? openaiAligner(given.messages ?? "conversations", tags) : undefined;
  const sameTags = TAG_NAMES.every((k) => tags[k] === targetTags[k] || (tags[k] === "" && k !== "role_tag" && k !== "content_tag"));
  const columnsChange = renames.some(([a, b]) => a !== b);
  const defaultNames = new Set(Object.values(target));
  const sourceNames = new Set(renames.map(([a]) => a));
  const rewriteTurn = (t: JsonValue): JsonValue => {
    if (!isObject(t)) return t;
    const out: JsonObject = {};
    const tag = own(t, tags.role_tag);
    const mapped =
      tag === tags.user_tag ? targetTags.user_tag
      : tag === tags.assistant_tag ? targetTags.assistant_tag
      : tag === tags.observation_tag ? targetTags.observation_tag
      : tag === tags.function_tag ? targetTags.function_tag
      : tag === tags.system_tag ? targetTags.system_tag
      : tag;
    if (mapped !== undefined) out[targetTags.role_tag] = mapped;
    const content = own(t, tags.content_tag);
    if (content !== undefined) out[targetTags.content_tag] = content;
    for (const [k, v] of Object.entries(t)) if (k !== tags.role_tag && k !== tags.content_tag && !(k in out)) out[k] = v;
    return out;
  };
  const turnColumns = new Set([target.messages, target.chosen, target.rejected]);
  const renameRecord =
    !columnsChange && sameTags
      ? undefined
      : (record: JsonObject): JsonObject => {
          const out: JsonObject = {};
          for (const [from, to] of renames) {
            const v = own(record, from);
            if (v === undefined) continue;
            out[to] = !sameTags && formatting !== "alpaca" && turnColumns.has(to) ? (Array.isArray(v) ? v.map(rewriteTurn) : rewriteTurn(v)) : v;
          }
          // Other keys stay as metadata; one that would take a mapped column's name is not read by LLaMA-Factory either.
          for (const [k, v] of Object.entries(record)) if (!sourceNames.has(k) && !defaultNames.has(k) && !(k in out)) out[k] = v;
          return out;
        };
  const mapRecord = openai ? (record: JsonObject, line?: number) => { const aligned = openai.align(record, line); return renameRecord ? renameRecord(aligned) : aligned; } : renameRecord;
  const back = new Map(renames.map(([a, b]) => [b, a]));
  const tagBack = new Map<string, string>([
    [targetTags.role_tag, tags.role_tag],
    [targetTags.content_tag, tags.content_tag],
  ]);
  const esc = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
  const unesc = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");
  const mapPointer = (pointer: string, line?: number): string => {
    if (!mapRecord || !pointer.startsWith("/")) return pointer;
    const segs = pointer.slice(1).split("/").map(unesc);
    const head = segs[0]!;
    const src = back.get(head) ?? (openai && head === given.messages ? head : undefined);
    if (src === undefined) return pointer;
    segs[0] = src;
    if (openai && head === target.messages && segs[1] !== undefined) segs[1] = openai.sourceIndex(line, segs[1]);
    if (!sameTags && formatting !== "alpaca" && turnColumns.has(head)) {
      const k = head === target.messages ? 2 : 1;
      const s = segs[k];
      if (s !== undefined && tagBack.has(s)) segs[k] = tagBack.get(s)!;
    }
    return "/" + segs.map(esc).join("/");
  };
  const colText = renames.map(([a, b]) => (a === b ? a : `${a}→${b}`)).join(", ");
  const tagText = isObject(tagsRaw) ? `; tags ${TAG_NAMES.filter((k) => tags[k] !== "").map((k) => `${k}=${tags[k]}`).join(", ")}` : "";
  const explain = `${DATASET_INFO_FILE} entry "${entry.name}" (formatting ${formatting}${ranking ? ", ranking" : ""}; columns ${colText || "none"}${tagText}) read as ${format}`;
  const plan: DatasetPlan = { entry: entry.name, format, attr, mapPointer, explain };
  if (mapRecord) plan.mapRecord = mapRecord;
  return plan;
}

/**
 * converter.py's OpenAIDatasetConverter (@ ff6d4d12eeb0) on the turn list, before the sharegpt checks:
 * an assistant (or function) message with `tool_calls` becomes a function turn holding the calls'
 * `function` objects as JSON, consecutive observation messages become one observation joined by
 * "\n</tool_response>\n<tool_response>\n". Turn positions move, so the aligner remembers, per record
 * line, which message each aligned turn came from (only for records where something moved).
 */
function openaiAligner(column: string, tags: LfTags) {
  const moved = new Map<number, number[]>();
  const align = (record: JsonObject, line?: number): JsonObject => {
    const turns = own(record, column);
    if (!Array.isArray(turns)) return record;
    const out: JsonValue[] = [];
    const from: number[] = [];
    let pending: { texts: JsonValue[]; at: number } | undefined;
    const flush = () => {
      if (!pending) return;
      const texts = pending.texts;
      out.push({ [tags.role_tag]: tags.observation_tag, [tags.content_tag]: texts.every((t) => typeof t === "string") ? texts.join(TOOL_RESPONSE_SEPARATOR) : texts.length === 1 ? texts[0]! : null });
      from.push(pending.at);
      pending = undefined;
    };
    turns.forEach((t, i) => {
      if (!isObject(t)) {
        flush();
        out.push(t);
        from.push(i);
        return;
      }
      let role = own(t, tags.role_tag);
      let content = own(t, tags.content_tag);
      const calls = own(t, "tool_calls");
      if ((role === tags.assistant_tag || role === tags.function_tag) && Array.isArray(calls) && calls.length > 0) {
        content = JSON.stringify(calls.map((c) => (isObject(c) ? (own(c, "function") ?? null) : null)));
        role = tags.function_tag;
      }
      if (role === tags.observation_tag) {
        if (pending) pending.texts.push(content ?? null);
        else pending = { texts: [content ?? null], at: i };
        return;
      }
      flush();
      const turn: JsonObject = { ...t };
      delete turn.tool_calls;
      if (role !== undefined) turn[tags.role_tag] = role;
      if (content !== undefined) turn[tags.content_tag] = content;
      out.push(turn);
      from.push(i);
    });
    // converter.py appends pending tool results only before the next message: trailing ones are not
    // read (the example trains without them), so they are not read here either.
    if (line !== undefined) {
      if (from.some((f, k) => f !== k)) moved.set(line, from);
      else moved.delete(line);
    }
    return { ...record, [column]: out };
  };
  const sourceIndex = (line: number | undefined, seg: string): string => {
    const map = line === undefined ? undefined : moved.get(line);
    const k = Number(seg);
    return map && Number.isInteger(k) && map[k] !== undefined ? String(map[k]) : seg;
  };
  return { align, sourceIndex };
}
