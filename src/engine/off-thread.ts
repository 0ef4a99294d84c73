/**
 * Large lints run on a worker thread whose young generation is capped, so the process's peak
 * memory stays lower on big files. The calling thread only relays progress and timings.
 *
 * Why a worker: V8 sizes the young generation at start-up (16 MiB semi-spaces) and a program cannot
 * change it for its own isolate, but it can for a worker's (`resourceLimits`). Measured with
 * `/usr/bin/time ftdata lint -r json FILE`: 100 MiB bench corpus 107–109 MB peak RSS against
 * 119–124 MB on the main thread, as fast; 512 MiB of short rows, median of 8 runs 134 MB (131–180)
 * against 155 MB (153–177) over 6. A 16 MiB cap gave 138–145 MB. Small inputs (git hooks) stay on
 * the calling thread: a worker costs tens of milliseconds to start. No worker ever starts one.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { builtScript } from "./built-script.js";
import { FtdataUsageError } from "../core/errors.js";
import type { Report } from "../core/report.js";
import type { ValidateOptions, ValidateProgress } from "./validate.js";
import { shardableInput } from "./parallel.js";

/** Inputs of at least this many bytes in all (plain files; never stdin) are linted off-thread. */
export const OFF_THREAD_MIN_BYTES = 64 * 1024 * 1024;
/** The worker's young generation, in MiB (V8's default on 64-bit is 3 × 16). */
const YOUNG_GENERATION_MB = 8;

/** What the worker receives: the files and the options without their callbacks. */
export interface LintJob {
  files: string[];
  options: Omit<ValidateOptions, "onProgress" | "onRuleTiming" | "signal" | "offThread">;
  progress: boolean;
  timing: boolean;
}

export type LintReply =
  | { progress: ValidateProgress }
  | { timing: { file: string; rules: Array<[string, number]> } }
  | { done: Report }
  | { error: { message: string; code?: string } };

/** The built worker script (see built-script.ts). */
const workerScript = () => builtScript("lint-worker");

/**
 * Whether to lint these inputs off-thread: plain files of `minBytes` (default OFF_THREAD_MIN_BYTES)
 * or more in all, from the main thread only, with nothing that cannot cross to a worker (objects
 * given as a grader or holdout, an abort signal).
 */
export async function shouldRunOffThread(input: unknown, options: ValidateOptions): Promise<boolean> {
  const setting = options.offThread ?? "auto";
  if (setting === false || workerScript() === undefined) return false;
  const files = typeof input === "string" ? [input] : Array.isArray(input) && input.every((f) => typeof f === "string") ? (input as string[]) : undefined;
  if (!files || files.includes("-")) return false;
  if ((options.grader !== undefined && typeof options.grader !== "string") || (options.holdout !== undefined && typeof options.holdout !== "string") || options.signal) return false;
  // Plain JSONL files big enough for it are linted in shards on worker threads instead (parallel.ts).
  if (options.holdout === undefined && files.every((f) => shardableInput(f, options) !== undefined)) return false;
  // node:worker_threads is loaded only when the inputs may go to a worker (not on a small lint's start-up).
  const onMainThread = async () => (await import("node:worker_threads")).isMainThread;
  if (setting === true) return onMainThread();
  const min = typeof setting === "number" ? setting : OFF_THREAD_MIN_BYTES;
  let total = 0;
  for (const f of files) {
    try {
      total += statSync(path.resolve(options.cwd ?? process.cwd(), f)).size;
    } catch {
      return false; // the lint itself reports what cannot be read
    }
  }
  return total >= min && (await onMainThread());
}

/** `validate()`, run on a worker thread with a capped young generation; the same report. */
export async function validateOffThread(files: readonly string[], options: ValidateOptions): Promise<Report> {
  const { Worker } = await import("node:worker_threads");
  const { onProgress, onRuleTiming, signal: _signal, offThread: _offThread, ...plain } = options;
  const workerData: LintJob = { files: [...files], options: plain, progress: onProgress !== undefined, timing: onRuleTiming !== undefined };
  const worker = new Worker(workerScript()!, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  return new Promise<Report>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on("message", (m: LintReply) => {
      if ("progress" in m) onProgress?.(m.progress);
      else if ("timing" in m) onRuleTiming?.(m.timing.file, new Map(m.timing.rules));
      else if ("done" in m) settle(() => resolve(m.done));
      else settle(() => reject(m.error.code !== undefined ? new FtdataUsageError(m.error.message, m.error.code) : new Error(m.error.message)));
    });
    worker.on("error", (err) => settle(() => reject(err)));
    worker.on("exit", (code) => settle(() => reject(new Error(`the lint worker stopped (exit code ${code}) before it finished`))));
  });
}
