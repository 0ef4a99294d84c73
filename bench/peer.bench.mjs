// The peer bench (issue 18): what a user comparing ftdata with the checker they would otherwise run sees.
//
// 1. Default `ftdata lint` against the floor, bench/baseline-read.mjs (read + newline scan + JSON.parse,
//    one thread), on the two 50 MiB corpora of plain chat rows that together-python's check_file accepts
//    in full (bench/gen-tg-valid.mjs, default seed): long rows and short rows. Whole processes, BENCH_RUNS
//    (default 5) alternated pairs so machine drift cancels; the median of the per-pair ratios of wall
//    times, and peak RSS. Targets: ≤ 1.1× the floor on long rows, ≤ 1.5× on short (parity with
//    check_file: 1.7× and 3.0×); peak RSS < 150 MiB.
// 2. Token counting against Python tiktoken (when `python3 -c "import tiktoken"` works): LLaMA-Factory's
//    demo texts (BENCH_LF_DATA, default /work/data/llamafactory), o200k_base, every string of a file,
//    the first half counted as a warm-up, the second half timed; alternated pairs, identical counts
//    required. Python loads its ranks from the npm `tiktoken` package (no network).
// Env: BENCH_RUNS, BENCH_PEER_MB (default 50), BENCH_LF_DATA, BENCH_PEER_ONLY (lint or tokens: one part only).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { cli, fileMiB, median, root, runProcess, scratch, table } from "./lib.mjs";

const runs = Number(process.env.BENCH_RUNS ?? 5);
const mb = Number(process.env.BENCH_PEER_MB ?? 50);
mkdirSync(scratch, { recursive: true });

const ratioOf = (pairs) => median(pairs.map(([b, l]) => l.seconds / b.seconds));
const rssOf = (rs) => median(rs.map((r) => r.rssMiB)).toFixed(0);

const only = process.env.BENCH_PEER_ONLY;
const targets = { long: [1.1, 1.7], short: [1.5, 3.0] };
const lintRows = [["corpus", "rows", "floor wall s", "lint wall s", "lint / floor (median of pairs)", "target (parity)", "1 thread / floor", "CPU s floor / lint", "floor RSS MiB", "lint RSS MiB", "1 thread RSS MiB"]];
for (const kind of only === "tokens" ? [] : ["long", "short"]) {
  const file = path.join(scratch, `tg-valid-${kind}-${mb}mb.jsonl`);
  if (!existsSync(file) || statSync(file).size < mb * 1048576) {
    process.stderr.write(`generating ${file}…\n`);
    spawnSync(process.execPath, [path.join(root, "bench", "gen-tg-valid.mjs"), file, String(mb), kind], { stdio: "inherit" });
  }
  const baseline = [path.join(root, "bench", "baseline-read.mjs"), file];
  const lint = [cli, "lint", file];
  runProcess(baseline); // warm the page cache
  const pairs = [];
  for (let i = 0; i < runs; i++) {
    const b = runProcess(baseline);
    const l = runProcess(lint);
    // The same lint on one thread (FTDATA_THREADS=1): what the other cores add.
    const one = runProcess(lint, { env: { FTDATA_THREADS: "1" } });
    for (const r of [l, one]) if (r.status !== 0 && r.status !== 1) throw new Error(`lint exited ${r.status}: ${r.stderr}`);
    pairs.push([b, l, one]);
  }
  const rows = readFileSync(file, "utf8").split("\n").filter(Boolean).length;
  lintRows.push([
    `${kind} (${fileMiB(file).toFixed(0)} MiB)`,
    rows,
    median(pairs.map(([b]) => b.seconds)).toFixed(2),
    median(pairs.map(([, l]) => l.seconds)).toFixed(2),
    `${ratioOf(pairs).toFixed(2)}×`,
    `${targets[kind][0]}× (${targets[kind][1]}×)`,
    `${ratioOf(pairs.map(([b, , one]) => [b, one])).toFixed(2)}×`,
    `${median(pairs.map(([b]) => b.cpuSeconds)).toFixed(2)} / ${median(pairs.map(([, l]) => l.cpuSeconds)).toFixed(2)}`,
    rssOf(pairs.map(([b]) => b)),
    rssOf(pairs.map(([, l]) => l)),
    rssOf(pairs.map(([, , one]) => one)),
  ]);
}
if (only !== "tokens") {
  console.log(`\ndefault ftdata lint (${availableParallelism()} threads here) vs the floor (bench/baseline-read.mjs), ${runs} alternated runs, whole processes`);
  table(lintRows);
}

// ---- tokens against Python tiktoken
const lf = process.env.BENCH_LF_DATA ?? "/work/data/llamafactory";
const ranks = path.join(root, "node_modules", "tiktoken", "encoders", "o200k_base.json");
const python = spawnSync("python3", ["-c", "import tiktoken"], { stdio: "ignore" });
if (only === "lint") {
  // Lint part only.
} else if (python.status !== 0 || !existsSync(ranks) || !existsSync(lf)) {
  console.log("\ntokens vs Python tiktoken: skipped (needs python3 with tiktoken, the npm tiktoken package's encoders, and LLaMA-Factory's data in BENCH_LF_DATA)");
} else {
  const strings = (v, out = []) => {
    if (typeof v === "string") out.push(v);
    else if (v !== null && typeof v === "object") for (const x of Object.values(v)) strings(x, out);
    return out;
  };
  const tokenRows = [["file", "MB timed", "tokens", "ftdata MB/s", "tiktoken (Python) MB/s", "ftdata / tiktoken (median of pairs)", "same, by CPU time"]];
  for (const name of ["alpaca_zh_demo", "glaive_toolcall_zh_demo", "dpo_zh_demo", "alpaca_en_demo"]) {
    const src = path.join(lf, `${name}.json`);
    if (!existsSync(src)) continue;
    const list = path.join(scratch, `${name}.strings.json`);
    writeFileSync(list, JSON.stringify(strings(JSON.parse(readFileSync(src, "utf8")))));
    const pairs = [];
    for (let i = 0; i < runs; i++) {
      const js = JSON.parse(spawnSync(process.execPath, [path.join(root, "bench", "tokens-peer.mjs"), list], { encoding: "utf8" }).stdout);
      const py = JSON.parse(spawnSync("python3", [path.join(root, "bench", "tiktoken-peer.py"), ranks, list, "1"], { encoding: "utf8" }).stdout);
      if (js.tokens !== py.tokens) throw new Error(`${name}: ftdata counted ${js.tokens} tokens, tiktoken ${py.tokens}`);
      pairs.push([js.bytes / js.seconds[0] / 1e6, py.bytes / py.seconds[0] / 1e6, js, js.bytes / js.cpu / 1e6, py.bytes / py.cpu / 1e6]);
    }
    const [, , js] = pairs[0];
    tokenRows.push([name, (js.bytes / 1e6).toFixed(2), js.tokens, median(pairs.map((p) => p[0])).toFixed(1), median(pairs.map((p) => p[1])).toFixed(1), `${median(pairs.map((p) => p[0] / p[1])).toFixed(2)}×`, `${median(pairs.map((p) => p[3] / p[4])).toFixed(2)}×`]);
  }
  console.log(`\ntoken counting (o200k_base, MB/s by wall time; the last column by CPU time, steadier on a shared machine; second half of the strings after a warm-up on the first), ${runs} alternated pairs; counts identical`);
  table(tokenRows);
}
