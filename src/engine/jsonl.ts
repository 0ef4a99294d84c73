import { isUtf8 } from "node:buffer";
import { close, createReadStream, open, read, stat, type Stats } from "node:fs";
import { once } from "node:events";
import type { Readable } from "node:stream";
import { registerInput } from "../core/tracked-files.js";
import { FtdataUsageError, readError } from "../core/errors.js";
import type { JsonObject, JsonValue } from "../core/canonical.js";
import { locateJsonError } from "../core/json-error.js";
import { findDuplicateKeys, mayHaveDuplicateKeys } from "./json-duplicate-keys.js";
import type { ReaderRuleMessages } from "../formats/reader-messages.js";

/** Default cap on one line: past it the reader skips to the next newline instead of buffering. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const MAX_STRING_BYTES = 0x1fffffe8;
/**
 * Deeper records are reported, not passed on: recursive walks (JSON.stringify overflows the stack
 * between 3,000 and 8,000 levels here; Python's json module at about 1,000) would crash on them.
 */
export const MAX_JSON_DEPTH = 1000;

export interface ReaderIssueOf<R extends ReaderRuleId> {
  ruleId: R;
  /** One of the rule's message ids (READER_RULE_MESSAGES): a typo does not compile. */
  messageId: ReaderRuleMessages[R];
  line: number;
  column?: number;
  path?: string;
  data?: Record<string, string | number>;
  hint?: string;
}

/** A problem the reader found; the runner turns it into a diagnostic of the named reader rule. */
export type ReaderIssue = { [R in ReaderRuleId]: ReaderIssueOf<R> }[ReaderRuleId];

export type ReaderRuleId = keyof ReaderRuleMessages;

/** One physical line: its text, or the issue that kept it from being read. */
export interface LineEvent {
  line: number;
  /** Byte offset of the line's first byte in the (decompressed) input. */
  offset: number;
  /** Bytes of the line without its line terminator. */
  bytes: number;
  text?: string;
  issues?: ReaderIssue[];
  /** With `raw: true`: the line's bytes as in the input (CR kept, line 1's BOM dropped), a copy. */
  raw?: Uint8Array;
  /** Last physical line of a record that spans several (a pretty-printed JSON array element). */
  endLine?: number;
}

/** How the records of an input are laid out: one per line, or the elements of one JSON array. */
export type Container = "jsonl" | "json-array";

export interface ReaderOptions {
  maxLineBytes?: number;
  /** Also hand out each record's raw bytes (for outputs that copy records byte for byte). */
  raw?: boolean;
  /** Told once, before the first record, how the input is laid out. */
  onContainer?: (container: Container) => void;
  /** Where the bytes start in their file (a shard of the parallel lint): lines before them and their offset. */
  from?: { lines: number; offset: number };
}

// The callback fs API, wrapped: node:fs/promises (with streams and readline behind it) and, for plain
// files, node:zlib and node:stream are not loaded at all, which is a few ms of every CLI start-up.
const statFile = (file: string) => new Promise<Stats>((res, rej) => stat(file, (err, st) => (err ? rej(err) : res(st))));
const openFile = (file: string) => new Promise<number>((res, rej) => open(file, "r", (err, fd) => (err ? rej(err) : res(fd))));
const closeFile = (fd: number) => new Promise<void>((res, rej) => close(fd, (err) => (err ? rej(err) : res())));
/** Reads into `buf` from `position` (null: the current position); resolves with the bytes read. */
const readFile = (fd: number, buf: Buffer, length: number, position: number | null) =>
  new Promise<{ bytesRead: number }>((res, rej) => read(fd, buf, 0, length, position, (err, bytesRead) => (err ? rej(err) : res({ bytesRead }))));

/** Opens a path (gzip detected from its magic bytes) as a stream of byte chunks. */
export async function openByteSource(file: string, display = file): Promise<AsyncIterable<Uint8Array>> {
  let st;
  try {
    st = await statFile(file);
  } catch (err) {
    throw readError(display, err);
  }
  if (st.isDirectory()) throw new FtdataUsageError(`cannot read ${display}: is a directory`, "EISDIR");
  registerInput(display, st); // no output of this process may replace it
  // FIFOs (`<(zcat f)`), character devices and sockets cannot seek: read them as a stream.
  if (!st.isFile()) return sequentialChunks(file, display);
  let fd;
  try {
    fd = await openFile(file);
  } catch (err) {
    throw readError(display, err);
  }
  const magic = Buffer.alloc(2);
  let got = 0;
  try {
    ({ bytesRead: got } = await readFile(fd, magic, 2, 0));
  } catch (err) {
    await closeFile(fd);
    throw readError(display, err);
  }
  // Closed now and opened again when reading starts: a source that is opened but never read (another
  // input failed to open, the run was aborted) must not leave its descriptor open.
  await closeFile(fd);
  if (got === 2 && magic[0] === 0x1f && magic[1] === 0x8b) return gzipFileChunks(file, display);
  return fileChunks(file, display);
}

/** Bytes `[start, end)` of a plain file (a shard of the parallel lint), in reused chunks like fileChunks. */
export function fileRangeChunks(file: string, start: number, end: number): AsyncIterable<Uint8Array> {
  return fileChunks(file, file, start, end);
}

async function* fileChunks(file: string, display: string, start = 0, end = Number.POSITIVE_INFINITY): AsyncIterable<Uint8Array> {
  let fd: number;
  try {
    fd = await openFile(file);
  } catch (err) {
    throw readError(display, err);
  }
  // Two reused buffers: the next chunk is read into one while the consumer parses the other (a
  // consumer is done with a chunk when it pulls the next one). Reused buffers were measured ~1.3x
  // faster than createReadStream, which allocates per chunk.
  const bufs = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)] as const;
  let k = 0;
  let position = start;
  const read = (buf: Buffer) => readFile(fd, buf, Math.min(CHUNK_BYTES, end - position), position);
  let pending: Promise<{ bytesRead: number }> | undefined = read(bufs[0]);
  try {
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await pending);
      } catch (err) {
        throw readError(display, err);
      } finally {
        pending = undefined;
      }
      if (bytesRead === 0) return;
      position += bytesRead;
      const chunk = bufs[k]!.subarray(0, bytesRead);
      k ^= 1;
      pending = read(bufs[k]!);
      yield chunk;
    }
  } finally {
    // Stopped early (an abort, a consumer that breaks): let the read in flight finish before closing.
    if (pending) await pending.catch(() => undefined);
    await closeFile(fd);
  }
}

/** A gzipped file, opened when reading starts (see openByteSource). */
async function* gzipFileChunks(file: string, display: string): AsyncIterable<Uint8Array> {
  const modules = await gzipModules(); // before the stream exists, so that its errors have a listener
  const compressed = createReadStream(file);
  try {
    yield* gunzipChunks(modules, compressed, display);
  } finally {
    // A read stream closes its file after it ends, asynchronously: wait, so that no descriptor
    // outlives the reading (a caller that opens many inputs in turn would otherwise pile them up).
    if (!compressed.closed) {
      compressed.destroy();
      await once(compressed, "close");
    }
  }
}

/** node:zlib and node:stream, loaded for gzip input only. */
async function gzipModules() {
  const [{ createGunzip }, { pipeline, Readable }] = await Promise.all([import("node:zlib"), import("node:stream")]);
  return { createGunzip, pipeline, Readable };
}
type GzipModules = Awaited<ReturnType<typeof gzipModules>>;

async function* gunzipChunks({ createGunzip, pipeline }: GzipModules, compressed: Readable, display: string): AsyncIterable<Uint8Array> {
  // pipeline(), not pipe(): a read error must end the gunzip stream too, or the loop waits forever.
  const stream = pipeline(compressed, createGunzip(), () => undefined);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "Z_DATA_ERROR" || code === "Z_BUF_ERROR") {
      throw new FtdataUsageError(`cannot read ${display}: corrupt or truncated gzip data`, "EGZIP");
    }
    throw readError(display, err);
  } finally {
    stream.destroy();
  }
}

/** A non-seekable file: gzip is told from the first chunk, which is then put back in front. */
async function* sequentialChunks(file: string, display: string): AsyncIterable<Uint8Array> {
  const raw = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  const it = (raw as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer>;
  try {
    first = await it.next();
  } catch (err) {
    raw.destroy();
    throw readError(display, err);
  }
  if (first.done) return;
  const head = first.value;
  async function* rest(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  try {
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
      const modules = await gzipModules();
      yield* gunzipChunks(modules, modules.Readable.from(rest(), { objectMode: false }), display);
    } else {
      yield* rest();
    }
  } catch (err) {
    throw err instanceof FtdataUsageError ? err : readError(display, err);
  } finally {
    raw.destroy();
  }
}

/** Chunks of a Readable (stdin, a socket) as bytes, whatever its encoding; with `display`, a read error is a usage error. */
export async function* streamChunks(stream: Readable | AsyncIterable<Uint8Array | string>, display?: string): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array | string>) {
      yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    }
  } catch (err) {
    if (display === undefined || err instanceof FtdataUsageError) throw err;
    throw readError(display, err);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Slow path, only for lines isUtf8() rejected: find the first offending byte.
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    if (i + need >= n) return i; // truncated sequence
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0b && b !== 0x0c) return false;
  }
  return true;
}

/**
 * Splits bytes into lines without ever holding more than one line (capped at `maxLineBytes`) plus
 * one chunk. Chunks may be reused by the producer after the next pull, so partial lines are copied.
 */
export function readLines(chunks: AsyncIterable<Uint8Array>, options: ReaderOptions = {}): AsyncGenerator<LineEvent> {
  return splitLines(chunks, options, (ev) => ev);
}

/**
 * JSONL records: each line parsed as soon as it is split. One generator step per record instead
 * of one per stage (`parseLines(readLines(…))`): the per-record await was a measured part of the floor.
 */
export function readJsonlRecords(chunks: AsyncIterable<Uint8Array>, options: ReaderOptions = {}): AsyncGenerator<RecordEvent> {
  return splitLines(chunks, options, parseLine);
}

/** readLines, with each line handed to `map` before it is yielded. */
async function* splitLines<T>(chunks: AsyncIterable<Uint8Array>, options: ReaderOptions, map: (ev: LineEvent) => T): AsyncGenerator<T> {
  // Never above V8's longest string (0x1fffffe8 chars): decoding a longer line would throw.
  const maxLineBytes = Math.min(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, MAX_STRING_BYTES);
  const keepRaw = options.raw === true;
  let line = options.from?.lines ?? 0;
  let offset = options.from?.offset ?? 0; // offset of the current line's first byte
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let skipping = false; // current line exceeded maxLineBytes: drop bytes until its newline
  let skippedBytes = 0;

  const finish = (bytes: Uint8Array): LineEvent => {
    line++;
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--; // CRLF is accepted
    let body = end === bytes.length ? bytes : bytes.subarray(0, end);
    let issues: ReaderIssue[] | undefined;
    if (line === 1 && body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
      body = body.subarray(3);
      issues = [{ ruleId: "bom-present", messageId: "bom", line: 1 }];
    }
    const ev: LineEvent = { line, offset, bytes: body.length };
    if (issues) ev.issues = issues;
    if (keepRaw) ev.raw = Buffer.from(issues ? bytes.subarray(3) : bytes);
    if (isBlank(body)) {
      (ev.issues ??= []).push({ ruleId: "line-blank", messageId: "blank", line });
      return ev;
    }
    if (!isUtf8(body)) {
      const at = firstInvalidUtf8(body);
      (ev.issues ??= []).push({
        ruleId: "utf8-invalid",
        messageId: "invalid",
        line,
        column: at + 1,
        data: { byte: `0x${(body[at] ?? 0).toString(16).padStart(2, "0")}`, offset: offset + at + (line === 1 && issues ? 3 : 0) },
      });
      return ev;
    }
    ev.text = (body instanceof Buffer ? body : Buffer.from(body.buffer, body.byteOffset, body.length)).toString("utf8");
    return ev;
  };

  const tooLong = (): LineEvent => {
    line++;
    return {
      line,
      offset,
      bytes: skippedBytes,
      issues: [{ ruleId: "line-too-long", messageId: "tooLong", line, data: { bytes: skippedBytes, limit: maxLineBytes } }],
    };
  };

  for await (const chunk of chunks) {
    let pos = 0;
    const n = chunk.length;
    while (pos < n) {
      const nl = chunk.indexOf(10, pos);
      const end = nl === -1 ? n : nl;
      if (skipping) {
        skippedBytes += end - pos;
        if (nl === -1) { pos = n; break; }
        yield map(tooLong());
        offset += skippedBytes + 1;
        skipping = false;
        skippedBytes = 0;
        pos = nl + 1;
        continue;
      }
      if (nl === -1) {
        // Partial line: keep a copy, unless that would pass the cap.
        if (carryBytes + (n - pos) > maxLineBytes) {
          skipping = true;
          skippedBytes = carryBytes + (n - pos);
          carry = [];
          carryBytes = 0;
        } else {
          carry.push(Buffer.from(chunk.subarray(pos, n)));
          carryBytes += n - pos;
        }
        pos = n;
        break;
      }
      let bytes: Uint8Array;
      if (carryBytes > 0) {
        carry.push(Buffer.from(chunk.subarray(pos, end)));
        bytes = Buffer.concat(carry);
        carry = [];
        carryBytes = 0;
      } else {
        bytes = chunk.subarray(pos, end);
      }
      if (bytes.length > maxLineBytes) {
        skippedBytes = bytes.length;
        yield map(tooLong());
        skippedBytes = 0;
      } else {
        yield map(finish(bytes));
      }
      offset += bytes.length + 1;
      pos = nl + 1;
    }
  }
  if (skipping) {
    yield map(tooLong());
  } else if (carryBytes > 0) {
    yield map(finish(Buffer.concat(carry))); // a missing final newline is accepted
  }
}

/** A parsed line: a record (a JSON object) or the issues that kept it from being one. */
export interface RecordEvent {
  line: number;
  offset: number;
  bytes: number;
  value?: JsonObject;
  issues?: ReaderIssue[];
  /** The record's bytes as in the input (with `raw: true`): a JSONL line, or a JSON array element. */
  raw?: Uint8Array;
  /** Last physical line of the record when it spans several (JSON array elements); else `line`. */
  endLine?: number;
}

const NOT_SURROGATE = 0;
const HIGH = 1;
const LOW = 2;

/** What the `\\uXXXX` escape whose hex digits start at j encodes (JSON.parse has checked its form). */
function surrogateKind(text: string, j: number): number {
  const d = text.charCodeAt(j) | 0x20;
  if (d !== 0x64) return NOT_SURROGATE; // 'd'
  const c = text.charCodeAt(j + 1) | 0x20;
  if (c === 0x38 || c === 0x39 || c === 0x61 || c === 0x62) return HIGH; // 8 9 a b
  return c >= 0x63 && c <= 0x66 ? LOW : NOT_SURROGATE; // c d e f
}

/**
 * Whether a line that parsed as JSON holds a lone surrogate escape: a high one not directly followed
 * by a low one, or a low one not directly preceded by a high one. Exact, because it reads the
 * escapes as JSON does (an escaped backslash before "ud800" is text, not an escape), so the walk
 * that finds the string's path runs only for lines that have one.
 */
function mayHaveLoneSurrogate(text: string): boolean {
  // indexOf is a fast scan; most lines (even Python-escaped ones) have no surrogate escapes at all.
  let i = text.indexOf("\\u");
  for (; i !== -1; i = text.indexOf("\\u", i + 2)) {
    const c = text.charCodeAt(i + 2) | 0x20;
    if (c === 0x64) break;
  }
  if (i === -1) return false;
  let highEnd = -1;
  for (let k = text.indexOf("\\"); k !== -1; k = text.indexOf("\\", k)) {
    if (text.charCodeAt(k + 1) !== 0x75) {
      k += 2; // any other escape, an escaped backslash among them
      continue;
    }
    const kind = surrogateKind(text, k + 2);
    if (kind === LOW) {
      if (highEnd !== k) return true;
      highEnd = -1;
    } else {
      if (highEnd !== -1) return true;
      if (kind === HIGH) highEnd = k + 6;
    }
    k += 6;
  }
  return highEnd !== -1;
}

/** Finds the first string (key or value) holding a lone surrogate, iteratively. */
function findLoneSurrogate(root: JsonValue): string | undefined {
  const stack: Array<[JsonValue, string]> = [[root, ""]];
  while (stack.length > 0) {
    const [v, p] = stack.pop()!;
    if (typeof v === "string") {
      if (!v.isWellFormed()) return p;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i]!, `${p}/${i}`]);
    } else if (v !== null && typeof v === "object") {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        const kp = `${p}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        if (!k.isWellFormed()) return kp;
        stack.push([v[k]!, kp]);
      }
    }
  }
  return undefined;
}

/**
 * Whether a parsed value nests deeper than `limit` (a cycle counts as too deep). Recursive, but
 * never deeper than `limit` calls: the walk stops there.
 */
export function nestedDeeperThan(root: JsonValue, limit: number): boolean {
  if (limit <= 0) return true;
  const children = Array.isArray(root) ? root : Object.values(root as JsonObject);
  for (const c of children) if (c !== null && typeof c === "object" && nestedDeeperThan(c, limit - 1)) return true;
  return false;
}

function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

/** Parses each line as JSON and keeps the objects; everything else becomes an issue on its line. */
export async function* parseLines(lines: AsyncIterable<LineEvent>): AsyncGenerator<RecordEvent> {
  for await (const ev of lines) yield parseLine(ev);
}

/** One line parsed: a record, or the issues that kept it from being one. */
export function parseLine(ev: LineEvent): RecordEvent {
  const out: RecordEvent = { line: ev.line, offset: ev.offset, bytes: ev.bytes };
  if (ev.issues) out.issues = ev.issues;
  if (ev.raw) out.raw = ev.raw;
  if (ev.endLine !== undefined) out.endLine = ev.endLine;
  const text = ev.text;
  if (text === undefined) return out;
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (err) {
    const loc = err instanceof RangeError
      ? { column: 1, message: "nested too deeply to parse" }
      : locateJsonError(text);
    const issue: ReaderIssue = { ruleId: "json-invalid", messageId: "invalid", line: ev.line, column: loc.column, data: { reason: loc.message } };
    if (loc.hint) issue.hint = loc.hint;
    (out.issues ??= []).push(issue);
    return out;
  }
  // n levels take at least 2n characters, so short lines (nearly all) skip the walk.
  if (text.length > 2 * MAX_JSON_DEPTH && value !== null && typeof value === "object" && nestedDeeperThan(value, MAX_JSON_DEPTH)) {
    (out.issues ??= []).push({ ruleId: "json-invalid", messageId: "tooDeep", line: ev.line, data: { limit: MAX_JSON_DEPTH } });
    return out;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const issue: ReaderIssue = { ruleId: "record-not-object", messageId: "notObject", line: ev.line, data: { type: typeName(value) } };
    if (ev.line === 1 && Array.isArray(value)) issue.hint = "the file holds a JSON array; JSONL wants one object per line";
    (out.issues ??= []).push(issue);
    return out;
  }
  if (mayHaveLoneSurrogate(text)) {
    const p = findLoneSurrogate(value);
    if (p !== undefined) {
      // Still a record: every other problem on the line is reported in the same pass.
      (out.issues ??= []).push({ ruleId: "string-lone-surrogate", messageId: "lone", line: ev.line, path: p });
    }
  }
  // A cheap count first (see mayHaveDuplicateKeys); the exact scan only for the rare line it flags.
  if (mayHaveDuplicateKeys(text, value)) {
    for (const d of findDuplicateKeys(text)) {
      (out.issues ??= []).push({ ruleId: "json-key-duplicate", messageId: "duplicate", line: ev.line, path: `${d.path}/${d.key.replace(/~/g, "~0").replace(/\//g, "~1")}`, data: { key: d.key } });
    }
  }
  out.value = value;
  return out;
}
