#!/usr/bin/env node
// Throughput and peak RSS of `ftdata split` and of near-duplicate detection on N short chat records,
// side by side with the plain read-and-parse floor measured in the same run (medians of RUNS
// processes each). Run after `npm run build`:  node bench/split.bench.mjs
// Env: BENCH_RECORDS (default 1000000), BENCH_RUNS (default 3), BENCH_ONLY (case name filter, "a|b").
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, writeSync, closeSync, rmSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { prng } from "./lib.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");

// --- child modes: run one job, then print {"records", "maxRssKiB"} on the last stderr line -------
const [mode, file, ...rest] = process.argv.slice(2);
if (mode === "--child-baseline") {
  // The read floor of perf.md §2: one reused 1 MiB buffer, Buffer.indexOf(10), toString, JSON.parse.
  const fh = await open(file, "r");
  const buf = Buffer.allocUnsafe(1 << 20);
  let carry = Buffer.alloc(0);
  let records = 0;
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, null);
    if (bytesRead === 0) break;
    let chunk = carry.length ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
    let pos = 0;
    for (let nl = chunk.indexOf(10, pos); nl !== -1; nl = chunk.indexOf(10, pos)) {
      if (nl > pos) { JSON.parse(chunk.toString("utf8", pos, nl)); records++; }
      pos = nl + 1;
    }
    carry = Buffer.from(chunk.subarray(pos));
  }
  await fh.close();
  done(records);
} else if (mode === "--child-split") {
  process.argv = [process.argv[0], path.join(dist, "cli.js"), "split", file, ...rest];
  process.on("exit", () => done(-1));
  await import(pathToFileURL(path.join(dist, "cli.js")).href);
} else if (mode === "--child-neardup") {
  const { validate, rules } = await import(pathToFileURL(path.join(dist, "index.js")).href);
  const config = {};
  for (const r of rules) if (r.meta.id !== "example-near-duplicate") config[r.meta.id] = "off";
  const report = await validate(file, { rules: config, nearDup: true });
  const f = report.files[0];
  process.stderr.write(`clusters ${f.clusters?.length ?? 0}, near-duplicate lines ${f.diagnostics.length}\n`);
  done(f.records);
} else if (mode === "--child-lint") {
  const { validate } = await import(pathToFileURL(path.join(dist, "index.js")).href);
  const report = await validate(file, { nearDup: false });
  done(report.files[0].records);
} else {
  await main();
}

function done(records) {
  process.stderr.write("\n" + JSON.stringify({ records, maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
}

// --- driver ------------------------------------------------------------------------------------
/** Short chat records (8–20 word question, 10–30 word answer), 1% exact and 1% near duplicates. */
function generate(target, n) {
  const rnd = prng(4);
  const vocab = [];
  for (let i = 0; i < 5000; i++) {
    let w = "";
    const len = 2 + Math.floor(rnd() * 8);
    for (let k = 0; k < len; k++) w += String.fromCharCode(97 + Math.floor(rnd() * 26));
    vocab.push(w);
  }
  const sentence = (min, max) => {
    const len = min + Math.floor(rnd() * (max - min + 1));
    const out = [];
    for (let i = 0; i < len; i++) out.push(vocab[Math.floor(Math.pow(rnd(), 2) * vocab.length)]);
    return out.join(" ");
  };
  const fd = openSync(target, "w");
  const recent = [];
  let pending = "";
  for (let i = 0; i < n; i++) {
    let user, answer;
    const r = rnd();
    if (r < 0.01 && recent.length > 0) {
      [user, answer] = recent[Math.floor(rnd() * recent.length)];
    } else if (r < 0.02 && recent.length > 0) {
      const [u, a] = recent[Math.floor(rnd() * recent.length)];
      user = u;
      answer = a.replace(/\S+$/, vocab[Math.floor(rnd() * vocab.length)]);
    } else {
      user = sentence(8, 20) + "?";
      answer = sentence(10, 30) + ".";
    }
    if (recent.length < 1000) recent.push([user, answer]);
    else recent[Math.floor(rnd() * 1000)] = [user, answer];
    pending += JSON.stringify({ messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: user }, { role: "assistant", content: answer }] }) + "\n";
    if (pending.length > 1 << 20) { writeSync(fd, pending); pending = ""; }
  }
  writeSync(fd, pending);
  closeSync(fd);
}

function runChild(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const last = r.stderr.trim().split("\n").pop();
  let info;
  try { info = JSON.parse(last); } catch { throw new Error(`child ${args[0]} failed (exit ${r.status}):\n${r.stderr}\n${r.stdout.slice(-2000)}`); }
  return { wall, rssMiB: info.maxRssKiB / 1024, records: info.records, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; }

async function main() {
  if (!existsSync(path.join(dist, "cli.js"))) throw new Error("run `npm run build` first");
  const n = Number(process.env.BENCH_RECORDS ?? 1_000_000);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const dir = path.join(root, ".bench");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `split-${n}.jsonl`);
  if (!existsSync(file)) generate(file, n);
  const mb = statSync(file).size / 2 ** 20;
  const out = path.join(dir, "split-out");
  const cases = [
    ["read+parse floor (baseline)", ["--child-baseline", file]],
    ["ftdata split (default: leakage check, near-dup prompts ≤ 50k)", ["--child-split", file, "--out-dir", out, "--force"]],
    ["ftdata split --near-dup (all leakage checks)", ["--child-split", file, "--out-dir", out, "--force", "--near-dup"]],
    ["ftdata split --no-leakage", ["--child-split", file, "--out-dir", out, "--force", "--no-leakage"]],
    ["ftdata split --holdout-count 1000 --no-leakage", ["--child-split", file, "--out-dir", out, "--force", "--no-leakage", "--holdout-count", "1000"]],
    ["near-duplicate detection (validate, nearDup)", ["--child-neardup", file]],
    ["lint without near-dup (reference)", ["--child-lint", file]],
  ];
  const only = process.env.BENCH_ONLY; // run only the cases whose name contains one of these |-separated strings
  console.log(`${n.toLocaleString("en")} records, ${mb.toFixed(1)} MiB, Node ${process.version}, ${runs} runs each (median; min–max)`);
  const results = [];
  for (const [name, args] of cases) {
    if (only && !only.split("|").some((o) => name.includes(o))) continue;
    const walls = [];
    const rss = [];
    for (let i = 0; i < runs; i++) {
      const r = runChild(args);
      walls.push(r.wall);
      rss.push(r.rssMiB);
    }
    const w = median(walls);
    results.push({ name, w });
    console.log(
      `${name.padEnd(62)} ${(n / w / 1000).toFixed(1).padStart(7)}k rec/s  ${(mb / w).toFixed(1).padStart(6)} MiB/s  wall ${w.toFixed(2)} s (${Math.min(...walls).toFixed(2)}–${Math.max(...walls).toFixed(2)})  peak RSS ${median(rss).toFixed(0)} MiB (${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)})`,
    );
  }
  const base = results.find((r) => r.name.startsWith("read+parse"));
  if (base) for (const r of results) if (r !== base) console.log(`  ${r.name}: ${(r.w / base.w).toFixed(1)}x the baseline's time`);
  rmSync(out, { recursive: true, force: true });
}
