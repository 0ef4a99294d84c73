import { hash as cryptoHash } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import { assertNotInput } from "../core/atomic.js";
import type { CanonicalExample, JsonObject } from "../core/canonical.js";
import { resolveRules, type ResolvedRule, type RulesConfig } from "../core/config.js";
import { displayPath } from "../core/display.js";
import { FtdataUsageError } from "../core/errors.js";
import type { FormatModule } from "../core/format.js";
import type { PathSegment } from "../core/path.js";
import { makeReport, type FileReport, type Report } from "../core/report.js";
import type { SplitReport, SplitStratum } from "../core/split-report.js";
import { exampleKeyText, firstUserText, promptKeyText } from "../dedup/keys.js";
import { RecordSorter } from "../dedup/spill.js";
import { openDataset, type OpenDatasetOptions } from "../engine/dataset.js";
import type { Container } from "../engine/jsonl.js";
import { runPass } from "../engine/pass.js";
import { OutputLines, outputContainer, RecordWriter } from "../engine/writer.js";
import { detectFormat, resolveFormat } from "../formats/index.js";
import { rules } from "../validators/index.js";
import { fieldKey, parseFieldPath, valueAt } from "./field-path.js";
import { Leakage, LEAKAGE_RULES } from "./leakage.js";

export type { SplitReport, SplitStratum, SplitLeakage, SplitMethod } from "../core/split-report.js";

const ONE_LINE = new Uint8Array(0);

/** Default salt: changing it is the documented way to draw a different split. */
export const DEFAULT_SALT = "ftdata-v1";
export const DEFAULT_FRACTION = 0.1;
/** Platforms refuse fewer training examples (OpenAI, Azure: 10). */
export const MIN_TRAIN = 10;
/** Below this the holdout's margin of error is printed as a warning. */
export const MIN_HOLDOUT = 30;
/** A group holding more than this share of the records is reported. */
export const LARGE_GROUP_SHARE = 0.05;

export const SPLIT_FORMULA =
  "holdout ⇔ uint64_be(sha256(utf8(salt) ‖ 0x00 ‖ utf8(groupKey))[0..8]) < floor(fraction × 2^64)";

export interface SplitOptions {
  /** Share of records (in expectation) that go to the holdout; default 0.1. */
  fraction?: number;
  /** Exact holdout size in records (bottom-k over group hashes; two passes, so a file, not stdin). */
  holdoutCount?: number;
  /** `first-user` (default), `prompt`, `conversation`, `none` or `field:<path>`. */
  groupBy?: string;
  /** A field path whose value is the stratum (label): counts per stratum, proportional exact counts. */
  stratifyBy?: string;
  salt?: string;
  /** Force the dataset format instead of detecting it. */
  format?: string;
  /** Directory for `train.jsonl` and `holdout.jsonl` (`.json` for a JSON array input; created if missing). */
  outDir?: string;
  /** Path of the training output (default `<outDir>/train.jsonl`). */
  train?: string;
  /** Path of the holdout output (default `<outDir>/holdout.jsonl`). */
  holdoutOut?: string;
  /** Replace existing output files. The input is never overwritten. */
  force?: boolean;
  /** Check the two sides for leakage (same example / prompt / near-duplicate prompt) while splitting; default true. */
  leakage?: boolean;
  /** Near-duplicate prompt leakage check: `true` at any size, `false` never; default up to 10,000 training records. */
  nearDup?: boolean;
  /** Write JSONL whatever the input's layout (default: the input's own, so a `.json` array gives arrays). */
  jsonl?: boolean;
  /** Compute the split and report it without writing anything. */
  dryRun?: boolean;
  /** Severity overrides for the reader, split and leakage rules. */
  rules?: RulesConfig;
  maxLineBytes?: number;
  cwd?: string;
  signal?: AbortSignal;
}

type GroupBy = { kind: "first-user" | "prompt" | "conversation" | "none" } | { kind: "field"; path: PathSegment[]; spec: string };

function parseGroupBy(spec: string | undefined): GroupBy {
  const s = spec ?? "first-user";
  if (s === "first-user" || s === "prompt" || s === "conversation" || s === "none") return { kind: s };
  if (s.startsWith("field:")) return { kind: "field", path: parseFieldPath(s.slice(6), "--group-by"), spec: s };
  throw new FtdataUsageError(`--group-by must be first-user, prompt, conversation, none or field:<path>, found "${s}"`);
}

function groupByName(g: GroupBy): string {
  return g.kind === "field" ? g.spec : g.kind;
}

/**
 * The text whose hash decides a record's side. Exported so the formula can be checked.
 * - first-user: loose-normalised first user message (keys.ts `normalizeText`)
 * - prompt: loose key of everything before the trained answer (system prompt and tools included)
 * - conversation: standard key of the whole example (identical examples share a side)
 * - none: the line's text as written (each distinct line on its own)
 * - field:<path>: the field's value (strings as written, other values as key-sorted JSON)
 * Records a format cannot map fall back to the line's text.
 */
export function groupKeyOf(g: GroupBy, ex: CanonicalExample | undefined, record: JsonObject, lineText: string): { key: string; missingField: boolean } {
  if (g.kind === "field") {
    const v = valueAt(record, g.path);
    if (v !== undefined) return { key: fieldKey(v), missingField: false };
    return { key: ex ? firstUserText(ex) : lineText, missingField: true };
  }
  if (!ex || g.kind === "none") return { key: lineText, missingField: false };
  if (g.kind === "first-user") return { key: firstUserText(ex), missingField: false };
  if (g.kind === "prompt") return { key: promptKeyText(ex, "loose") ?? firstUserText(ex), missingField: false };
  return { key: exampleKeyText(ex, "standard"), missingField: false };
}

/** SHA-256 of salt ‖ 0x00 ‖ key. */
export function groupDigest(salt: string, key: string): Buffer {
  // UTF-8 of the joined string = the UTF-8 bytes of salt, 0x00, key, concatenated.
  return cryptoHash("sha256", salt + "\u0000" + key, "buffer") as unknown as Buffer;
}

/** The 64-bit unit value u of the formula: the first 8 digest bytes, big-endian. */
export function groupHashValue(digest: Buffer): bigint {
  return digest.readBigUInt64BE(0);
}

/** floor(fraction × 2^64): fraction × 2^64 is exact in binary floating point. */
export function fractionThreshold(fraction: number): bigint {
  return BigInt(Math.floor(fraction * 2 ** 64));
}

function marginOfError(n: number): number {
  if (n <= 0) return 100;
  return Math.round(1000 * 1.96 * Math.sqrt(0.25 / n)) / 10;
}

interface Target {
  train: string;
  holdout: string;
  trainDisplay: string;
  holdoutDisplay: string;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Output paths: `--out-dir` with `train`/`holdout` and the output container's extension, or given one by one. */
async function resolveTargets(input: string, options: SplitOptions, cwd: string, ext: string): Promise<Target> {
  if (options.outDir === undefined && (options.train === undefined || options.holdoutOut === undefined)) {
    throw new FtdataUsageError("say where to write: --out-dir <dir>, or both --train <file> and --holdout-out <file>");
  }
  const dir = options.outDir !== undefined ? path.resolve(cwd, options.outDir) : cwd;
  const train = options.train !== undefined ? path.resolve(cwd, options.train) : path.join(dir, `train${ext}`);
  const holdout = options.holdoutOut !== undefined ? path.resolve(cwd, options.holdoutOut) : path.join(dir, `holdout${ext}`);
  const t: Target = { train, holdout, trainDisplay: displayPath(train, cwd), holdoutDisplay: displayPath(holdout, cwd) };
  if (path.resolve(train) === path.resolve(holdout)) throw new FtdataUsageError("the train and holdout outputs must be different files");
  for (const [p, shown] of [[train, t.trainDisplay], [holdout, t.holdoutDisplay]] as const) {
    await assertNotInput(p, [input], cwd, shown);
    if (!options.force && !options.dryRun && (await exists(p))) throw new FtdataUsageError(`${shown} already exists; use --force to replace it`);
  }
  return t;
}

/** A max-heap entry of the bottom-k candidates: one group. */
interface Candidate {
  u: bigint;
  key: string; // hex digest prefix, identifies the group
  size: number;
}

class MaxHeap {
  readonly items: Candidate[] = [];
  push(c: Candidate): void {
    const a = this.items;
    a.push(c);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.u >= a[i]!.u) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  peek(): Candidate | undefined {
    return this.items[0];
  }
  pop(): Candidate | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.u > a[m]!.u) m = l;
        if (r < a.length && a[r]!.u > a[m]!.u) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Bottom-k over group hashes for one stratum: keeps the smallest-hash groups whose sizes add up to
 * at least twice the target (slack so whole groups can fill the count exactly). Memory O(k).
 */
class BottomK {
  private heap = new MaxHeap();
  private byKey = new Map<string, Candidate>();
  private total = 0;
  records = 0;
  /** Largest hash among the chosen groups (-1 before choose()). */
  maxChosen = -1n;

  constructor(private readonly keep: number) {}

  add(u: bigint, keyOf: () => string): void {
    this.records++;
    // A group whose hash is above the current maximum was never kept, and never will be.
    const max = this.heap.peek();
    if (max && this.total >= this.keep && u > max.u) return;
    const key = keyOf();
    const c = this.byKey.get(key);
    if (c) {
      c.size++;
      this.total++;
    } else {
      const n: Candidate = { u, key, size: 1 };
      this.heap.push(n);
      this.byKey.set(key, n);
      this.total++;
    }
    for (let top = this.heap.peek(); top && this.total - top.size >= this.keep; top = this.heap.peek()) {
      this.heap.pop();
      this.byKey.delete(top.key);
      this.total -= top.size;
    }
  }

  /** Whole groups in hash order whose sizes fill `k` records (exactly when the group sizes allow). */
  choose(k: number, into: Set<string>): number {
    const sorted = [...this.heap.items].sort((a, b) => (a.u < b.u ? -1 : a.u > b.u ? 1 : 0));
    let taken = 0;
    for (const c of sorted) {
      if (taken === k) break;
      if (taken + c.size > k) continue;
      into.add(c.key);
      taken += c.size;
      if (c.u > this.maxChosen) this.maxChosen = c.u;
    }
    return taken;
  }
}

/** Largest-remainder allocation of k records over strata proportional to their sizes. */
function allocate(k: number, sizes: number[]): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total === 0) return sizes.map(() => 0);
  const exact = sizes.map((s) => (k * s) / total);
  const out = exact.map((e) => Math.floor(e));
  let left = Math.min(k, total) - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    if (out[i]! < sizes[i]!) {
      out[i]!++;
      left--;
    }
  }
  return out;
}

/**
 * Splits a JSONL dataset into train and holdout files: deterministic, group-aware, optionally
 * stratified, with the input's lines copied byte for byte. Returns the Report with `split` set;
 * nothing is written when the report has errors (unreadable lines, too few training examples,
 * the same example on both sides).
 *
 * @example
 * const report = await split("data.jsonl", { outDir: "out", fraction: 0.1 });
 * report.split!.records; // { total, train, holdout }
 *
 * @throws FtdataUsageError for unreadable inputs, bad options and existing outputs without `force`.
 */
export async function split(input: string, options: SplitOptions = {}): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  const salt = options.salt ?? DEFAULT_SALT;
  const groupBy = parseGroupBy(options.groupBy);
  const stratPath = options.stratifyBy !== undefined ? parseFieldPath(options.stratifyBy.replace(/^field:/, ""), "--stratify-by") : undefined;
  const exactCount = options.holdoutCount;
  const fraction = options.fraction ?? DEFAULT_FRACTION;
  if (exactCount !== undefined) {
    if (!Number.isInteger(exactCount) || exactCount < 1) throw new FtdataUsageError(`--holdout-count must be a positive integer, found ${exactCount}`);
    if (options.fraction !== undefined) throw new FtdataUsageError("give either a holdout fraction or --holdout-count, not both");
    if (input === "-") throw new FtdataUsageError("--holdout-count reads the input twice, so it needs a file, not stdin");
  } else if (!(fraction > 0 && fraction < 1)) {
    throw new FtdataUsageError(`the holdout fraction must be between 0 and 1 (exclusive), found ${fraction}`);
  }
  const forced: FormatModule | undefined = options.format !== undefined ? resolveFormat(options.format) : undefined;
  const all = resolveRules(rules, options.rules);
  // The reader's and split's own rules, and the leakage rules (reported by the split, not run per record).
  const leakRules: readonly string[] = options.leakage === false ? [] : LEAKAGE_RULES;
  const enabled = new Map<string, ResolvedRule>([...all].filter(([id, r]) => r.rule.meta.reader === true || leakRules.includes(id)));

  const openOptions = (): OpenDatasetOptions => ({
    raw: true,
    cwd,
    ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}),
    ...(forced ? { format: forced } : {}),
  });
  const src = await openDataset(input, openOptions());
  const target = await resolveTargets(input, options, cwd, outputContainer(src.container, options.jsonl) === "jsonl" ? ".jsonl" : ".json");
  // Each output's layout: as its name says (`--train x.jsonl`), else the input's.
  const containers = { train: outputContainer(src.container, options.jsonl, target.train), holdout: outputContainer(src.container, options.jsonl, target.holdout) };
  let format: FormatModule | undefined = src.format;

  /** Shared per-record work of both passes: canonical example → group digest, stratum. */
  const describe = (value: JsonObject, ex: CanonicalExample | undefined, raw: Uint8Array): { digest: Buffer; stratum: string | undefined; missingField: boolean } => {
    const lineText = Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString("utf8");
    const g = groupKeyOf(groupBy, ex, value, lineText);
    const sv = stratPath ? valueAt(value, stratPath) : undefined;
    return { digest: groupDigest(salt, g.key), stratum: stratPath ? (sv === undefined ? "(missing)" : fieldKey(sv)) : undefined, missingField: g.missingField };
  };

  // Pass 1 (exact count only): bottom-k candidates per stratum.
  let chosen: Set<string> | undefined;
  let chosenMax = -1n;
  if (exactCount !== undefined) {
    const per = new Map<string, BottomK>();
    for await (const ev of src.records) {
      if (options.signal?.aborted) throw options.signal.reason ?? new FtdataUsageError("aborted");
      if (!ev.value || !ev.raw) continue;
      format ??= detectFormat(ev.value).format;
      const info = describe(ev.value, format?.toCanonical(ev.value), ev.raw);
      const s = info.stratum ?? "";
      let b = per.get(s);
      if (!b) per.set(s, (b = new BottomK(2 * exactCount)));
      b.add(groupHashValue(info.digest), () => info.digest.toString("hex", 0, 16));
    }
    const strata = [...per.keys()];
    const alloc = allocate(exactCount, strata.map((s) => per.get(s)!.records));
    chosen = new Set<string>();
    strata.forEach((s, i) => per.get(s)!.choose(alloc[i]!, chosen!));
    for (const s of per.values()) chosenMax = s.maxChosen > chosenMax ? s.maxChosen : chosenMax;
  }

  const threshold = fractionThreshold(fraction);
  const second = exactCount !== undefined ? await openDataset(input, openOptions()) : src;
  const dry = options.dryRun === true;
  const writers = dry ? undefined : await openWriters(target, containers, { force: options.force === true, inputs: [input], cwd });
  // Leakage between the two sides, found while splitting: each side's keys are indexed as its
  // records come, and a record is looked up in the other side's index (see Leakage).
  const leak = options.leakage !== false ? new Leakage(all, options.nearDup, target.holdoutDisplay) : undefined;
  // (group key, line, side) per record: fixed-size, spilled to a temp file past the shared budget;
  // groups are counted at the end.
  const groups = new RecordSorter(5);
  const outLines = { train: new OutputLines(containers.train), holdout: new OutputLines(containers.holdout) };
  const strata = new Map<string, { records: number; holdout: number }>();
  const key = new Uint32Array(3);
  const skippedLines: number[] = [];
  let badLines = 0;
  let records = 0;
  let holdoutRecords = 0;
  let missingField = 0;
  let trainRecords = 0;
  let inputReport: FileReport;
  // Group statistics and guards. Groups come out in key order: the largest is the biggest one,
  // the earliest (lowest first line) among equals, as when they were counted in file order.
  let largest = null as SplitReport["groups"]["largest"]; // set in a closure: no narrowing to null
  let largestSide = 0;
  let holdoutGroups = 0;
  let totalGroups = 0;
  let strataReport: SplitStratum[] | undefined;
  try {
    inputReport = await runPass(second, {
      enabled,
      signal: options.signal,
      examples: true,
      onOther(ev) {
        if (ev.issues?.some((i) => i.ruleId === "line-blank")) skippedLines.push(ev.line);
        else badLines++;
      },
      async onRecord({ ev, value, example }) {
        if (!ev.raw) {
          badLines++;
          return;
        }
        const info = describe(value, example, ev.raw);
        if (info.missingField) missingField++;
        const u = groupHashValue(info.digest);
        const holdout = chosen ? u <= chosenMax && chosen.has(info.digest.toString("hex", 0, 16)) : u < threshold;
        // Table key from digest bytes 8..20: independent of the bytes that decide the side.
        key[0] = info.digest.readUInt32LE(8);
        key[1] = info.digest.readUInt32LE(12);
        key[2] = info.digest.readUInt32LE(16);
        groups.push(key[0]!, key[1]!, key[2]!, ev.line, holdout ? 1 : 0);
        if (info.stratum !== undefined) {
          let s = strata.get(info.stratum);
          if (!s) strata.set(info.stratum, (s = { records: 0, holdout: 0 }));
          s.records++;
          if (holdout) s.holdout++;
        }
        records++;
        if (holdout) holdoutRecords++;
        // The line the record gets in its output (or would, in a dry run), for the leakage report.
        // Records are copied by their span; a JSON array element written as JSONL is re-serialised.
        const copy = (holdout ? containers.holdout : containers.train) === second.container;
        const side = holdout ? outLines.holdout : outLines.train;
        const outLine = side.next;
        side.add(copy ? ev.raw : ONE_LINE);
        const writer = writers && (holdout ? writers.holdout : writers.train);
        if (writer) await (copy ? writer.writeRaw(ev.raw) : writer.writeRecord(value));
        if (example && leak) {
          if (holdout) leak.holdout(example, outLine);
          else leak.train(example, ev.line);
        }
      },
      onEnd(issue) {
        trainRecords = records - holdoutRecords;
        let size = 0;
        let line = 0;
        let side = 0;
        let k0 = 0;
        let k1 = 0;
        let k2 = 0;
        const done = () => {
          totalGroups++;
          if (side === 1) holdoutGroups++;
          if (!largest || size > largest.size || (size === largest.size && line < largest.line)) {
            largest = { size, share: 0, line };
            largestSide = side;
          }
        };
        const c = groups.cursor();
        while (c.next()) {
          const { r, o } = c;
          if (size > 0 && r[o] === k0 && r[o + 1] === k1 && r[o + 2] === k2) {
            size++;
            continue;
          }
          if (size > 0) done();
          k0 = r[o]!;
          k1 = r[o + 1]!;
          k2 = r[o + 2]!;
          size = 1;
          line = r[o + 3]!; // lines ascend within a group
          side = r[o + 4]!;
        }
        if (size > 0) done();
        if (largest) largest.share = Math.round((10000 * largest.size) / records) / 10000;
        if (trainRecords < MIN_TRAIN) issue({ ruleId: "split-train-too-small", messageId: "small", data: { train: trainRecords, min: MIN_TRAIN } });
        if (holdoutRecords < MIN_HOLDOUT) issue({ ruleId: "split-holdout-small", messageId: "small", data: { holdout: holdoutRecords, margin: marginOfError(holdoutRecords) } });
        if (largest && largest.size > 1 && groupBy.kind !== "none" && largest.size > LARGE_GROUP_SHARE * records) {
          issue({
            ruleId: "split-group-large",
            messageId: "large",
            line: largest.line,
            data: { size: largest.size, percent: Math.round(1000 * largest.share) / 10, line: largest.line, side: largestSide === 1 ? "holdout" : "training file" },
            hint: "use --group-by prompt, field:<path> or none if that is not intended",
          });
        }
        if (stratPath) {
          strataReport = [...strata.entries()]
            .sort((a, b) => b[1].records - a[1].records || (a[0] < b[0] ? -1 : 1))
            .map(([value, s]) => ({ value, records: s.records, train: s.records - s.holdout, holdout: s.holdout, holdoutFraction: Math.round((10000 * s.holdout) / s.records) / 10000 }));
          for (const s of strataReport) {
            if (s.holdout === 0) issue({ ruleId: "split-stratum-missing", messageId: "missing", data: { stratum: JSON.stringify(s.value), count: s.records } });
          }
        }
        if (leak && trainRecords > 0 && holdoutRecords > 0) leak.report(issue);
      },
    });
  } catch (err) {
    await writers?.train.abort();
    await writers?.holdout.abort();
    throw err;
  } finally {
    groups.dispose();
  }
  const files: FileReport[] = [inputReport];
  const errors = inputReport.errorCount > 0 || badLines > 0;
  const leakage: SplitReport["leakage"] = leak && trainRecords > 0 && holdoutRecords > 0 ? leak.counts() : null;
  let written = false;
  if (writers) {
    if (errors) {
      await writers.train.abort();
      await writers.holdout.abort();
    } else {
      await commitBoth(writers);
      written = true;
    }
  }

  const report = makeReport(files);
  const splitReport: SplitReport = {
    method: exactCount !== undefined ? "bottom-k" : "hash-threshold",
    salt,
    groupBy: groupByName(groupBy),
    realizedFraction: records === 0 ? 0 : Math.round((10000 * holdoutRecords) / records) / 10000,
    records: { total: records, train: trainRecords, holdout: holdoutRecords },
    groups: { total: totalGroups, train: totalGroups - holdoutGroups, holdout: holdoutGroups, largest },
    skippedLines,
    outputs: { train: target.trainDisplay, holdout: target.holdoutDisplay, written },
    leakage,
    formula: exactCount !== undefined
      ? "holdout ⇔ the group is among the smallest u = uint64_be(sha256(utf8(salt) ‖ 0x00 ‖ utf8(groupKey))[0..8]) whose sizes fill holdoutCount records (per stratum, proportionally)"
      : SPLIT_FORMULA,
  };
  if (options.stratifyBy !== undefined) splitReport.stratifyBy = options.stratifyBy;
  if (exactCount !== undefined) splitReport.holdoutCount = exactCount;
  else splitReport.fraction = fraction;
  if (strataReport) splitReport.strata = strataReport;
  if (groupBy.kind === "field") splitReport.groups.missingField = missingField;
  report.split = splitReport;
  return report;
}

interface Writers {
  train: RecordWriter;
  holdout: RecordWriter;
}

async function openWriters(target: Target, containers: { train: Container; holdout: Container }, options: { force: boolean; inputs: string[]; cwd: string }): Promise<Writers> {
  const open = (file: string, display: string, container: Container) => RecordWriter.open(file, { ...options, container, display });
  const train = await open(target.train, target.trainDisplay, containers.train);
  try {
    return { train, holdout: await open(target.holdout, target.holdoutDisplay, containers.holdout) };
  } catch (err) {
    await train.abort();
    throw err;
  }
}

async function commitBoth(w: Writers): Promise<void> {
  try {
    await w.train.commit();
  } catch (err) {
    await w.holdout.abort();
    throw err;
  }
  await w.holdout.commit();
}
