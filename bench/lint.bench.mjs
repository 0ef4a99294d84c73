// `ftdata lint --reporter json` against the plain read-and-parse baseline, whole processes, alternated
// in pairs so machine drift cancels. Env: BENCH_MB (default 100), BENCH_RUNS (default 5).
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { generate } from "./gen-chat.mjs";
import { cli, fileMiB, median, root, runProcess, scratch, table } from "./lib.mjs";

const mb = Number(process.env.BENCH_MB ?? 100);
const runs = Number(process.env.BENCH_RUNS ?? 5);
mkdirSync(scratch, { recursive: true });
const file = path.join(scratch, `chat-${mb}mb-seed1.jsonl`);
if (!existsSync(file) || statSync(file).size < mb * 1048576) {
  process.stderr.write(`generating ${file}…\n`);
  await generate(file, mb, 1);
}
const size = fileMiB(file);
const baseline = ["bench/baseline-read.mjs", file];
const lint = [cli, "lint", "--reporter", "json", file];
const rows = { baseline: [], lint: [] };
const ratios = [];
runProcess(baseline); // warm the page cache
for (let i = 0; i < runs; i++) {
  const b = runProcess(baseline);
  const l = runProcess(lint);
  if (l.status !== 0 && l.status !== 1) throw new Error(`lint exited ${l.status}: ${l.stderr}`);
  rows.baseline.push(b);
  rows.lint.push(l);
  ratios.push(b.seconds / l.seconds);
}
const line = (name, rs) => [name, (size / median(rs.map((r) => r.seconds))).toFixed(1), median(rs.map((r) => r.seconds)).toFixed(2), median(rs.map((r) => r.rssMiB)).toFixed(0), Math.max(...rs.map((r) => r.rssMiB)).toFixed(0)];
console.log(`\nlint vs plain read+parse — ${path.relative(root, file)} (${size.toFixed(1)} MiB), ${runs} alternated pairs, whole processes`);
table([
  ["", "MiB/s (median)", "wall s", "peak RSS MiB (median)", "max"],
  line("baseline read+JSON.parse", rows.baseline),
  line("ftdata lint --reporter json", rows.lint),
]);
const sorted = [...ratios].sort((a, b) => a - b);
console.log(`lint throughput / baseline, per pair: min ${sorted[0].toFixed(2)}, median ${median(ratios).toFixed(2)}, max ${sorted.at(-1).toFixed(2)}  (target ≥ 0.60; peak RSS target < 150 MiB)`);
