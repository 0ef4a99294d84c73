// `convert()` throughput and memory: OpenAI chat → ShareGPT, against a baseline measured in the same
// run: a readline loop that only JSON.parses and re-stringifies each line (no validation, no mapping).
// Each measurement runs in a fresh child process so peak RSS is its own. Run after `npm run build`:
//   node bench/convert.bench.mjs [records=100000] [runs=3]
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = pathToFileURL(path.join(here, "..", "dist", "index.js")).href;

if (process.argv[2] === "--child") {
  const [, , , mode, file, out] = process.argv;
  const t0 = process.hrtime.bigint();
  let records = 0;
  if (mode === "baseline") {
    const w = createWriteStream(out);
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      if (!w.write(JSON.stringify(JSON.parse(line)) + "\n")) await new Promise((r) => w.once("drain", r));
      records++;
    }
    await new Promise((r) => w.end(r));
  } else {
    const { convert } = await import(dist);
    const r = await convert(file, { to: "sharegpt", output: out, force: true });
    records = r.written;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ ms, records, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const N = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 3);
const dir = mkdtempSync(path.join(tmpdir(), "ftdata-bench-"));
const file = path.join(dir, "chat.jsonl");
const w = createWriteStream(file);
for (let i = 0; i < N; i++) {
  const rec = { messages: [{ role: "system", content: "You are a concise support assistant." }, { role: "user", content: `Order ${i} has not arrived. `.repeat(5) }, { role: "assistant", content: `Sorry about order ${i}: it left the warehouse yesterday and should arrive within two days.` }] };
  if (!w.write(JSON.stringify(rec) + "\n")) await new Promise((r) => w.once("drain", r));
}
await new Promise((r) => w.end(r));
const mb = statSync(file).size / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`${N.toLocaleString()} OpenAI chat records, ${mb.toFixed(1)} MB → sharegpt; median of ${RUNS} runs, each in a fresh process`);
console.log("mode".padEnd(46) + "MB/s".padStart(8) + "records/s".padStart(12) + "peak RSS MB".padStart(14));
for (const [label, mode] of [["baseline: readline + JSON.parse/stringify", "baseline"], ["ftdata convert() (validated, mapped, atomic)", "convert"]]) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", mode, file, path.join(dir, `out-${mode}.jsonl`)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    runs.push(JSON.parse(r.stdout));
  }
  const ms = median(runs.map((r) => r.ms));
  console.log(label.padEnd(46) + (mb / (ms / 1000)).toFixed(1).padStart(8) + Math.round(runs[0].records / (ms / 1000)).toLocaleString().padStart(12) + median(runs.map((r) => r.maxRssMB)).toFixed(0).padStart(14));
}
rmSync(dir, { recursive: true, force: true });
