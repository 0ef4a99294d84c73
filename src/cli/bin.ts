#!/usr/bin/env node
/*
 * The `ftdata` executable: a dispatcher with no imports. `ftdata lint` (the git-hook path, run on
 * every commit) loads dist/cli-lint.js, a build of lint alone; every other command loads
 * dist/cli-main.js (src/cli/run-main.ts). Both are built by tsup.config.ts; the path is a variable so
 * that the bundler leaves it to Node.
 */
declare const __FTDATA_VERSION__: string;

const first = process.argv[2];
if (first === "--version" || first === "-v") {
  process.stdout.write(`${__FTDATA_VERSION__}\n`);
} else {
  const entry = first === "lint" ? "./cli-lint.js" : "./cli-main.js";
  await import(entry);
}
