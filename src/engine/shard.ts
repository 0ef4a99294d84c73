/**
 * One thread of the parallel lint (see parallel.ts): reads byte ranges of a JSONL file (shards), runs the per-record rules and the keyed rules' per-record half on it, and hands
 * each shard's findings and keys over in batches for the calling thread's runner. The calling thread
 * reads its own shards with it; workers (shard-worker.ts) read the others.
 */
import { FtdataUsageError } from "../core/errors.js";
import { getFormat } from "../formats/index.js";
import { rules } from "../validators/index.js";
import type { Runner, ShardBatch } from "../core/runner.js";
import type { RuleIssue } from "../validators/index.js";
import type { Dataset } from "./dataset.js";
import { fileRangeChunks, readJsonlRecords } from "./jsonl.js";
import type { ShardJob, ShardRange, ShardReply } from "./parallel.js";
import { newRunner, readRecords, type PassOptions } from "./pass.js";
import type { FileTokens } from "./tokens.js";

/** A batch is handed over from about this many words of keys and findings (~1 MiB; tests set fewer). */
const batchWords = () => Number(process.env.FTDATA_SHARD_BATCH_WORDS) || 1 << 18;
/** Batches a worker may have handed over and not yet had taken in (see `window`). */
export const BATCHES_AHEAD = 8;

/**
 * Reads shards in turn, as long as any is left, and says what it found through `send` (progress,
 * batches, then done, per shard; finished at the end; or an error). It never throws. `signal` stops it (the calling thread's shards; a
 * worker is terminated instead).
 */
export async function readShard(job: ShardJob, send: (m: ShardReply) => void, signal?: AbortSignal): Promise<void> {
  try {
    const byId = new Map<string, (typeof rules)[number]>(rules.map((r) => [r.meta.id, r]));
    const enabled = new Map(job.rules.map(([id, severity, options]) => [id, { rule: byId.get(id)!, severity, options }]));
    let tokens: ((bytes: number) => FileTokens) | undefined;
    if (job.tokens) {
      // The tokenizer's code loads only for a token run; the ranks come shared from the calling thread.
      if (job.ranks) (await import("../tokenizer/tokenizer.js")).useRankTable(job.ranks);
      const run = (await import("./tokens.js")).prepareTokens(job.tokens)!;
      tokens = (bytes) => run.start(bytes);
    }
    // Shards are claimed in file order by whichever thread is free (a shared counter), so a slower
    // thread (the calling one also merges) reads fewer of them.
    const next = new Int32Array(job.next);
    const pass: PassOptions = {
      enabled,
      runtime: job.runtime,
      maxDiagnosticsPerRule: job.maxDiagnosticsPerRule,
      maxClusterLines: job.maxClusterLines,
      bytes: job.fileBytes,
      lines: () => job.lineCount,
      allOccurrences: job.allOccurrences,
      ...(signal ? { signal } : {}),
    };
    if (job.timing) pass.onRuleTiming = () => undefined; // the timings travel in the shard's output
    // One runner for all the shards this thread reads (see Runner.shardEnd).
    const runner = newRunner(job.name, pass);
    runner.shard();
    for (let k = Atomics.add(next, 0, 1); k < job.shards.length; k = Atomics.add(next, 0, 1)) await readOne(job, job.shards[k]!, { ...pass }, runner, tokens, send);
    send({ finished: true });
  } catch (err) {
    send({ error: { message: err instanceof Error ? err.message : String(err), ...(err instanceof FtdataUsageError ? { code: err.code } : {}) } });
  }
}

/** One shard: its findings are counted and grouped apart from the other shards' (Runner.shardEnd). */
async function readOne(job: ShardJob, shard: ShardRange, pass: PassOptions, runner: Runner<RuleIssue>, tokens: ((bytes: number) => FileTokens) | undefined, send: (m: ShardReply) => void): Promise<void> {
  const { index } = shard;
  const BATCH_WORDS = batchWords();
  // A worker hands over at most BATCHES_AHEAD batches the calling thread has not taken in (it holds a
  // later shard's until the earlier ones are done): past that it waits, so memory stays bounded.
  const window = job.window ? new Int32Array(job.window) : undefined;
  const sendBatch = (batch: ShardBatch) => {
    if (window) {
      for (let v = Atomics.load(window, 0); v >= BATCHES_AHEAD; v = Atomics.load(window, 0)) Atomics.wait(window, 0, v);
      Atomics.add(window, 0, 1);
    }
    send({ batch, index });
  };
  // Called before each line: hand over a batch of findings and keys every ~1 MiB, so neither this
  // thread nor the calling one holds a whole shard's keys, and the calling thread merges as it comes.
  let last = 0;
  pass.onProgress = (p) => {
    if (runner.pendingWords >= BATCH_WORDS) sendBatch(runner.batch());
    if (!job.progress) return;
    // At most one progress message every 100 ms: a message per line would cost more than the line.
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    send({ progress: { index, bytesRead: p.bytesRead, records: p.records } });
  };
  const format = getFormat(job.format)!;
  const dataset: Dataset = {
    name: job.name,
    container: "jsonl",
    forced: job.forced,
    format,
    formatReason: job.formatReason,
    detection: job.forced ? undefined : { format, reason: job.formatReason ?? "", candidates: [] },
    records: readJsonlRecords(fileRangeChunks(job.file, shard.start, shard.end), {
      ...(job.maxLineBytes !== undefined ? { maxLineBytes: job.maxLineBytes } : {}),
      from: { lines: shard.linesBefore, offset: shard.start },
    }),
  };
  if (tokens) pass.tokens = tokens(job.fileBytes);
  const state = await readRecords(dataset, pass, runner);
  await pass.tokens?.flush();
  sendBatch(runner.batch());
  const stats = pass.tokens?.state();
  await pass.tokens?.close();
  send({ index, done: { end: runner.shardEnd(), mixed: state.mixed?.state(), lines: state.lines, records: state.records, bytesRead: state.bytesRead, ...(stats ? { stats } : {}) } });
}
