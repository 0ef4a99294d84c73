import path from "node:path";
import type { Diagnostic } from "./core/diagnostic.js";
import type { FileReport, Report } from "./core/report.js";
import { openDataset } from "./engine/dataset.js";

/** One example line as it was on disk, for showing next to its diagnostics. */
export interface ExampleSample {
  line: number;
  /** The line's text (UTF-8, invalid bytes shown as U+FFFD), cut at `maxBytes` on a character boundary. */
  text: string;
  /** Bytes of the whole line, without its line terminator. */
  bytes: number;
  /** True when `text` holds only the first `maxBytes` bytes of the line. */
  truncated: boolean;
}

export interface FileSamples {
  /** The sampled lines, in line order. */
  examples: ExampleSample[];
  /** Why no example text could be read for this file (stdin, an in-memory input, a read error). */
  unavailable?: string;
}

/** A bounded sample of the example lines that diagnostics point at, keyed by `FileReport.file`. */
export interface ReportSamples {
  /** At most this many distinct lines per rule and file. */
  perRule: number;
  /** At most this many bytes of each line. */
  maxBytes: number;
  files: Record<string, FileSamples>;
  /** Set when example text was left out on purpose (datasets often hold personal data). */
  omitted?: boolean;
}

export interface SampleOptions {
  /** Distinct lines sampled per rule and file (default 20). */
  perRule?: number;
  /** Bytes kept per line (default 8 KiB). */
  maxBytes?: number;
  /** Base for the relative paths in the report (default: the working directory). */
  cwd?: string;
}

export const DEFAULT_SAMPLES_PER_RULE = 20;
export const DEFAULT_SAMPLE_BYTES = 8 * 1024;

/**
 * Which lines to show for each rule of a file: the first `perRule` distinct lines of the rule's
 * diagnostics. The HTML reporter calls this too, so a row shows its example exactly when it was sampled.
 */
export function selectSampleLines(file: FileReport, perRule: number): Map<string, number[]> {
  const byRule = new Map<string, number[]>();
  const seen = new Map<string, Set<number>>();
  for (const d of file.diagnostics) {
    if (d.line === undefined) continue;
    let lines = byRule.get(d.ruleId);
    let s = seen.get(d.ruleId);
    if (!lines || !s) {
      lines = [];
      s = new Set();
      byRule.set(d.ruleId, lines);
      seen.set(d.ruleId, s);
    }
    if (lines.length >= perRule || s.has(d.line)) continue;
    s.add(d.line);
    lines.push(d.line);
  }
  return byRule;
}

/** The lines to read for a file: the sampled lines plus the first related line of each (the original of a duplicate). */
function wantedLines(file: FileReport, perRule: number): Set<number> {
  const wanted = new Set<number>();
  const selected = selectSampleLines(file, perRule);
  for (const lines of selected.values()) for (const l of lines) wanted.add(l);
  const related = (d: Diagnostic) => d.related?.find((r) => r.file === file.file && r.line !== undefined)?.line;
  for (const d of file.diagnostics) {
    if (d.line === undefined || !selected.get(d.ruleId)?.includes(d.line)) continue;
    const r = related(d);
    if (r !== undefined) wanted.add(r);
  }
  return wanted;
}

/** Names that are not paths on disk: an input that was read once and is gone. */
function notOnDisk(name: string): string | undefined {
  if (name === "<stdin>") return "read from standard input, which cannot be read a second time: examples are not shown";
  if (/^<.*>$/.test(name)) return "an in-memory input, which cannot be read a second time: examples are not shown";
  return undefined;
}

/** Length of the longest prefix that does not end in the middle of a UTF-8 character. */
function wholeChars(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = n - 1;
  // Up to three continuation bytes can follow a lead byte.
  while (i >= 0 && i > n - 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return n;
  const lead = bytes[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return n - i < need ? i : n;
}

const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/**
 * Reads the diagnosed lines of each file a second time (the file is on disk; stdin is not) and keeps
 * a bounded sample: at most `perRule` lines per rule, `maxBytes` bytes each. Reading stops after the
 * last wanted line, and only wanted lines are copied, so memory stays bounded whatever the file size.
 * A file that can no longer be read gets `unavailable` instead of an exception.
 */
export async function collectSamples(report: Report, options: SampleOptions = {}): Promise<ReportSamples> {
  const perRule = options.perRule ?? DEFAULT_SAMPLES_PER_RULE;
  const maxBytes = options.maxBytes ?? DEFAULT_SAMPLE_BYTES;
  const cwd = options.cwd ?? process.cwd();
  const out: ReportSamples = { perRule, maxBytes, files: {} };
  for (const file of report.files) {
    const wanted = wantedLines(file, perRule);
    if (wanted.size === 0) {
      out.files[file.file] = { examples: [] };
      continue;
    }
    const reason = notOnDisk(file.file);
    if (reason) {
      out.files[file.file] = { examples: [], unavailable: reason };
      continue;
    }
    try {
      out.files[file.file] = { examples: await readLinesAt(path.resolve(cwd, file.file), file.file, wanted, maxBytes) };
    } catch (err) {
      out.files[file.file] = { examples: [], unavailable: `could not be read again (${err instanceof Error ? err.message : String(err)}): examples are not shown` };
    }
  }
  return out;
}

/**
 * Reads the file through the engine and copies at most `maxBytes` of each wanted record (a JSONL line,
 * or a whole pretty-printed JSON array element), keyed by its first line; reading stops after the last.
 */
async function readLinesAt(file: string, display: string, wanted: Set<number>, maxBytes: number): Promise<ExampleSample[]> {
  const last = Math.max(...wanted);
  const found: ExampleSample[] = [];
  const data = await openDataset(file, { raw: true, name: display });
  for await (const ev of data.records) {
    if (ev.line > last) break;
    if (!wanted.has(ev.line) || !ev.raw) continue;
    let body = ev.raw;
    let total = body.length;
    if (body[total - 1] === 0x0d) total--; // CRLF, as the reader accepts it: the CR is not part of the line
    body = body.subarray(0, Math.min(total, maxBytes));
    const truncated = body.length < total;
    if (truncated) body = body.subarray(0, wholeChars(body));
    found.push({ line: ev.line, text: decoder.decode(body), bytes: total, truncated });
  }
  return found;
}
