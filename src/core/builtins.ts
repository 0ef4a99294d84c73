import { createRequire } from "node:module";

/*
 * Node built-ins that only some runs use, loaded on first use instead of at import: node:crypto alone
 * costs ~2.5 ms of start-up, node:os a little, and a plain `ftdata lint small.jsonl` needs neither.
 * Synchronous (a rule's record() or a spill cannot await); node:module is loaded by Node already.
 */
let localRequire: NodeJS.Require | undefined;
const requireBuiltin = (id: string): unknown => (localRequire ??= createRequire(import.meta.url))(id);

let crypto: typeof import("node:crypto") | undefined;
let os: typeof import("node:os") | undefined;

export const nodeCrypto = (): typeof import("node:crypto") => (crypto ??= requireBuiltin("node:crypto") as typeof import("node:crypto"));
export const nodeOs = (): typeof import("node:os") => (os ??= requireBuiltin("node:os") as typeof import("node:os"));
