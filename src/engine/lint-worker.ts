/**
 * Worker thread that runs a lint (see off-thread.ts): the same `validate()`, with progress and rule
 * timings sent back as messages, and the report or the error at the end. It never starts a worker.
 */
import { parentPort, workerData } from "node:worker_threads";
import { FtdataUsageError } from "../core/errors.js";
import type { LintJob, LintReply } from "./off-thread.js";
import { validate, type ValidateOptions } from "./validate.js";

const job = workerData as LintJob;
const post = (m: LintReply) => parentPort!.postMessage(m);
const options: ValidateOptions = { ...job.options, offThread: false };
if (job.progress) {
  // The reader reports every line; a message per line would cost more than the line. At most one
  // every 100 ms, and every end of file.
  let last = 0;
  options.onProgress = (p) => {
    const now = Date.now();
    if (!p.done && now - last < 100) return;
    last = now;
    post({ progress: p });
  };
}
if (job.timing) options.onRuleTiming = (file, t) => post({ timing: { file, rules: [...t] } });

try {
  post({ done: await validate(job.files, options) });
} catch (err) {
  post({ error: { message: err instanceof Error ? err.message : String(err), ...(err instanceof FtdataUsageError ? { code: err.code } : {}) } });
}
