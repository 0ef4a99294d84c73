/**
 * Large lints run on a worker thread whose young generation is capped, so the process's peak
 * memory stays lower on big files. The main thread only relays progress and timings.
 *
 * Why a worker: V8 sizes the young generation at start-up (16 MiB semi-spaces) and a program cannot
 * change it for its own isolate, but it can for a worker's (`resourceLimits`). Measured with
 * `/usr/bin/time ftdata lint -r json FILE`: 100 MiB bench corpus 107–109 MB peak RSS against
 * 119–124 MB on the main thread, as fast; 512 MiB of short rows, median of 8 runs 134 MB (131–180)
 * against 155 MB (153–177) over 6. A 16 MiB cap gave 138–145 MB. Small inputs (git hooks) stay on
 * the main thread: a worker costs tens of milliseconds to start.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ConfiguredOptions, ConfiguredRun } from "../config/validate-files.js";
import type { LoadedConfig } from "../config/types.js";
import { FtdataUsageError } from "../core/errors.js";
import type { ValidateProgress } from "../engine/validate.js";

/** Inputs of at least this many bytes in all (plain files; never stdin) are linted off-thread. */
export const OFF_THREAD_MIN_BYTES = 64 * 1024 * 1024;
/** The worker's young generation, in MiB (V8's default on 64-bit is 3 × 16). */
const YOUNG_GENERATION_MB = 8;

export interface LintJob {
  files: string[];
  /** Without callbacks: the worker makes its own and posts what they see. */
  options: ConfiguredOptions;
  loaded: LoadedConfig | undefined;
  cwd: string;
  progress: boolean;
  timing: boolean;
}

export type LintReply =
  | { progress: ValidateProgress }
  | { timing: { file: string; rules: Array<[string, number]> } }
  | { done: ConfiguredRun }
  | { error: { message: string; code?: string } };

/** Where the built worker script lives (next to the CLI bundle); undefined when running from sources. */
function workerScript(): string | undefined {
  const file = fileURLToPath(new URL("./lint-worker.js", import.meta.url));
  return existsSync(file) ? file : undefined;
}

/**
 * Whether to lint these inputs off-thread: plain files of OFF_THREAD_MIN_BYTES or more in all.
 * FTDATA_THREAD_MIN_BYTES overrides the threshold (0: always, when possible).
 */
export function offThread(files: readonly string[], cwd: string, env: NodeJS.ProcessEnv): boolean {
  if (workerScript() === undefined || files.includes("-")) return false;
  const min = env.FTDATA_THREAD_MIN_BYTES !== undefined && /^\d+$/.test(env.FTDATA_THREAD_MIN_BYTES) ? Number(env.FTDATA_THREAD_MIN_BYTES) : OFF_THREAD_MIN_BYTES;
  let total = 0;
  for (const f of files) {
    try {
      total += statSync(path.resolve(cwd, f)).size;
    } catch {
      return false; // the lint itself reports what cannot be read
    }
  }
  return total >= min;
}

/** `validateWithConfig`, run on a worker thread with a capped young generation. */
export function validateOffThread(files: string[], options: ConfiguredOptions, loaded: LoadedConfig | undefined, cwd: string): Promise<ConfiguredRun> {
  const { onProgress, onRuleTiming, ...plain } = options;
  const workerData: LintJob = { files, options: plain, loaded, cwd, progress: onProgress !== undefined, timing: onRuleTiming !== undefined };
  const worker = new Worker(workerScript()!, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  return new Promise<ConfiguredRun>((resolve, reject) => {
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
