// JSON-array reading: ftdata's streaming element splitter vs JSON.parse of the whole file (the
// baseline most Python/JS tools use), and vs the same records as JSONL. Each measurement runs in a
// fresh child process so peak RSS is its own. Run after `npm run build`:
//   node bench/json-array.bench.mjs [records=100000] [runs=3]
import { spawnSync } from "node:child_process";
import { createWriteStream, readFileSync, statSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = pathToFileURL(path.join(here, "..", "dist", "index.js")).href;

if (process.argv[2] === "--child") {
  const [, , , mode, file] = process.argv;
  const t0 = process.hrtime.bigint();
  let records = 0;
  if (mode === "json-parse") {
    const all = JSON.parse(readFileSync(file, "utf8"));
    for (const r of all) if (r && typeof r === "object") records++;
  } else {
    const { validate } = await import(dist);
    const report = await validate(file, { rules: { "example-duplicate": "off" } });
    records = report.files[0].records;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ ms, records, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const N = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 3);
const dir = mkdtempSync(path.join(tmpdir(), "ftdata-bench-"));
const jsonFile = path.join(dir, "data.json");
const jsonlFile = path.join(dir, "data.jsonl");

function record(i) {
  return {
    instruction: `Summarise ticket #${i} for the on-call engineer, in two sentences.`,
    input: `Customer reports that uploads over ${i % 500} MB fail with HTTP 413 since the last deploy. `.repeat(4),
    output: `Uploads above the proxy limit are rejected. Raise client_max_body_size or switch the client to multipart uploads (ticket ${i}).`,
  };
}
async function write(file, array) {
  const out = createWriteStream(file);
  const put = (s) => (out.write(s) ? undefined : new Promise((r) => out.once("drain", r)));
  if (array) await put("[\n");
  for (let i = 0; i < N; i++) await put((array ? "  " : "") + JSON.stringify(record(i)) + (array ? (i < N - 1 ? ",\n" : "\n") : "\n"));
  if (array) await put("]\n");
  await new Promise((r) => out.end(r));
}
await write(jsonFile, true);
await write(jsonlFile, false);
const mb = statSync(jsonFile).size / 1e6;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function measure(mode, file) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", mode, file], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    runs.push(JSON.parse(r.stdout));
  }
  return { ms: median(runs.map((r) => r.ms)), rss: median(runs.map((r) => r.maxRssMB)), records: runs[0].records };
}

console.log(`JSON array of ${N.toLocaleString()} Alpaca records, ${mb.toFixed(1)} MB; median of ${RUNS} runs, each in a fresh process`);
console.log("mode".padEnd(42) + "MB/s".padStart(8) + "peak RSS MB".padStart(14) + "records".padStart(10));
for (const [label, mode, file] of [
  ["baseline: JSON.parse(whole file)", "json-parse", jsonFile],
  ["ftdata validate(): JSON array (streaming)", "validate", jsonFile],
  ["ftdata validate(): same records as JSONL", "validate", jsonlFile],
]) {
  const r = measure(mode, file);
  const size = statSync(file).size / 1e6;
  console.log(label.padEnd(42) + (size / (r.ms / 1000)).toFixed(1).padStart(8) + r.rss.toFixed(0).padStart(14) + String(r.records).padStart(10));
}
rmSync(dir, { recursive: true, force: true });
