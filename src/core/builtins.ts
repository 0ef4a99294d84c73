import { createRequire } from "node:module";

/*
 * Node built-ins that only some runs use, loaded on first use instead of at import: node:crypto alone
 * costs ~2.5 ms of start-up, node:worker_threads ~1.4 ms, node:os a little, and a plain
 * `ftdata lint small.jsonl` needs none of them.
 * Synchronous (a rule's record() or a spill cannot await); node:module is loaded by Node already.
 */
let localRequire: NodeJS.Require | undefined;
const requireBuiltin = (id: string): unknown => (localRequire ??= createRequire(import.meta.url))(id);

let crypto: typeof import("node:crypto") | undefined;
let os: typeof import("node:os") | undefined;
let workerThreads: typeof import("node:worker_threads") | undefined;

export const nodeCrypto = (): typeof import("node:crypto") => (crypto ??= requireBuiltin("node:crypto") as typeof import("node:crypto"));
export const nodeOs = (): typeof import("node:os") => (os ??= requireBuiltin("node:os") as typeof import("node:os"));
export const nodeWorkerThreads = (): typeof import("node:worker_threads") =>
  (workerThreads ??= requireBuiltin("node:worker_threads") as typeof import("node:worker_threads"));
