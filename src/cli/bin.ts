#!/usr/bin/env node
/*
 * The `ftdata` executable, a dispatcher, built twice: dist/cli.cjs (package.json "bin": CommonJS, so
 * Node does not start its ES module loader, ~4 ms) and dist/cli.js (the same, as an ES module, for
 * `node dist/cli.js`). `ftdata lint` (the git-hook path, run on every commit) requires
 * dist/cli-lint.cjs, a build of lint alone (scripts/build-lint.mjs: one chunk for all it loads,
 * CommonJS); every other command imports dist/cli-main.js (src/cli/run-main.ts). The paths are
 * variables so that the bundler leaves them to Node. The lint chunk is compiled through a V8 code
 * cache (compile-cache.ts).
 */
import { createRequire } from "node:module";
import { useCompileCache } from "./compile-cache.js";

declare const __FTDATA_VERSION__: string;

const first = process.argv[2];
if (first === "--version" || first === "-v") {
  process.stdout.write(`${__FTDATA_VERSION__}\n`);
} else if (first === "lint") {
  const lintEntry = "./cli-lint.cjs";
  const require = createRequire(import.meta.url);
  useCompileCache(require); // V8 code cache of the lint chunk (Node 20), or Node 22's own
  require(lintEntry);
} else {
  const mainEntry = "./cli-main.js";
  void import(mainEntry);
}
