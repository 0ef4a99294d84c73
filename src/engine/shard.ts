/**
 * One shard of the parallel lint (see parallel.ts): reads one byte range of a JSONL file, runs the
 * per-record rules and the keyed rules' per-record half on it, and hands the shard's findings and keys
 * over in batches for the calling thread's runner. The calling thread reads the first shard itself
 * with it; workers (shard-worker.ts) read the others.
 */
import { FtdataUsageError } from "../core/errors.js";
import { getFormat } from "../formats/index.js";
import { rules } from "../validators/index.js";
import type { ShardBatch } from "../core/runner.js";
import type { Dataset } from "./dataset.js";
import { fileRangeChunks, readJsonlRecords } from "./jsonl.js";
import type { ShardJob, ShardReply } from "./parallel.js";
import { newRunner, readRecords, type PassOptions } from "./pass.js";

/** A batch is handed over from about this many words of keys and findings (~1 MiB; tests set fewer). */
const batchWords = () => Number(process.env.FTDATA_SHARD_BATCH_WORDS) || 1 << 18;

/**
 * Reads one shard and says what it found through `send` (progress, batches, then done or error). It
 * never throws. `signal` stops it (the calling thread's shard; a worker is terminated instead).
 */
export async function readShard(job: ShardJob, send: (m: ShardReply) => void, signal?: AbortSignal): Promise<void> {
  const BATCH_WORDS = batchWords();
  const sendBatch = (batch: ShardBatch) => send({ batch });
  try {
    const byId = new Map<string, (typeof rules)[number]>(rules.map((r) => [r.meta.id, r]));
    const pass: PassOptions = {
      enabled: new Map(job.rules.map(([id, severity, options]) => [id, { rule: byId.get(id)!, severity, options }])),
      runtime: job.runtime,
      maxDiagnosticsPerRule: job.maxDiagnosticsPerRule,
      maxClusterLines: job.maxClusterLines,
      bytes: job.fileBytes,
      lines: () => job.lineCount,
      allOccurrences: job.allOccurrences,
      ...(signal ? { signal } : {}),
    };
    if (job.timing) pass.onRuleTiming = () => undefined; // the timings travel in the shard's output
    // Called before each line: hand over a batch of findings and keys every ~1 MiB, so neither this
    // thread nor the calling one holds a whole shard's keys, and the calling thread merges as it comes.
    const runner = newRunner(job.name, pass);
    runner.shard();
    let last = 0;
    pass.onProgress = (p) => {
      if (runner.pendingWords >= BATCH_WORDS) sendBatch(runner.batch());
      if (!job.progress) return;
      // At most one progress message every 100 ms: a message per line would cost more than the line.
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      send({ progress: { bytesRead: p.bytesRead, records: p.records } });
    };
    const format = getFormat(job.format)!;
    const dataset: Dataset = {
      name: job.name,
      container: "jsonl",
      forced: job.forced,
      format,
      formatReason: job.formatReason,
      detection: job.forced ? undefined : { format, reason: job.formatReason ?? "", candidates: [] },
      records: readJsonlRecords(fileRangeChunks(job.file, job.start, job.end), {
        ...(job.maxLineBytes !== undefined ? { maxLineBytes: job.maxLineBytes } : {}),
        from: { lines: job.linesBefore, offset: job.start },
      }),
    };
    if (job.tokens) {
      // The tokenizer's code loads only for a token run; the ranks come shared from the calling thread.
      if (job.ranks) (await import("../tokenizer/tokenizer.js")).useRankTable(job.ranks);
      pass.tokens = (await import("./tokens.js")).prepareTokens(job.tokens)!.start(job.fileBytes);
    }
    const state = await readRecords(dataset, pass, runner);
    await pass.tokens?.flush();
    sendBatch(runner.batch());
    const stats = pass.tokens?.state();
    await pass.tokens?.close();
    send({ done: { end: runner.shardEnd(), mixed: state.mixed?.state(), lines: state.lines, records: state.records, bytesRead: state.bytesRead, ...(stats ? { stats } : {}) } });
  } catch (err) {
    send({ error: { message: err instanceof Error ? err.message : String(err), ...(err instanceof FtdataUsageError ? { code: err.code } : {}) } });
  }

}
