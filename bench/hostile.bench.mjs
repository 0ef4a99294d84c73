#!/usr/bin/env node
/**
 * Hostile inputs at full size (too big for unit tests): a single 200 MiB line and a large file of
 * short rows. Prints time, throughput and peak RSS of `validate()` beside a baseline measured in
 * the same run (reading the same bytes in the same 1 MiB chunks and counting newlines), medians of
 * several runs, each run in a fresh process so peak RSS is its own.
 *
 *   npm run build && node bench/hostile.bench.mjs
 *   FTDATA_BENCH_ROWS_MB=2048 node bench/hostile.bench.mjs      # the 2 GB file of short rows
 *   FTDATA_BENCH_RUNS=5 FTDATA_BENCH_LINE_MB=200 node bench/hostile.bench.mjs
 *   FTDATA_BENCH_LINE_MB=0 FTDATA_BENCH_CASES="distinct rows, all" node bench/hostile.bench.mjs   # one case
 *
 * Memory must stay flat: peak RSS for the rows file is measured at two sizes (¼ and the full size)
 * and the last lines say, per case, whether it is flat (the duplicate rules spill their fixed-size
 * records to a temp file past a memory budget, so nothing may grow with the number of records).
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Child: run one measurement and print {ms, rssMB, result}

if (process.argv[2] === "--child") {
  const [, , , mode, file, extra] = process.argv;
  const t0 = performance.now();
  let result;
  if (mode === "baseline") {
    const fd = openSync(file, "r");
    const buf = Buffer.allocUnsafe(MiB);
    let lines = 0;
    for (let n; (n = readSync(fd, buf, 0, MiB, null)) > 0; ) {
      for (let i = buf.indexOf(10, 0); i !== -1 && i < n; i = buf.indexOf(10, i + 1)) lines++;
    }
    closeSync(fd);
    result = { lines };
  } else {
    const { validate } = await import(pathToFileURL(path.join(ROOT, "dist/index.js")).href);
    const options = JSON.parse(extra ?? "{}");
    const report = await validate(file, options);
    const f = report.files[0];
    const byRule = {};
    for (const d of f.diagnostics) byRule[d.ruleId] = (byRule[d.ruleId] ?? 0) + 1;
    result = { lines: f.lines, records: f.records, errors: f.errorCount, warnings: f.warningCount, listed: byRule };
  }
  const ms = performance.now() - t0;
  // Peak RSS also reflects how lazily V8 collects; the heap left after a full GC is what is retained.
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMB: process.resourceUsage().maxRSS / 1024, heapMB: process.memoryUsage().heapUsed / MiB, result }));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Parent

const RUNS = Number(process.env.FTDATA_BENCH_RUNS ?? 3);
const LINE_MB = Number(process.env.FTDATA_BENCH_LINE_MB ?? 200);
const ROWS_MB = Number(process.env.FTDATA_BENCH_ROWS_MB ?? 64);
const dir = path.join(ROOT, ".bench", "hostile");
mkdirSync(dir, { recursive: true });

if (!existsSync(path.join(ROOT, "dist/index.js"))) {
  console.error("run `npm run build` first");
  process.exit(2);
}

function writeFileOfSize(file, targetBytes, makeChunk) {
  if (existsSync(file) && statSync(file).size >= targetBytes) return statSync(file).size;
  const fd = openSync(file, "w");
  let written = 0;
  for (let i = 0; written < targetBytes; i++) {
    const chunk = makeChunk(i, targetBytes - written);
    writeSync(fd, chunk);
    written += chunk.length;
  }
  closeSync(fd);
  return written;
}

function measure(mode, file, options) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", fileURLToPath(import.meta.url), "--child", mode, file, JSON.stringify(options ?? {})], {
      encoding: "utf8",
      maxBuffer: 64 * MiB,
    });
    if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
    samples.push(JSON.parse(r.stdout));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: median(samples.map((s) => s.ms)), cpuMs: median(samples.map((s) => s.cpuMs)), rssMB: median(samples.map((s) => s.rssMB)), heapMB: median(samples.map((s) => s.heapMB)), result: samples[0].result };
}

function row(label, bytes, m) {
  const mbps = bytes / MiB / (m.ms / 1000);
  // CPU time too: on a shared machine wall time drifts with the load, CPU time much less.
  console.log(`${label.padEnd(56)} ${(m.ms / 1000).toFixed(2).padStart(8)} s ${(m.cpuMs / 1000).toFixed(2).padStart(8)} s CPU ${mbps.toFixed(1).padStart(8)} MiB/s ${m.rssMB.toFixed(0).padStart(6)} MB peak RSS ${m.heapMB.toFixed(1).padStart(7)} MB retained   ${JSON.stringify(m.result)}`);
}

console.log(`ftdata hostile-input bench — node ${process.version}, medians of ${RUNS} runs, each in a fresh process`);
console.log(`${"case".padEnd(56)} ${"time".padStart(10)} ${"CPU".padStart(14)} ${"throughput".padStart(14)} ${"peak RSS".padStart(17)} ${"heap after GC".padStart(19)}`);

// Only the cases whose label contains this (e.g. "distinct rows, all"); FTDATA_BENCH_LINE_MB=0 skips case 1.
const CASES = process.env.FTDATA_BENCH_CASES ?? "";

// 1. One 200 MiB line between two valid records: reported by line-too-long without being buffered.
if (LINE_MB > 0) {
  const file = path.join(dir, `line-${LINE_MB}mb.jsonl`);
  const valid = '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}\n';
  const body = Buffer.alloc(MiB, 0x61);
  const head = Buffer.from(valid + '{"messages":[{"role":"user","content":"');
  const tail = Buffer.from('"}]}\n' + valid);
  // head, then LINE_MB MiB of "a", then tail: the middle line is a little over LINE_MB MiB.
  const size = writeFileOfSize(file, LINE_MB * MiB + head.length + tail.length, (i) => (i === 0 ? head : i <= LINE_MB ? body : tail));
  row(`baseline: read ${LINE_MB} MiB line in 1 MiB chunks`, size, measure("baseline", file));
  row(`validate, --max-line-size 1 (1 MiB)`, size, measure("validate", file, { maxLineBytes: MiB }));
  row(`validate, default limit (64 MiB)`, size, measure("validate", file, {}));
}

// 2. A file of short rows at two sizes: RSS must not grow with the file.
const rowsCases = [
  ["distinct rows, all rules", (i) => i, {}],
  ["distinct rows, example-duplicate off", (i) => i, { rules: { "example-duplicate": "off" } }],
  ["identical rows (all duplicates), all rules", () => 0, {}],
];
// Flat: the full-size file (4× the records) peaks within 15% of the ¼-size one.
const FLAT_RATIO = 1.15;
const verdicts = [];
for (const [label, id, options] of rowsCases) {
  if (!label.includes(CASES)) continue;
  const peaks = [];
  for (const mb of [ROWS_MB / 4, ROWS_MB]) {
    const kind = label.startsWith("identical") ? "same" : "distinct";
    const file = path.join(dir, `rows-${kind}-${mb}mb.jsonl`);
    let n = 0;
    const size = writeFileOfSize(file, mb * MiB, () => {
      let s = "";
      for (let k = 0; k < 10_000; k++, n++) s += `{"messages":[{"role":"user","content":"q${id(n)}"},{"role":"assistant","content":"a${id(n)}"}]}\n`;
      return Buffer.from(s);
    });
    if (label.startsWith("distinct rows, all")) row(`baseline: read ${mb} MiB of rows`, size, measure("baseline", file));
    const m = measure("validate", file, options);
    row(`validate ${mb} MiB: ${label}`, size, m);
    peaks.push({ mb, records: m.result.records, rssMB: m.rssMB, heapMB: m.heapMB });
  }
  const [q, full] = peaks;
  const ratio = full.rssMB / q.rssMB;
  verdicts.push(
    `${label.padEnd(44)} ${q.rssMB.toFixed(0).padStart(5)} MB at ${q.mb} MiB (${q.records} records) → ${full.rssMB.toFixed(0).padStart(5)} MB at ${full.mb} MiB (${full.records}): ` +
      `×${ratio.toFixed(2)} for ×${(full.records / q.records).toFixed(1)} records, ${((full.rssMB - q.rssMB) * 1024 * 1024 / Math.max(1, full.records - q.records)).toFixed(1)} B per extra record; ` +
      `heap after GC ${q.heapMB.toFixed(1)} → ${full.heapMB.toFixed(1)} MB — ` +
      (ratio <= FLAT_RATIO ? "FLAT" : "GROWS"),
  );
}
console.log(`\nPeak RSS, ¼ size vs full size (flat: within ×${FLAT_RATIO}):`);
for (const v of verdicts) console.log(v);

if (process.env.FTDATA_BENCH_KEEP !== "1") rmSync(dir, { recursive: true, force: true });
