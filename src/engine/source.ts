import { fstatSync } from "node:fs";
import path from "node:path";
import { displayPath } from "../core/display.js";
import { registerInput } from "../core/tracked-files.js";
import type { Readable } from "node:stream";
import type { JsonObject } from "../core/canonical.js";
import { isObject } from "../formats/json-utils.js";
import { MAX_JSON_DEPTH, nestedDeeperThan, openByteSource, parseLines, streamChunks, type LineEvent, type ReaderOptions, type RecordEvent } from "./jsonl.js";
import { readRecords } from "./json-array.js";

/** What `validate()` accepts as one input. */
export type InputSource =
  | string
  | URL
  | Readable
  | AsyncIterable<string | Uint8Array | JsonObject>
  | Iterable<string | JsonObject>;

export { displayPath };

export interface OpenedSource {
  /** Name shown in diagnostics. */
  name: string;
  records: AsyncIterable<RecordEvent>;
  /** Rows without physical lines (Parquet): `line` in its events is the 1-based row number, kept out of the report. */
  rowsOnly?: boolean;
}

/** Parquet rows as record events (the reader lives in the engine and loads only for Parquet files). */
async function* parquetEvents(file: string | ArrayBuffer, display?: string): AsyncGenerator<RecordEvent> {
  const { readParquet } = await import("./parquet.js");
  for await (const r of readParquet(file, display)) yield { line: r.record + 1, offset: 0, bytes: 0, value: r.value };
}

/** Parquet's "PAR1" (parquet.ts PARQUET_MAGIC, kept here so a JSONL stream never loads the Parquet module). */
const MAGIC = [0x50, 0x41, 0x52, 0x31];

/**
 * A byte stream (stdin, a Readable) that starts with Parquet's magic is Parquet: buffered whole (up
 * to parquet.ts MAX_PARQUET_STREAM_BYTES) and read as a Parquet file. Anything else is replayed to the
 * JSONL / JSON array reader unchanged; only the first bytes are looked at.
 */
async function streamSource(chunks: AsyncIterable<Uint8Array>, name: string, options: ReaderOptions): Promise<OpenedSource> {
  const it = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let got = 0;
  let done = false;
  while (got < MAGIC.length) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    got += next.value.byteLength;
  }
  const first = head.length === 1 ? head[0]! : Buffer.concat(head);
  async function* replay(): AsyncGenerator<Uint8Array> {
    if (first.byteLength > 0) yield first;
    if (done) return;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  }
  if (got >= MAGIC.length && MAGIC.every((b, i) => first[i] === b)) {
    const { bufferParquetStream } = await import("./parquet.js");
    const buffer = await bufferParquetStream(replay(), name);
    return { name, records: parquetEvents(buffer, name), rowsOnly: true };
  }
  return { name, records: readRecords(replay(), options) };
}


function isReadable(v: unknown): v is Readable {
  return typeof v === "object" && v !== null && typeof (v as Readable).pipe === "function" && typeof (v as Readable).on === "function";
}

/** Each string is one line (with or without its newline). */
async function* stringLines(items: AsyncIterator<string | Uint8Array | JsonObject>, first: string): AsyncGenerator<LineEvent> {
  let line = 0;
  let offset = 0;
  let cur: string | Uint8Array | JsonObject | undefined = first;
  while (cur !== undefined) {
    if (typeof cur !== "string") throw new TypeError("an input iterable must yield only strings, only byte chunks or only objects");
    const text = cur.endsWith("\n") ? cur.slice(0, cur.endsWith("\r\n") ? -2 : -1) : cur;
    const bytes = Buffer.byteLength(text);
    line++;
    const ev: LineEvent = { line, offset, bytes };
    if (text.trim() === "") ev.issues = [{ ruleId: "line-blank", messageId: "blank", line }];
    else ev.text = text;
    yield ev;
    offset += bytes + 1;
    const next = await items.next();
    cur = next.done ? undefined : next.value;
  }
}

/** Objects are records already; their line is their 1-based position. */
async function* objectRecords(items: AsyncIterator<string | Uint8Array | JsonObject>, first: JsonObject): AsyncGenerator<RecordEvent> {
  let line = 0;
  let cur: string | Uint8Array | JsonObject | undefined = first;
  while (cur !== undefined) {
    line++;
    if (!isObject(cur)) {
      yield { line, offset: 0, bytes: 0, issues: [{ ruleId: "record-not-object", messageId: "notObject", line, data: { type: typeof cur } }] };
    } else if (nestedDeeperThan(cur, MAX_JSON_DEPTH)) {
      // Objects from a caller were never parsed, so depth (and cycles) are checked here instead.
      yield { line, offset: 0, bytes: 0, issues: [{ ruleId: "json-invalid", messageId: "tooDeep", line, data: { limit: MAX_JSON_DEPTH } }] };
    } else {
      yield { line, offset: 0, bytes: 0, value: cur };
    }
    const next = await items.next();
    cur = next.done ? undefined : next.value;
  }
}

async function* chunksFrom(items: AsyncIterator<string | Uint8Array | JsonObject>, first: Uint8Array): AsyncGenerator<Uint8Array> {
  let cur: string | Uint8Array | JsonObject | undefined = first;
  while (cur !== undefined) {
    if (!(cur instanceof Uint8Array)) throw new TypeError("an input iterable must yield only strings, only byte chunks or only objects");
    yield cur;
    const next = await items.next();
    cur = next.done ? undefined : next.value;
  }
}

/** An iterable of strings (lines), byte chunks or records, told apart by its first item. */
async function* fromIterable(source: AsyncIterable<string | Uint8Array | JsonObject> | Iterable<string | JsonObject>, options: ReaderOptions): AsyncGenerator<RecordEvent> {
  const it = (Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : (source as Iterable<string | JsonObject>)[Symbol.iterator]()) as AsyncIterator<string | Uint8Array | JsonObject>;
  const first = await it.next();
  if (first.done) return;
  const v = first.value;
  if (typeof v === "string") yield* parseLines(stringLines(it, v));
  else if (v instanceof Uint8Array) yield* readRecords(chunksFrom(it, v), options);
  else yield* objectRecords(it, v);
}

/** Opens any supported input; paths are checked now, so a missing file fails before any output. */
export async function openSource(input: InputSource, options: ReaderOptions & { name?: string; cwd?: string } = {}): Promise<OpenedSource> {
  if (typeof input === "string" || input instanceof URL) {
    const file = input instanceof URL ? input.pathname : input;
    if (file === "-") {
      try {
        registerInput("<stdin>", fstatSync(0)); // `ftdata lint - < data.jsonl`: data.jsonl is an input too
      } catch {
        // no stdin at all
      }
      const name = options.name ?? "<stdin>";
      return streamSource(streamChunks(process.stdin, name), name, options);
    }
    const name = options.name ?? displayPath(file, options.cwd);
    if (/\.parquet$/i.test(file)) {
      const abs = path.resolve(options.cwd ?? process.cwd(), file);
      await openByteSource(abs, name); // the same usage errors as any file: missing, a directory, no permission
      return { name, records: parquetEvents(abs), rowsOnly: true };
    }
    const chunks = await openByteSource(path.resolve(options.cwd ?? process.cwd(), file), name);
    // JSONL, or one JSON array (`.json` as LLaMA-Factory and Alpaca ship it), told apart by its first byte.
    return { name, records: readRecords(chunks, options) };
  }
  const name = options.name ?? "<input>";
  if (isReadable(input)) return streamSource(streamChunks(input, name), name, options);
  return { name, records: fromIterable(input, options) };
}
