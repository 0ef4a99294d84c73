/**
 * The parallel lint: a large plain JSONL file is cut into byte ranges at line boundaries, one per
 * thread: the calling thread reads the first itself, worker threads the others. Each shard is read,
 * parsed and mapped, and gets the per-record rules and the per-record half of the keyed (cross-record)
 * rules; the calling thread takes the shards' findings and keys in file order into one runner, which
 * applies the limits and groups and ends the cross-record rules. The report is the one the
 * single-thread pass gives (test/parallel.test.ts compares them).
 *
 * Token counting runs in the shards too (each counts its records' tokens inline; the calling thread
 * merges the figures). Not in shards (one thread, as before): stdin, gzip, JSON arrays, Parquet, a holdout,
 * a dataset_info.json column mapping, and files on which a rule with cross-record state and no keyed
 * split runs (RuleMeta.sequential).
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { builtScript } from "./built-script.js";
import { nodeOs, nodeWorkerThreads } from "../core/builtins.js";
import type { FormatId } from "../core/canonical.js";
import type { ResolvedRule } from "../core/config.js";
import { FtdataUsageError } from "../core/errors.js";
import type { FileReport } from "../core/report.js";
import type { GraderItemReference } from "../core/rule.js";
import { offerKeyBuffer, type Runner, type ShardBatch, type ShardEnd } from "../core/runner.js";
import type { StatsState } from "../stats/summary.js";
import type { RankTable } from "../tokenizer/bpe.js";
import type { TokenPassOptions } from "./token-options.js";
import type { TokenRun } from "./tokens.js";
import type { RuleIssue } from "../validators/index.js";
import type { Dataset } from "./dataset.js";
import type { InputSource } from "./source.js";
import { MixedFormats, type MixedState } from "./mixed.js";
import { finishPass, newRunner, type PassOptions, type PassState } from "./pass.js";
import { readShard } from "./shard.js";

/** Plain JSONL files of at least this many bytes are linted in shards (`validate({ offThread })` moves it). */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
/**
 * Each worker's young generation, in MiB (see off-thread.ts: a smaller one keeps peak memory down).
 * 600k short rows (125 MiB), measured with two workers and an idle calling thread, `/usr/bin/time ftdata
 * lint`: 153 MB peak RSS at 4 MiB against 165 MB at 8, the same CPU time (5.67 s against 5.69 s user).
 */
const YOUNG_GENERATION_MB = 4;
/**
 * Each worker's old generation, in MiB: V8 would otherwise let every worker's heap grow far past its
 * live data before collecting. 600k short rows, `ftdata lint -m gpt-4o-mini` / `ftdata stats` (two
 * workers, as above): 210 / 219 MB peak RSS against 268 / 275 MB uncapped, the same CPU. A shard whose data needs more (a line of
 * tens of MiB) runs out: the file is then linted again on one thread (`lintInShards` says "retry").
 */
const OLD_GENERATION_MB = 128;

/** One shard: a byte range `[start, end)` starting at a line start, `linesBefore` lines in. */
export interface ShardRange {
  index: number;
  start: number;
  end: number;
  linesBefore: number;
}

/** What one thread is asked to do: the shards to claim from, and the rules and settings of the file's pass. */
export interface ShardJob {
  file: string;
  name: string;
  /** Every shard of the file, in file order: its index, bytes, lines before. */
  shards: ShardRange[];
  /** The next shard to claim (one Int32 shared by all threads: whoever is free takes it). */
  next: SharedArrayBuffer;
  format: FormatId;
  forced: boolean;
  formatReason: string | undefined;
  /** Per-record and keyed rules: [id, severity, options]. */
  rules: Array<[string, ResolvedRule["severity"], Record<string, unknown>]>;
  runtime: { nearDup?: boolean; graderReferences?: readonly GraderItemReference[] };
  maxLineBytes: number | undefined;
  maxDiagnosticsPerRule: number | undefined;
  maxClusterLines: number | undefined;
  fileBytes: number;
  lineCount: number;
  allOccurrences: boolean;
  timing: boolean;
  progress: boolean;
  /** Token counting on the shard (inline: a worker starts no worker). */
  tokens?: TokenPassOptions;
  /** The `js` tokenizer's ranks, loaded once by the calling thread and shared. */
  ranks?: RankTable;
  /** A worker's count of batches handed over and not yet taken in (one Int32; see shard.ts). */
  window?: SharedArrayBuffer;
}

/** What a shard hands over after its last batch. */
export interface ShardResult {
  end: ShardEnd;
  /** Token figures of the shard, when tokens are counted. */
  stats?: StatsState;
  mixed: MixedState | undefined;
  lines: number;
  records: number;
  bytesRead: number;
}

export type ShardReply =
  | { progress: { index: number; bytesRead: number; records: number } }
  | { batch: ShardBatch; index: number }
  | { done: ShardResult; index: number }
  | { finished: true }
  | { error: { message: string; code?: string } };

/** The built worker script (see built-script.ts). */
const workerScript = () => builtScript("shard-worker");

/** Threads that read one file (this one and the workers): `threads` when given, else one per core the process may use. */
export function shardCount(threads: number | undefined): number {
  return Math.max(1, Math.floor(threads ?? nodeOs().availableParallelism()));
}

/** Bytes per shard: about four per thread, within 4–64 MiB (tests set fewer with FTDATA_SHARD_BYTES). */
function shardBytes(fileBytes: number, threads: number): number {
  return Number(process.env.FTDATA_SHARD_BYTES) || Math.min(64 << 20, Math.max(4 << 20, Math.ceil(fileBytes / (threads * 4))));
}

/**
 * Whether a path may be linted in shards, from its first bytes: a regular plain-text file (not gzip,
 * not Parquet) whose first record starts with `{` (not a JSON array), of at least `minBytes`.
 */
export function shardable(file: string, minBytes: number): boolean {
  let fd: number | undefined;
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size < minBytes || st.size === 0) return false;
    if (workerScript() === undefined) return false; // running from sources
    // node:worker_threads is loaded for big files only (not on a small lint's start-up).
    if (!nodeWorkerThreads().isMainThread) return false;
    fd = openSync(file, "r");
    const head = Buffer.alloc(256);
    const n = readSync(fd, head, 0, head.length, 0);
    if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return false; // gzip
    if (n >= 4 && head.toString("latin1", 0, 4) === "PAR1") return false;
    let i = 0;
    if (n >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
    while (i < n && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
    return i < n && head[i] === 0x7b; // "{"
  } catch {
    return false; // the pass reports what cannot be read
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The absolute path of an input to lint in shards on worker threads, if it is one. */
export function shardableInput(input: InputSource, options: { offThread?: boolean | "auto" | number | undefined; cwd?: string | undefined }): string | undefined {
  const setting = options.offThread ?? "auto";
  if (setting === false || typeof input !== "string" || input === "-") return undefined;
  const file = path.resolve(options.cwd ?? process.cwd(), input);
  const min = setting === true ? 0 : typeof setting === "number" ? setting : PARALLEL_MIN_BYTES;
  return shardable(file, min) ? file : undefined;
}

/** Byte ranges that start at line starts, and the lines before each; plus the file's line count. */
export function planShards(file: string, count: number): { ranges: ShardRange[]; lines: number } {
  const size = statSync(file).size;
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    const cuts: Array<{ at: number; lines: number }> = [];
    let target = Math.floor(size / count);
    let newlines = 0;
    let pos = 0;
    let last = 10;
    for (let n = readSync(fd, buf, 0, buf.length, 0); n > 0; n = readSync(fd, buf, 0, buf.length, pos)) {
      const view = buf.subarray(0, n);
      for (let i = view.indexOf(10); i !== -1; i = view.indexOf(10, i + 1)) {
        newlines++;
        // A shard ends after the first newline at or past its share of the bytes.
        if (cuts.length < count - 1 && pos + i + 1 >= target) {
          cuts.push({ at: pos + i + 1, lines: newlines });
          target = Math.floor((size * (cuts.length + 1)) / count);
        }
      }
      last = view[n - 1]!;
      pos += n;
    }
    const ranges: ShardRange[] = [];
    let start = 0;
    let linesBefore = 0;
    for (const c of cuts) {
      if (c.at >= size) break;
      ranges.push({ index: ranges.length, start, end: c.at, linesBefore });
      start = c.at;
      linesBefore = c.lines;
    }
    ranges.push({ index: ranges.length, start, end: size, linesBefore });
    return { ranges, lines: last === 10 ? newlines : newlines + 1 };
  } finally {
    closeSync(fd);
  }
}

/**
 * Lints one plain JSONL file in shards on worker threads. Undefined (nothing read, the caller runs the
 * single-thread pass) when the file's rules need one thread or its format is unknown; "retry" when a
 * shard ran out of memory (the caller opens the file again and runs the single-thread pass).
 */
export async function lintInShards(
  dataset: Dataset,
  file: string,
  pass: PassOptions,
  options: { threads?: number | undefined; maxLineBytes?: number | undefined; tokens?: { run: TokenRun; options: TokenPassOptions } | undefined },
): Promise<FileReport | "retry" | undefined> {
  const format = dataset.format;
  if (!format || dataset.mapPointer || dataset.rowsOnly || dataset.container !== "jsonl") return undefined;
  if (pass.tokens || pass.onRecord || pass.onOther || pass.onEnd || pass.examples || pass.trackInvalid || pass.runtime?.holdout) return undefined;
  // The line count (for rules with a record cap) comes from the shard plan, not a third read of the file.
  let planned: number | undefined;
  const runner = newRunner(dataset.name, { ...pass, lines: () => planned ?? pass.lines?.() });
  runner.merge();
  runner.start(format);
  if (runner.sequentialRules.length > 0) return undefined;
  const threads = shardCount(options.threads);
  if (threads < 2) return undefined;
  // Reading starts over, by shards: close what detection opened.
  await dataset.records[Symbol.asyncIterator]().return?.();
  const fileBytes = statSync(file).size;
  // Shards of a few MiB, claimed in file order by whichever thread is free: a shard's findings wait to
  // be taken in only while the shards before it are read, so memory stays bounded on a file of any size.
  const { ranges, lines: lineCount } = planShards(file, Math.max(threads, Math.ceil(fileBytes / shardBytes(fileBytes, threads))));
  planned = lineCount;
  // A shard runs the per-record and keyed rules, and reports the reader's findings (rules without a visitor).
  const onShard = new Set([...runner.perRecordRules, ...runner.keyedRules]);
  const rules: ShardJob["rules"] = [...pass.enabled].filter(([id, r]) => onShard.has(id) || !r.rule.create).map(([id, r]) => [id, r.severity, r.options]);
  const runtime: ShardJob["runtime"] = {};
  if (pass.runtime?.nearDup !== undefined) runtime.nearDup = pass.runtime.nearDup;
  if (pass.runtime?.graderReferences) runtime.graderReferences = pass.runtime.graderReferences;
  const base = {
    file,
    name: dataset.name,
    format: format.id,
    forced: dataset.forced,
    formatReason: dataset.formatReason,
    rules,
    runtime,
    maxLineBytes: options.maxLineBytes,
    maxDiagnosticsPerRule: pass.maxDiagnosticsPerRule,
    maxClusterLines: pass.maxClusterLines,
    fileBytes,
    lineCount,
    allOccurrences: pass.allOccurrences === true,
    timing: pass.onRuleTiming !== undefined,
    progress: pass.onProgress !== undefined,
    ...(options.tokens ? await shardTokens(options.tokens) : {}),
  };
  // Progress: the bytes and records of every shard so far.
  const seen = ranges.map(() => ({ bytesRead: 0, records: 0 }));
  const progress = (p: { index: number; bytesRead: number; records: number }) => {
    seen[p.index] = p;
    let bytesRead = 0;
    let records = 0;
    for (let i = 0; i < seen.length; i++) {
      bytesRead += Math.max(0, seen[i]!.bytesRead - ranges[i]!.start);
      records += seen[i]!.records;
    }
    pass.onProgress?.({ bytesRead, records, done: false });
  };
  // The shards' findings and keys, in file order, as if this thread had read them: the current shard's
  // batches as they come, a later shard's once the shards before it are done.
  const state: PassState = { format, formatReason: dataset.formatReason, lines: 0, records: 0, bytesRead: 0, mixed: undefined };
  const mixed = new MixedFormats(dataset.forced ? undefined : format);
  // With tokens counted, every reader is a worker and this thread only takes their batches in: read
  // here too, its heap (which no resource limit caps) grew a young generation of 2 x 16 MiB and
  // tokenizer caches beside the merge. 600k short rows, 2 cores, 3 alternated runs: `lint -m
  // gpt-4o-mini` 211-220 MB peak RSS against 227-260, `stats` 198-202 against 211-232, the same
  // time. A plain lint keeps reading here: a third isolate costs it more than it saves (155 MB against
  // 143-150 before the key buffers went back to the workers).
  const mergeOnly = options.tokens !== undefined;
  const merge = new InOrder(ranges.length, mergeOnly ? threads + 1 : threads, runner, mixed, state);
  // One shard failing (or the caller's signal) stops them all.
  const stop = new AbortController();
  const abort = () => stop.abort(pass.signal!.reason);
  pass.signal?.addEventListener("abort", abort, { once: true });
  try {
    // This thread reads shards too (it would otherwise wait), workers the others; with tokens,
    // workers read them all (threads 1…n).
    const next = new SharedArrayBuffer(4);
    const sink: ShardSink = { progress, batch: (t, k, b) => merge.batch(t, k, b), done: (k, r) => merge.done(k, r), keysBack: merge.keysBack };
    await Promise.all(
      Array.from({ length: Math.min(threads, ranges.length) }, (_, i) => {
        const t = mergeOnly ? i + 1 : i;
        const window = merge.windows[t]?.buffer as SharedArrayBuffer | undefined;
        const job: ShardJob = { ...base, shards: ranges, next, ...(window ? { window } : {}) };
        return (t === 0 ? runHere : runShard)(t, job, sink, stop.signal);
      }),
    );
  } catch (err) {
    stop.abort(err);
    if ((err as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") return "retry";
    throw err;
  } finally {
    pass.signal?.removeEventListener("abort", abort);
  }
  if (merge.results.some((r) => r.mixed)) mixed.report(runner);
  pass.onProgress?.({ bytesRead: state.bytesRead, records: state.records, done: true });
  const report = await finishPass(dataset, pass, runner, state);
  if (options.tokens) report.stats = options.tokens.run.merge(merge.results.map((r) => r.stats!));
  return report;
}

/** Token options for the shards, and the `js` ranks they share (loaded here once, not once per worker). */
async function shardTokens(tokens: { run: TokenRun; options: TokenPassOptions }): Promise<Pick<ShardJob, "tokens" | "ranks">> {
  const { model, tokenizer, tokenLimit, stats, tokenBackend, cwd } = tokens.options;
  const options: TokenPassOptions = { workers: 0 };
  Object.assign(options, Object.fromEntries(Object.entries({ model, tokenizer, tokenLimit, stats, tokenBackend, cwd }).filter(([, v]) => v !== undefined)));
  const { setup } = tokens.run;
  if (setup.backend !== "js" || setup.tokenizerPath !== undefined) return { tokens: options };
  return { tokens: options, ranks: (await import("../tokenizer/tokenizer.js")).rankTable(setup.encoding) };
}

/** Takes the shards' batches in file order into the file's runner, holding a shard's until those before it are done. */
class InOrder {
  /** The shard being taken in: every shard before it is done. */
  private next = 0;
  private readonly held: Array<Array<[thread: number, batch: ShardBatch]>>;
  private readonly ended: Array<ShardResult | undefined>;
  readonly results: ShardResult[] = [];
  /** Windows of the worker threads (see ShardJob.window): a batch taken in frees a place. */
  readonly windows: Array<Int32Array | undefined>;
  /** Per thread, where a batch's key buffer goes once taken in: back to the thread that made it, for its next batch. */
  readonly keysBack: Array<((buffer: ArrayBuffer) => void) | undefined> = [];

  constructor(
    count: number,
    threads: number,
    private readonly runner: Runner<RuleIssue>,
    private readonly mixed: MixedFormats,
    private readonly state: PassState,
  ) {
    this.held = Array.from({ length: count }, () => []);
    this.ended = Array.from({ length: count }, () => undefined);
    this.windows = Array.from({ length: threads }, (_, t) => (t === 0 ? undefined : new Int32Array(new SharedArrayBuffer(4))));
  }

  batch(t: number, k: number, b: ShardBatch): void {
    if (k === this.next) this.take(t, b);
    else this.held[k]!.push([t, b]);
  }

  /** Takes in a batch read by thread `t`, which may then hand over one more. */
  private take(t: number, b: ShardBatch): void {
    this.runner.absorb(b, this.state.records);
    this.keysBack[t]?.(b.keys.buffer as ArrayBuffer);
    const w = this.windows[t];
    if (w) {
      Atomics.sub(w, 0, 1);
      Atomics.notify(w, 0);
    }
  }

  done(k: number, r: ShardResult): void {
    this.ended[k] = r;
    while (this.next < this.ended.length && this.ended[this.next]) {
      const shard = this.next;
      for (const [t, b] of this.held[shard]!.splice(0)) this.take(t, b);
      const end = this.ended[shard]!;
      this.runner.absorbEnd(end.end);
      if (end.mixed) this.mixed.absorb(end.mixed, this.state.records);
      this.state.records += end.records;
      if (end.lines > 0) {
        this.state.lines = end.lines;
        this.state.bytesRead = end.bytesRead;
      }
      this.results.push(end);
      this.next++;
      // The next shard's held batches are taken in now; its later ones as they come.
      if (this.next < this.held.length) for (const [t, b] of this.held[this.next]!.splice(0)) this.take(t, b);
    }
  }
}

/** Where the threads' shards report. */
interface ShardSink {
  progress(p: { index: number; bytesRead: number; records: number }): void;
  batch(thread: number, index: number, b: ShardBatch): void;
  done(index: number, r: ShardResult): void;
  /** Set by each thread's runner: where thread t's key buffers go back (see InOrder.keysBack). */
  keysBack: Array<((buffer: ArrayBuffer) => void) | undefined>;
}

/** Runs one thread's shards (thread `t`: 0 is this one); resolves when it has no shard left to claim. */
type ShardRun = (t: number, job: ShardJob, sink: ShardSink, signal: AbortSignal) => Promise<void>;

/** Hands what thread `t` says to the sink; `finished` when it has no shard left, `failed` on an error. */
function onReply(t: number, m: ShardReply, sink: ShardSink, finished: () => void, failed: (e: Error) => void): void {
  if ("progress" in m) sink.progress(m.progress);
  else if ("batch" in m) sink.batch(t, m.index, m.batch);
  else if ("done" in m) sink.done(m.index, m.done);
  else if ("finished" in m) finished();
  else failed(m.error.code !== undefined ? new FtdataUsageError(m.error.message, m.error.code) : new Error(m.error.message));
}

/** Reads shards on this thread. */
const runHere: ShardRun = (t, job, sink, signal) => {
  sink.keysBack[t] = offerKeyBuffer;
  return new Promise<void>((resolve, reject) => void readShard(job, (m) => onReply(t, m, sink, resolve, reject), signal));
};

/** Runs one thread's shards on a worker thread. */
const runShard: ShardRun = (t, job, sink, signal) => {
  const limits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: Number(process.env.FTDATA_SHARD_OLD_MB) || OLD_GENERATION_MB };
  const worker = new (nodeWorkerThreads().Worker)(workerScript()!, { workerData: job, resourceLimits: limits });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", abort);
      f();
      void worker.terminate();
    };
    const abort = () => settle(() => reject(signal.reason ?? new FtdataUsageError("aborted")));
    // A key buffer taken in goes back to the worker (moved, not copied): its next batch reuses it.
    sink.keysBack[t] = (buffer) => {
      if (!settled) worker.postMessage(buffer, [buffer]);
    };
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
    worker.on("message", (m: ShardReply) =>
      onReply(
        t,
        m,
        sink,
        () => settle(resolve),
        (e) => settle(() => reject(e)),
      ),
    );
    worker.on("error", (err) => settle(() => reject(err)));
    worker.on("exit", (code) => settle(() => reject(new Error(`a lint worker stopped (exit code ${code}) before it finished`))));
  });
};
