import { isUtf8 } from "node:buffer";
import { lazyIterable, prepend } from "./prepend.js";
import { DEFAULT_MAX_LINE_BYTES, parseLines, readJsonlRecords, type LineEvent, type ReaderOptions, type RecordEvent } from "./jsonl.js";
import { diagnoseDocument } from "./json-document.js";

const WS = new Uint8Array(256);
for (const b of [0x20, 0x09, 0x0a, 0x0d]) WS[b] = 1;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_SQ = 0x5b;
const CLOSE_SQ = 0x5d;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;
const NL = 0x0a;

/**
 * Splits one JSON array (`[{…}, {…}]`, as LLaMA-Factory and Alpaca ship `.json` files) into its
 * elements without parsing the whole document: a byte scanner tracks strings and nesting and yields
 * each element's text with the line it starts on. Memory is one element plus one chunk, so a large
 * array is never held twice. The elements then go through the same parse/record pipeline as JSONL lines.
 */
export async function* splitJsonArray(chunks: AsyncIterable<Uint8Array>, options: ReaderOptions = {}, mode: "array" | "values" = "array"): AsyncGenerator<LineEvent> {
  // "values": JSON values one after another, each over any number of lines (pretty-printed records
  // in a .jsonl): an element ends where its brackets close, and there is no [ … ] around them.
  const values = mode === "values";
  const maxBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const keepRaw = options.raw === true;
  let line = 1;
  let offset = 0; // bytes consumed before the current chunk
  let lastNL = false; // the last byte read was a newline (the file's last line is then line - 1)
  let commaReported = false;
  let state: "before" | "value" | "element" | "after" = values ? "value" : "before";
  let sawComma = false;
  let first = true;
  let inString = false;
  let escape = false;
  let nest = 0;
  let parts: Buffer[] = [];
  let partBytes = 0;
  let elemLine = 0;
  let elemOffset = 0;
  let skipping = false;
  let trailingReported = false;

  const issue = (at: number, reason: string): LineEvent => ({
    line: at,
    offset,
    bytes: 0,
    issues: [{ ruleId: "json-invalid", messageId: "invalid", line: at, data: { reason } }],
  });

  /** `tail`: the element's last bytes, still in the producer's chunk (decoded now, never kept). */
  const finishElement = (tail?: Uint8Array): LineEvent => {
    if (tail && tail.length > 0 && !skipping) {
      if (partBytes + tail.length > maxBytes) {
        skipping = true;
        parts = [];
      }
    }
    const bytes = partBytes + (tail?.length ?? 0);
    const ev: LineEvent = { line: elemLine, offset: elemOffset, bytes };
    let endLine = line;
    if (skipping) {
      ev.issues = [{ ruleId: "line-too-long", messageId: "tooLong", line: elemLine, data: { bytes, limit: maxBytes } }];
    } else {
      const whole = tail ? (parts.length === 0 ? tail : Buffer.concat([...parts, tail])) : parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      const body = Buffer.from(whole.buffer, whole.byteOffset, whole.length);
      if (!isUtf8(body)) ev.issues = [{ ruleId: "utf8-invalid", messageId: "invalid", line: elemLine, data: { byte: "?", offset: elemOffset } }];
      else ev.text = body.toString("utf8");
      // The element ends at its last non-blank byte: whitespace before the next "," or "]" is not its own.
      let end = body.length;
      while (end > 0 && WS[body[end - 1]!]) if (body[--end] === NL) endLine--;
      if (keepRaw) ev.raw = Buffer.from(body.subarray(0, end));
    }
    if (endLine > elemLine) ev.endLine = endLine;
    parts = [];
    partBytes = 0;
    skipping = false;
    return ev;
  };

  const keep = (chunk: Uint8Array, from: number, to: number) => {
    if (to <= from) return;
    partBytes += to - from;
    if (skipping) return;
    if (partBytes > maxBytes) {
      skipping = true;
      parts = [];
      return;
    }
    parts.push(Buffer.from(chunk.subarray(from, to))); // the producer may reuse its chunk
  };

  for await (const chunk of chunks) {
    let i = 0;
    const n = chunk.length;
    if (first && n > 0) {
      first = false;
      if (n >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        yield { line: 1, offset: 0, bytes: 0, issues: [{ ruleId: "bom-present", messageId: "bom", line: 1 }] };
        i = 3;
      }
    }
    let start = state === "element" ? i : -1;
    // Next newline / backslash at or after i, cached so string bodies are skipped with indexOf (memchr)
    // instead of byte by byte, without rescanning the chunk for every string.
    let nextNL = -1;
    let nextBS = -1;
    const nlFrom = (from: number) => {
      if (nextNL < from) nextNL = from <= n ? (chunk.indexOf(NL, from) + 1 || n + 1) - 1 : n;
      return nextNL;
    };
    const bsFrom = (from: number) => {
      if (nextBS < from) nextBS = (chunk.indexOf(BACKSLASH, from) + 1 || n + 1) - 1;
      return nextBS;
    };
    while (i < n) {
      if (state === "element" && inString) {
        if (escape) {
          escape = false;
          if (chunk[i] === NL) line++;
          i++;
          continue;
        }
        const q = chunk.indexOf(QUOTE, i);
        const end = q === -1 ? n : q;
        const bs = bsFrom(i);
        const stop = bs < end ? bs : end;
        // A raw newline inside a string is invalid JSON (JSON.parse reports it) but still moves the line.
        while (nlFrom(i) < stop) {
          line++;
          i = nextNL + 1;
        }
        if (bs < end) {
          escape = true;
          i = bs + 1;
        } else if (q === -1) {
          i = n;
        } else {
          inString = false;
          i = q + 1;
        }
        continue;
      }
      const b = chunk[i]!;
      if (state === "element") {
        if (b === QUOTE) inString = true;
        else if (b === OPEN_CURLY || b === OPEN_SQ) nest++;
        else if (b === NL) line++;
        else if ((b === CLOSE_CURLY || b === CLOSE_SQ) && nest > 0) {
          nest--;
          if (values && nest === 0) {
            yield finishElement(chunk.subarray(start, i + 1));
            state = "value";
            i++;
            continue;
          }
        }
        else if (nest === 0 && (b === COMMA || b === CLOSE_SQ)) {
          yield finishElement(chunk.subarray(start, i));
          state = b === COMMA ? "value" : "after";
          sawComma = b === COMMA;
          i++;
          continue;
        }
        i++;
        continue;
      }
      if (WS[b]) {
        if (b === NL) line++;
        i++;
        continue;
      }
      if (state === "before") {
        if (b !== OPEN_SQ) {
          yield issue(line, "expected a JSON array starting with [");
          state = "after";
          trailingReported = true;
          i = n;
          break;
        }
        state = "value";
        sawComma = false;
        i++;
        continue;
      }
      if (state === "after") {
        if (!trailingReported) {
          trailingReported = true;
          yield issue(line, "unexpected data after the end of the JSON array");
        }
        i++;
        continue;
      }
      // state === "value": a new element, the end of the array, or a stray comma.
      if (b === CLOSE_SQ) {
        if (sawComma) yield issue(line, "trailing comma before ]");
        state = "after";
        i++;
        continue;
      }
      if (b === COMMA && values) {
        if (!commaReported) yield issue(line, "records are separated by commas: is this a JSON array without its [ and ]?");
        commaReported = true;
        i++;
        continue;
      }
      if (b === CLOSE_SQ && values) {
        yield issue(line, "unexpected ] between records");
        i++;
        continue;
      }
      if (b === COMMA) {
        yield issue(line, "empty element between commas");
        i++;
        continue;
      }
      state = "element";
      elemLine = line;
      elemOffset = offset + i;
      nest = 0;
      inString = false;
      escape = false;
      start = i;
      // Re-read this byte as part of the element.
    }
    if (state === "element" && start >= 0) keep(chunk, start, n);
    offset += n;
    if (n > 0) lastNL = chunk[n - 1] === NL;
  }
  if (values) {
    if (state === "element") yield finishElement(); // unclosed: JSON.parse says where
    // No text, no issue: tells the consumer how many lines the file has.
    yield { line: lastNL ? line - 1 : line, offset, bytes: 0 };
    return;
  }
  if (state === "element") {
    yield finishElement();
    yield issue(line, "the JSON array is not closed with ]");
  } else if (state === "value") {
    yield issue(line, first ? "the file is empty" : "the JSON array is not closed with ]");
  }
}

/**
 * Records from a byte stream that holds either JSONL or one JSON array, told apart by the first
 * non-whitespace byte (`[`). The first chunk(s) are peeked and copied, then replayed.
 */
export function readRecords(chunks: AsyncIterable<Uint8Array>, options: ReaderOptions = {}): AsyncIterable<RecordEvent> {
  return lazyIterable(async () => {
    const it = chunks[Symbol.asyncIterator]();
    const peeked: Uint8Array[] = [];
    let isArray = false;
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      // The producer may reuse its chunk on the next pull: copy only when we must pull again.
      const chunk = next.value;
      let i = peeked.length === 0 && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
      while (i < chunk.length && WS[chunk[i]!]) i++;
      if (i < chunk.length) {
        peeked.push(chunk);
        isArray = chunk[i] === OPEN_SQ;
        break;
      }
      peeked.push(Buffer.from(chunk));
    }
    if (!isArray && peeked.length > 0 && (await startsWithMultilineValue(peeked, it))) {
      return diagnoseDocument(parseLines(splitJsonArray(prepend(peeked, it), options, "values")));
    }
    const replay = prepend(peeked, it);
    options.onContainer?.(isArray ? "json-array" : "jsonl");
    return isArray ? parseLines(splitJsonArray(replay, options)) : readJsonlRecords(replay, options);
  });
}

/** How far the first value of a file is followed to tell a pretty-printed file from JSONL. */
const MULTILINE_PEEK_BYTES = 8 * 1024 * 1024;

/**
 * Whether the input starts with one JSON value spread over several lines (a pretty-printed object,
 * `json.dump(obj, f, indent=2)`) rather than a JSONL line. Follows the first value's brackets: for
 * JSONL that is only the first line; otherwise up to 8 MiB, pulling (and copying) chunks into
 * `peeked`, and the value must then parse. A JSONL file whose first line is cut off fails to parse
 * (or does not close in time) and stays JSONL.
 */
async function startsWithMultilineValue(peeked: Uint8Array[], it: AsyncIterator<Uint8Array>): Promise<boolean> {
  let depth = 0;
  let inString = false;
  let escape = false;
  let newlineInside = false;
  let started = false;
  let total = 0;
  let pulled = false;
  let startK = 0;
  let startI = 0;
  for (let k = 0; ; k++) {
    if (k === peeked.length) {
      if (total >= MULTILINE_PEEK_BYTES) return false;
      // The producer may reuse a chunk once the next is pulled: only the last peeked one is not a copy yet.
      if (!pulled) peeked[k - 1] = Buffer.from(peeked[k - 1]!);
      pulled = true;
      const next = await it.next();
      if (next.done) return false;
      peeked.push(Buffer.from(next.value));
    }
    const chunk = peeked[k]!;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i]!;
      if (inString) {
        if (escape) escape = false;
        else if (b === BACKSLASH) escape = true;
        else if (b === QUOTE) inString = false;
        else if (b === NL) return false; // a raw newline inside a string: not JSON either way
        continue;
      }
      if (!started) {
        if (WS[b] || (k === 0 && i < 3 && (b === 0xef || b === 0xbb || b === 0xbf))) continue;
        if (b !== OPEN_CURLY) return false;
        started = true;
        startK = k;
        startI = i;
      }
      if (b === QUOTE) inString = true;
      else if (b === OPEN_CURLY || b === OPEN_SQ) depth++;
      else if (b === CLOSE_CURLY || b === CLOSE_SQ) {
        depth--;
        if (depth === 0) {
          if (!newlineInside) return false; // the first line is a whole value: JSONL
          const parts: Uint8Array[] = [];
          for (let j = startK; j <= k; j++) parts.push(peeked[j]!.subarray(j === startK ? startI : 0, j === k ? i + 1 : undefined));
          try {
            JSON.parse(Buffer.concat(parts).toString("utf8"));
            return true;
          } catch {
            return false;
          }
        }
      } else if (b === NL) newlineInside = true;
    }
    total += n;
  }
}
