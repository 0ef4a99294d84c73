// `ftdata lint --reporter json` against the plain read-and-parse baseline, whole processes, alternated
// in pairs so machine drift cancels. Env: BENCH_MB (default 100), BENCH_RUNS (default 5).
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
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
// The floor of any lint: the same command with every rule off (reader, format detection,
// canonical form, report). What the rules cost is the difference between the two lint rows.
const { rules } = await import(path.join(root, "dist", "index.js"));
const offConfig = path.join(scratch, "all-rules-off.config.json");
writeFileSync(offConfig, JSON.stringify({ rules: Object.fromEntries(rules.map((r) => [r.meta.id, "off"])) }));
const floor = [cli, "lint", "--reporter", "json", "--config", offConfig, file];
const rows = { baseline: [], lint: [], floor: [] };
const ratios = [];
runProcess(baseline); // warm the page cache
for (let i = 0; i < runs; i++) {
  const b = runProcess(baseline);
  const l = runProcess(lint);
  if (l.status !== 0 && l.status !== 1) throw new Error(`lint exited ${l.status}: ${l.stderr}`);
  const f = runProcess(floor);
  if (f.status !== 0) throw new Error(`lint with every rule off exited ${f.status}: ${f.stderr}`);
  rows.baseline.push(b);
  rows.lint.push(l);
  rows.floor.push(f);
  ratios.push(b.seconds / l.seconds);
}
const line = (name, rs) => [name, (size / median(rs.map((r) => r.seconds))).toFixed(1), median(rs.map((r) => r.seconds)).toFixed(2), median(rs.map((r) => r.rssMiB)).toFixed(0), Math.max(...rs.map((r) => r.rssMiB)).toFixed(0)];
console.log(`\nlint vs plain read+parse — ${path.relative(root, file)} (${size.toFixed(1)} MiB), ${runs} alternated pairs, whole processes`);
table([
  ["", "MiB/s (median)", "wall s", "peak RSS MiB (median)", "max"],
  line("baseline read+JSON.parse", rows.baseline),
  line("ftdata lint --reporter json", rows.lint),
  line("  same, every rule off (floor)", rows.floor),
]);
const sorted = [...ratios].sort((a, b) => a - b);
const floorRatio = median(rows.baseline.map((r) => r.seconds)) / median(rows.floor.map((r) => r.seconds));
console.log(`every-rule-off lint / baseline (medians): ${floorRatio.toFixed(2)}: the most any rule tuning could reach on one thread`);
console.log(`lint throughput / baseline, per pair: min ${sorted[0].toFixed(2)}, median ${median(ratios).toFixed(2)}, max ${sorted.at(-1).toFixed(2)}  (target ≥ 0.60; peak RSS target < 150 MiB)`);
