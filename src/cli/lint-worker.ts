/**
 * Worker thread that runs a lint for the CLI (see off-thread.ts): the same `validateWithConfig`,
 * with progress and rule timings sent back as messages, and the result or the error at the end.
 */
import { parentPort, workerData } from "node:worker_threads";
import { validateWithConfig } from "../config/validate-files.js";
import { FtdataUsageError } from "../core/errors.js";
import type { LintJob, LintReply } from "./off-thread.js";

const job = workerData as LintJob;
const post = (m: LintReply) => parentPort!.postMessage(m);
const options = { ...job.options };
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
  post({ done: await validateWithConfig(job.files, options, job.loaded, job.cwd) });
} catch (err) {
  post({ error: { message: err instanceof Error ? err.message : String(err), ...(err instanceof FtdataUsageError ? { code: err.code } : {}) } });
}
