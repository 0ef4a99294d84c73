// Start-up cost of the CLI on the git-hook path: `ftdata lint small.jsonl` as a whole process, paired
// with a bare `node -e ''` in the same run (alternating, so machine noise hits both alike).
// Usage: npm run build && node bench/startup.bench.mjs [runs] [baseline-cli.js]
// With a baseline (another build's dist/cli.js, e.g. of the main branch), its lint runs in the same
// alternation, so a change is judged against the baseline measured under the same load.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// What `ftdata` runs: package.json's bin (dist/cli.cjs).
const cli = path.join(root, JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).bin.ftdata);
if (!existsSync(cli)) {
  console.error("bench/startup: run `npm run build` first");
  process.exit(2);
}
const runs = Number(process.argv[2] ?? 21);
const baseline = process.argv[3] ? path.resolve(process.argv[3]) : undefined;
const TARGET = 1.6;
const hasTime = existsSync("/usr/bin/time");

const dir = mkdtempSync(path.join(tmpdir(), "ftdata-startup-"));
const chat = (i) => JSON.stringify({ messages: [{ role: "user", content: `question ${i}` }, { role: "assistant", content: `answer ${i}` }] });
writeFileSync(path.join(dir, "small.jsonl"), Array.from({ length: 20 }, (_, i) => chat(i)).join("\n") + "\n");
const withConfig = path.join(dir, "with-config");
spawnSync("mkdir", ["-p", withConfig]);
writeFileSync(path.join(withConfig, "small.jsonl"), Array.from({ length: 20 }, (_, i) => chat(i)).join("\n") + "\n");
writeFileSync(
  path.join(withConfig, "ftdata.config.json"),
  JSON.stringify({ rules: { "examples-recommended-count": "off" }, overrides: [{ files: ["legacy/**"], rules: { "example-duplicate": "off" } }] }),
);

const env = { ...process.env, CI: "1", NO_COLOR: "1" };
/** Wall time (ms) and peak RSS (KiB, when /usr/bin/time is there) of one process. */
function measure(args, cwd) {
  const argv = hasTime ? ["/usr/bin/time", ["-f", "%M", process.execPath, ...args]] : [process.execPath, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv[1], { cwd, env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const rss = hasTime ? Number(r.stderr.trim().split("\n").at(-1)) : NaN;
  return { ms, rss };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const cases = [
  { name: "node -e ''", args: ["-e", ""], cwd: dir },
  { name: "ftdata --version", args: [cli, "--version"], cwd: dir },
  { name: "ftdata lint small.jsonl", args: [cli, "lint", "small.jsonl"], cwd: dir },
  { name: "ftdata lint small.jsonl (config)", args: [cli, "lint", "small.jsonl"], cwd: withConfig },
  ...(baseline ? [{ name: "baseline lint small.jsonl", args: [baseline, "lint", "small.jsonl"], cwd: dir }] : []),
];
const samples = cases.map(() => ({ ms: [], rss: [] }));
for (const c of cases) measure(c.args, c.cwd); // warm the file cache
for (let i = 0; i < runs; i++) {
  cases.forEach((c, j) => {
    const m = measure(c.args, c.cwd);
    samples[j].ms.push(m.ms);
    samples[j].rss.push(m.rss);
  });
}
rmSync(dir, { recursive: true, force: true });

const base = median(samples[0].ms);
console.log(`startup: median of ${runs} runs each, alternating; target for lint: <= ${TARGET}x bare node`);
console.log(`${"case".padEnd(36)} ${"wall ms".padStart(8)} ${"x node".padStart(7)} ${"peak RSS MiB".padStart(13)}`);
cases.forEach((c, j) => {
  const ms = median(samples[j].ms);
  const rss = median(samples[j].rss) / 1024;
  console.log(`${c.name.padEnd(36)} ${ms.toFixed(1).padStart(8)} ${(ms / base).toFixed(2).padStart(7)} ${(Number.isNaN(rss) ? "-" : rss.toFixed(1)).padStart(13)}`);
});
const ratio = median(samples[2].ms) / base;
// Within each round (adjacent runs): steadier than the ratio of medians when the host's load drifts.
const perRun = (j) => median(samples[j].ms.map((ms, i) => ms / samples[0].ms[i])).toFixed(2);
console.log(`per-run ratios to bare node (median): lint ${perRun(2)}x, lint with config ${perRun(3)}x${baseline ? `, baseline lint ${perRun(4)}x` : ""}`);
if (baseline) console.log(`lint vs baseline: ${(median(samples[2].ms) / median(samples[4].ms)).toFixed(3)}x (median of per-run ratios ${median(samples[2].ms.map((ms, i) => ms / samples[4].ms[i])).toFixed(3)}x)`);
console.log(ratio <= TARGET ? `ok: lint start-up ${ratio.toFixed(2)}x bare node (target ${TARGET}x)` : `SLOW: lint start-up ${ratio.toFixed(2)}x bare node (target ${TARGET}x)`);
