#!/usr/bin/env node
// Long fuzz run: many more cases than CI, with a fresh seed each time (printed, to replay a failure
// with FTDATA_FUZZ_SEED=<seed>). Usage: npm run fuzz [-- <runs> [<seed>]]
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const runs = process.argv[2] ?? process.env.FTDATA_FUZZ_RUNS ?? "5000";
const seed = process.argv[3] ?? process.env.FTDATA_FUZZ_SEED ?? String(Date.now() % 2 ** 31);
console.log(`ftdata fuzz: ${runs} runs per property, seed ${seed}`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
const r = spawnSync(process.execPath, [vitest, "run", "test/fuzz.test.ts", "--testTimeout=0"], {
  stdio: "inherit",
  cwd: root,
  env: { ...process.env, FTDATA_FUZZ_RUNS: runs, FTDATA_FUZZ_SEED: seed },
});
if (r.status !== 0) console.error(`fuzz failed; replay with: FTDATA_FUZZ_SEED=${seed} FTDATA_FUZZ_RUNS=${runs} npx vitest run test/fuzz.test.ts`);
process.exitCode = r.status ?? 1;
