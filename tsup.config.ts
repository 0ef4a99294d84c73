import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
const define = { __FTDATA_VERSION__: JSON.stringify(version) };

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
    // The CLI is bundled with its dependencies so a git hook starts fast; heavy parts stay behind
    // dynamic import() and are only evaluated when a command needs them. Splitting puts each of those
    // in its own chunk, so `ftdata lint small.jsonl` does not even parse zod, picomatch or fast-glob.
    // lint-worker: large lints run there (src/engine/off-thread.ts); shard-worker: the parallel lint's
    // workers (src/engine/parallel.ts). Both are loaded by path from dist/.
    entry: { cli: "src/cli/bin.ts", "lint-worker": "src/engine/lint-worker.ts", "shard-worker": "src/engine/shard-worker.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    noExternal: [/.*/],
    splitting: true,
    define,
    banner: {
      js: "import { createRequire as __ftCreateRequire } from 'node:module'; const require = __ftCreateRequire(import.meta.url);",
    },
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
