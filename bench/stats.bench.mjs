#!/usr/bin/env node
// Benchmark of `ftdata stats` (token counting) against a single-threaded loop of the fastest exact
// tokenizer backend over the same strings, measured in the same run.
//
//   npm run build && node bench/stats.bench.mjs [--mb 16] [--runs 3]
//
// The corpus is generated deterministically from text shipped in node_modules (English READMEs,
// TypeScript's Chinese/Japanese/Korean/Russian/German messages, TypeScript's own source as code),
// with a pool of 8 repeated system prompts (70% of examples), some `<|endoftext|>` look-alikes and a
// few long whitespace runs. Every figure is the median of --runs processes (alternating A/B so that
// machine drift hits both); wall times are whole processes (start-up, tokenizer init, read, parse).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};

// ---------- child mode: one backend, a plain loop over the strings ----------
if (args[0] === "--child-loop") {
  const [, backend, file, sampleStr] = args;
  const sample = Number(sampleStr ?? 1);
  const t0 = performance.now();
  const strings = [];
  let records = 0;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    if (records++ % sample !== 0) continue;
    const { messages } = JSON.parse(line);
    for (const m of messages) strings.push(m.role, m.content);
  }
  const tParsed = performance.now();
  const { tokenCounter } = await import(join(root, "dist", "index.js"));
  const counter = tokenCounter({ model: "gpt-4o-mini", backend });
  counter.count("warm up");
  const tInit = performance.now();
  let tokens = 0;
  let bytes = 0;
  for (let i = 0; i < strings.length; i += 2) {
    // The chat formula: 3 per message + role + content (+ 3 reply priming per example, added below).
    tokens += 3 + counter.count(strings[i]) + counter.count(strings[i + 1]);
    bytes += Buffer.byteLength(strings[i + 1]);
  }
  const tEnd = performance.now();
  tokens += 3 * Math.ceil(records / sample);
  console.log(JSON.stringify({ backend, tokens, bytes, parseMs: tParsed - t0, initMs: tInit - tParsed, loopMs: tEnd - tInit, wallInProcessMs: tEnd - t0, rssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

// ---------- corpus ----------
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function sources() {
  const nm = join(root, "node_modules");
  const readmes = [];
  const walk = (d, depth) => {
    if (depth > 3) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.name === "README.md" && statSync(p).size > 2000) readmes.push(readFileSync(p, "utf8"));
    }
  };
  walk(nm, 0);
  const en = readmes.join("\n\n").split(/\n{2,}/).filter((p) => p.length > 40);
  const lib = join(nm, "typescript", "lib");
  const cjk = [];
  for (const lang of ["zh-cn", "zh-tw", "ja", "ko", "ru", "de"]) {
    const msgs = Object.values(JSON.parse(readFileSync(join(lib, lang, "diagnosticMessages.generated.json"), "utf8")));
    for (let i = 0; i < msgs.length; i += 12) cjk.push(msgs.slice(i, i + 12).join(" "));
  }
  const code = readFileSync(join(lib, "typescript.js"), "utf8").split(/\n\s*\n/).filter((c) => c.length > 80 && c.length < 6000);
  return { en, cjk, code };
}

function makeCorpus(file, mb) {
  const { en, cjk, code } = sources();
  const r = rng(42);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const para = () => {
    const x = r();
    if (x < 0.5) return pick(en);
    if (x < 0.75) return pick(cjk);
    return "```js\n" + pick(code) + "\n```";
  };
  const text = (n) => Array.from({ length: n }, para).join("\n\n");
  const systems = Array.from({ length: 8 }, (_, i) => `You are assistant #${i}. Follow these rules.\n\n` + text(2 + i));
  const lines = [];
  let size = 0;
  while (size < mb * 1024 * 1024) {
    const messages = [];
    if (r() < 0.7) messages.push({ role: "system", content: pick(systems) });
    const turns = r() < 0.15 ? 2 + Math.floor(r() * 3) : 1;
    for (let t = 0; t < turns; t++) {
      let user = text(1 + Math.floor(r() * 3));
      if (r() < 0.005) user += " <|endoftext|> " + user;
      if (r() < 0.003) user += " ".repeat(2000 + Math.floor(r() * 8000)) + "end";
      messages.push({ role: "user", content: user });
      messages.push({ role: "assistant", content: text(1 + Math.floor(r() * 2)) });
    }
    const line = JSON.stringify({ messages });
    lines.push(line);
    size += line.length + 1;
  }
  writeFileSync(file, lines.join("\n") + "\n");
}

// ---------- helpers ----------
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const hasTime = existsSync("/usr/bin/time");

/** Runs a node process; wall ms, CPU s (user + sys) and peak RSS (MiB) of the whole process. */
function runNode(nodeArgs) {
  const cmd = hasTime ? "/usr/bin/time" : process.execPath;
  const argv = hasTime ? ["-f", "%U %S %M", process.execPath, ...nodeArgs] : nodeArgs;
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: "1" } });
  const wallMs = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`failed: node ${nodeArgs.join(" ")}\n${r.stderr}`);
  const [user, sys, rss] = hasTime ? r.stderr.trim().split("\n").at(-1).split(" ").map(Number) : [NaN, NaN, NaN];
  return { wallMs, cpuS: user + sys, rssMB: rss / 1024, stdout: r.stdout };
}

// ---------- main ----------
if (!existsSync(join(root, "dist", "cli.js"))) {
  console.error("run `npm run build` first");
  process.exit(2);
}
const mb = Number(opt("--mb", "16"));
const runs = Number(opt("--runs", "3"));
const dir = join(tmpdir(), "ftdata-bench");
mkdirSync(dir, { recursive: true });
const file = join(dir, `stats-corpus-${mb}.jsonl`);
if (!existsSync(file)) makeCorpus(file, mb);
const fileMB = statSync(file).size / 1024 / 1024;

console.log(`ftdata stats benchmark — ${file} (${fileMB.toFixed(1)} MiB), o200k_base, medians of ${runs} runs`);
const os = await import("node:os");
console.log(`node ${process.version}, ${os.availableParallelism()} cores, load average at start ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
console.log("(wall times need an idle machine; CPU seconds are user + sys of the whole process)\n");

// 1. Backends: a plain single-threaded loop over the same strings (js-tiktoken on 1/8 of the records: it is slow).
const loops = { js: [], tiktoken: [] };
const jsTiktoken = [];
for (let i = 0; i < runs; i++) {
  for (const b of ["js", "tiktoken"]) {
    const r = runNode([fileURLToPath(import.meta.url), "--child-loop", b, file]);
    loops[b].push({ ...JSON.parse(r.stdout), wallMs: r.wallMs, cpuS: r.cpuS, peakMB: r.rssMB });
  }
}
{
  const r = runNode([fileURLToPath(import.meta.url), "--child-loop", "js-tiktoken", file, "8"]);
  jsTiktoken.push({ ...JSON.parse(r.stdout), wallMs: r.wallMs, peakMB: r.rssMB });
  const ref = runNode([fileURLToPath(import.meta.url), "--child-loop", "tiktoken", file, "8"]);
  jsTiktoken.push({ ...JSON.parse(ref.stdout), wallMs: ref.wallMs, peakMB: ref.rssMB });
}

const summary = (rows) => {
  const loopMs = median(rows.map((r) => r.loopMs));
  const bytes = rows[0].bytes;
  return { tokens: rows[0].tokens, loopMs, initMs: median(rows.map((r) => r.initMs)), wallMs: median(rows.map((r) => r.wallMs)), cpuS: median(rows.map((r) => r.cpuS)), peakMB: median(rows.map((r) => r.peakMB)), mbps: bytes / 1048576 / (loopMs / 1000), ktps: rows[0].tokens / (loopMs / 1000) / 1000 };
};
const S = { js: summary(loops.js), tiktoken: summary(loops.tiktoken) };
const fastest = S.js.mbps >= S.tiktoken.mbps ? "js" : "tiktoken";
const line = (name, s, extra = "") =>
  `  ${name.padEnd(28)} ${s.mbps.toFixed(2).padStart(7)} MB/s ${s.ktps.toFixed(0).padStart(7)} ktok/s  loop ${(s.loopMs / 1000).toFixed(2).padStart(6)} s  init ${(s.initMs / 1000).toFixed(2)} s  process ${(s.wallMs / 1000).toFixed(2).padStart(6)} s (${s.cpuS.toFixed(2)} s CPU)  peak ${s.peakMB.toFixed(0).padStart(4)} MiB  tokens ${s.tokens}${extra}`;
console.log("Single-threaded loop over the message strings (MB/s of message text, loop only):");
console.log(line("js (ftdata BPE, default)", S.js));
console.log(line("tiktoken (WASM)", S.tiktoken));
const jt = jsTiktoken[0];
const jtRef = jsTiktoken[1];
console.log(
  `  ${"js-tiktoken (1/8 sample)".padEnd(28)} ${(jt.bytes / 1048576 / (jt.loopMs / 1000)).toFixed(2).padStart(7)} MB/s ${(jt.tokens / (jt.loopMs / 1000) / 1000).toFixed(0).padStart(7)} ktok/s  loop ${(jt.loopMs / 1000).toFixed(2).padStart(6)} s  init ${(jt.initMs / 1000).toFixed(2)} s  tokens ${jt.tokens} (tiktoken on the same sample: ${jtRef.tokens}, ${jt.tokens === jtRef.tokens ? "identical" : "DIFFERENT"})`,
);
console.log(`  totals identical: ${S.js.tokens === S.tiktoken.tokens ? "yes" : "NO"}; fastest exact backend: ${fastest}\n`);

// 2. ftdata stats, whole process: inline, with 1 and with 2 worker threads.
const statsConfigs = [["inline", "0", "--workers 0"], ["one", "1", "--workers 1"], ["workers", "2", "--workers 2"]];
const statsRuns = { inline: [], one: [], workers: [] };
// The fastest backend's loop runs again in every round, next to the stats runs, so each ratio is
// taken within one round (machine drift between rounds cancels) and the median of those is shown.
const pairedLoops = [];
let statsTotal;
const statsTotals = new Set();
for (let i = 0; i < runs; i++) {
  const l = runNode([fileURLToPath(import.meta.url), "--child-loop", fastest, file]);
  pairedLoops.push({ ...JSON.parse(l.stdout), wallMs: l.wallMs });
  for (const [k, w] of statsConfigs) {
    const r = runNode([join(root, "dist", "cli.js"), "stats", file, "--reporter", "json", "--workers", w]);
    const report = JSON.parse(r.stdout);
    statsTotal = report.files[0].stats.totalTokens.sum;
    statsTotals.add(statsTotal);
    statsRuns[k].push(r);
  }
}
const base = S[fastest];
const textMB = loops.js[0].bytes / 1048576;
console.log("ftdata stats (whole process: start-up, tokenizer init, read, parse, validate, count, report):");
for (const [k, , label] of statsConfigs) {
  const wall = median(statsRuns[k].map((r) => r.wallMs));
  const peak = median(statsRuns[k].map((r) => r.rssMB));
  const cpuS = median(statsRuns[k].map((r) => r.cpuS));
  console.log(
    `  ${label.padEnd(28)} ${(textMB / (wall / 1000)).toFixed(2).padStart(7)} MB/s ${(statsTotal / (wall / 1000) / 1000).toFixed(0).padStart(7)} ktok/s  ${(fileMB / (wall / 1000)).toFixed(2)} MB/s of file  wall ${(wall / 1000).toFixed(2)} s (${cpuS.toFixed(2)} s CPU)  peak ${peak.toFixed(0)} MiB  ` +
      `vs ${fastest} loop (same round): ×${median(statsRuns[k].map((r, i) => pairedLoops[i].loopMs / r.wallMs)).toFixed(2)} (loop only), ×${median(statsRuns[k].map((r, i) => pairedLoops[i].wallMs / r.wallMs)).toFixed(2)} (loop process)`,
  );
}
console.log(`  ${fastest} loop in the same rounds: loop ${(median(pairedLoops.map((l) => l.loopMs)) / 1000).toFixed(2)} s, process ${(median(pairedLoops.map((l) => l.wallMs)) / 1000).toFixed(2)} s (medians)`);
console.log(`  totals: stats ${[...statsTotals].join(", ")} (every run) vs loop ${base.tokens}: ${statsTotals.size === 1 && statsTotal === base.tokens ? "identical" : "DIFFERENT"}`);
console.log(`  load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}\n`);

// 3. Pathological strings: one call each.
const { tokenCounter } = await import(join(root, "dist", "index.js"));
const r = rng(9);
const patho = [
  ["100k spaces", " ".repeat(100_000)],
  ["100k Han characters", Array.from({ length: 100_000 }, () => String.fromCharCode(0x4e00 + Math.floor(r() * 20000))).join("")],
  ["100k letters a-z", Array.from({ length: 100_000 }, () => String.fromCharCode(97 + Math.floor(r() * 26))).join("")],
];
console.log("Pathological strings (one count() call; the WASM build alone is quadratic):");
for (const [name, s] of patho) {
  const cells = [];
  for (const b of ["js", "tiktoken", "js-tiktoken"]) {
    const c = tokenCounter({ model: "gpt-4o-mini", backend: b });
    c.count("warm");
    const t0 = performance.now();
    const n = c.count(s);
    cells.push(`${b} ${(performance.now() - t0).toFixed(0)} ms (${n})`);
  }
  const { get_encoding } = require("tiktoken");
  const enc = get_encoding("o200k_base");
  const cut = s.slice(0, 16_000);
  const t0 = performance.now();
  enc.encode_ordinary(cut);
  cells.push(`raw WASM on the first 16k chars ${(performance.now() - t0).toFixed(0)} ms`);
  enc.free();
  console.log(`  ${name.padEnd(22)} ${cells.join(" | ")}`);
}
