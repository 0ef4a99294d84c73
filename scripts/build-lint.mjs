// Builds `ftdata lint` apart (npm run build: after tsup): dist/cli-lint.cjs, the git-hook path.
//
// Why a build of its own, with Rolldown and as CommonJS (docs/performance.md, "Start-up"):
// - Split together with the other commands (esbuild), lint loaded 31 chunks, one per combination of
//   commands sharing a module; resolving, reading and linking each was a large part of its start-up.
//   Here everything lint imports statically is one chunk (lint-core), whatever else shares it; only
//   what lint loads on demand (other reporters, zod for configs with mistakes or rule options,
//   picomatch, fast-glob, tokenizers, Parquet, atomic writes) stays in chunks of its own.
// - CommonJS: on Node 20 the ESM loader reads every module through fs/promises and links it
//   asynchronously; require() of the same code measured ~8 ms less CPU for a small lint.
// dist/cli.js (src/cli/bin.ts, built by tsup) requires dist/cli-lint.cjs for `ftdata lint` only.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const entry = path.join(root, "src", "cli", "run-lint.ts");

/** Modules the entry reaches by static imports: they all load on every lint, so they go in one chunk. */
let eager;
function staticClosure(getModuleInfo) {
  const seen = new Set();
  const todo = [entry];
  while (todo.length > 0) {
    const id = todo.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const dep of getModuleInfo(id)?.importedIds ?? []) todo.push(dep);
  }
  return seen;
}

const result = await build({
  cwd: root,
  input: { "cli-lint": entry },
  platform: "node",
  logLevel: "warn",
  transform: { define: { __FTDATA_VERSION__: JSON.stringify(version) } },
  output: {
    dir: path.join(root, "dist"),
    format: "cjs",
    strict: true, // the sources are ES modules: strict mode, as in the ESM builds
    // import("node:zlib") and the like as require(): the lint chunk is compiled through vm.Script
    // with a code cache (src/cli/compile-cache.ts), where import() has no loader (checked below).
    dynamicImportInCjs: false,
    // Whitespace and comments only (names kept, for stack traces): a third less to parse at start-up.
    minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } },
    entryFileNames: "[name].cjs",
    chunkFileNames: "lint-[name]-[hash].cjs",
    codeSplitting: {
      groups: [
        {
          debugName: "lint-core",
          name(id, ctx) {
            eager ??= staticClosure((m) => ctx.getModuleInfo(m));
            return id !== entry && (eager.has(id) || id.includes("rolldown/runtime")) ? "lint-core" : null;
          },
        },
      ],
    },
  },
});

// The code cache (src/cli/compile-cache.ts) compiles lint-core with vm.Script, where an import()
// would fail at run time ("A dynamic import callback was not specified"): none may be left.
for (const chunk of result.output) {
  if (chunk.type === "chunk" && chunk.fileName.startsWith("lint-lint-core-") && /\bimport\(/.test(chunk.code)) {
    console.error(`build-lint: ${chunk.fileName} contains import(); it must not (see src/cli/compile-cache.ts)`);
    process.exit(1);
  }
}
