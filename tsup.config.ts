import { readFileSync } from "node:fs";
import { defineConfig, type Options } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
const define = { __FTDATA_VERSION__: JSON.stringify(version) };

/** The CLI builds (code splitting: heavy parts load on first use, each in a chunk). */
const cliBuild = {
  format: ["esm"],
  target: "node20",
  platform: "node",
  noExternal: [/.*/],
  splitting: true,
  define,
  banner: {
    js: "import { createRequire as __ftCreateRequire } from 'node:module'; const require = __ftCreateRequire(import.meta.url);",
  },
} satisfies Options;

export default defineConfig([
  {
    // stats-worker: the token-counting worker thread, loaded by path from dist/ (index and cli alike).
    entry: { index: "src/index.ts", "stats-worker": "src/engine/token-worker.ts" },
    format: ["esm"],
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    clean: true,
    sourcemap: true,
    target: "node20",
    platform: "node",
    define,
  },
  {
    // dist/cli.js, the executable: a small dispatcher (src/cli/bin.ts). `ftdata lint` requires
    // dist/cli-lint.cjs, built apart by scripts/build-lint.mjs (Rolldown, CommonJS: see there);
    // every other command imports dist/cli-main.js (below).
    entry: { cli: "src/cli/bin.ts" },
    format: ["esm", "cjs"],
    shims: true, // import.meta.url in the CommonJS copy
    target: "node20",
    platform: "node",
    splitting: false,
    define,
  },
  {
    // Every command but lint (dist/cli-main.js). The CLI is bundled with its dependencies so a git
    // hook starts fast; heavy parts stay behind dynamic import() and are only evaluated when a
    // command needs them. lint-worker: large lints run there (src/engine/off-thread.ts); shard-worker:
    // the parallel lint's workers (src/engine/parallel.ts). Both are loaded by path from dist/ (by
    // cli-lint.cjs too).
    entry: { "cli-main": "src/cli/run-main.ts", "lint-worker": "src/engine/lint-worker.ts", "shard-worker": "src/engine/shard-worker.ts" },
    ...cliBuild,
  },
  {
    // docs/cli.md generator (scripts/cli-doc.mjs), one file apart: as a third entry of the CLI build it
    // would split the CLI's chunks further and slow every start-up.
    entry: { "cli-doc": "src/cli/doc.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    noExternal: [/.*/],
    splitting: false,
    define,
    banner: {
      js: "import { createRequire as __ftCreateRequire } from 'node:module'; const require = __ftCreateRequire(import.meta.url);",
    },
  },
]);
