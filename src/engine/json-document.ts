import type { JsonObject, JsonValue } from "../core/canonical.js";
import type { ReaderIssue, RecordEvent } from "./jsonl.js";
import { looksLikeRecord } from "../formats/index.js";

/**
 * What a whole file that is one JSON object (not a list of records) holds, when that can be told:
 * said once, instead of the file being read as one odd record or one error per line.
 * HOOK(llamafactory): a LLaMA-Factory `dataset_info.json` is recognised here so it gets one clear
 * diagnostic; linting the files it lists (with their column mappings) belongs to the LLaMA-Factory
 * formats and can replace this entry.
 */
const DOCUMENTS: Array<{ test: (v: JsonObject) => Omit<ReaderIssue, "ruleId" | "line"> | undefined }> = [
  {
    test: (v) => {
      const entries = Object.values(v);
      const isEntry = (e: JsonValue) => e !== null && typeof e === "object" && !Array.isArray(e);
      const names = ["file_name", "hf_hub_url", "ms_hub_url", "om_hub_url", "script_url", "cloud_file_name"];
      if (entries.length === 0 || !entries.every(isEntry)) return undefined;
      if (!entries.some((e) => names.some((n) => n in (e as JsonObject)))) return undefined;
      return { messageId: "datasetInfo", data: { count: entries.length }, hint: "lint the data files it lists (its file_name entries)" };
    },
  },
  {
    // {"data": [{…}, {…}]}, {"version": "1", "train": [...]}: the records are one level down.
    test: (v) => {
      for (const [key, value] of Object.entries(v)) {
        if (!Array.isArray(value) || value.length === 0) continue;
        if (!value.slice(0, 20).every((e) => e !== null && typeof e === "object" && !Array.isArray(e))) continue;
        const sel = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `.${JSON.stringify(key)}`;
        return { messageId: "nested", data: { key, count: value.length }, hint: `extract them one per line: jq -c '${sel}[]' in.json > out.jsonl` };
      }
      return undefined;
    },
  },
];

const issue = (line: number, rest: Omit<ReaderIssue, "ruleId" | "line">): ReaderIssue => ({ ruleId: "record-multiline", line, ...rest });

/**
 * Records read from a file whose values span several lines (see `splitJsonArray(…, "values")`): the
 * file is said once to be pretty-printed JSON rather than JSONL, on its first record. The first
 * record is held back until the next one (or the end) shows whether the file is one object, and, if
 * it is, whether that object is a document holding records rather than a record.
 */
export async function* diagnoseDocument(events: AsyncIterable<RecordEvent>): AsyncGenerator<RecordEvent> {
  let first: RecordEvent | undefined;
  const held: RecordEvent[] = [];
  let decided = false;
  for await (const ev of events) {
    if (decided) {
      yield ev;
      continue;
    }
    // A value: parsed, or an element that failed to parse (bytes > 0); splitter notes have no bytes.
    const isValue = ev.value !== undefined || ev.bytes > 0;
    if (!first) {
      if (ev.value) first = ev;
      else yield ev;
      continue;
    }
    if (!isValue) {
      held.push(ev);
      continue;
    }
    decided = true;
    yield withIssue(first, issue(first.line, { messageId: "records" }));
    yield* held;
    yield ev;
  }
  if (decided || !first) {
    yield* held;
    return;
  }
  // The whole file is this one object.
  const lastLine = held.length > 0 ? held[held.length - 1]!.line : first.line;
  const lines = lastLine - first.line + 1;
  const doc = looksLikeRecord(first.value!) ? undefined : DOCUMENTS.map((d) => d.test(first!.value!)).find((x) => x !== undefined);
  if (doc) {
    // Not a record: reported, not handed to format detection (which could only add "unknown format").
    const { value: _value, ...rest } = first;
    yield withIssue(rest, issue(first.line, { ...doc, data: { ...doc.data, lines } }));
  } else {
    yield withIssue(first, issue(first.line, { messageId: "single", data: { lines }, hint: "JSONL holds one record per line: write each with json.dumps(record) (no indent), or rewrite the file with jq -c ." }));
  }
  yield* held;
}

function withIssue(ev: RecordEvent, i: ReaderIssue): RecordEvent {
  return { ...ev, issues: [i, ...(ev.issues ?? [])] };
}
