// Shared helpers for the benchmark scripts: a seeded PRNG, whole-process runs with peak RSS, medians.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const cli = path.join(root, "dist", "cli.js");
export const scratch = path.join(root, ".bench");

/** sfc32: small, fast, seeded; the same seed always gives the same data. */
export function prng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

const probe = path.join(root, "bench", "rss-probe.cjs");

/**
 * Runs a command as its own process and returns wall seconds, peak RSS in MiB and CPU seconds (every
 * thread; read from the child's own process.resourceUsage() at exit, through a preload).
 */
export function runProcess(args, { env = {}, stdout = "ignore" } = {}) {
  const rssFile = path.join(tmpdir(), `ftdata-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", probe, ...args], {
    stdio: ["ignore", stdout, "pipe"],
    env: { ...process.env, ...env, FTDATA_BENCH_RSS_FILE: rssFile, NO_COLOR: "1" },
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let rssMiB = NaN;
  let cpuSeconds = NaN;
  try {
    const [rss, cpu] = readFileSync(rssFile, "utf8").split(" ");
    rssMiB = Number(rss) / 1024;
    cpuSeconds = Number(cpu) / 1e6;
    rmSync(rssFile);
  } catch {}
  return { seconds, rssMiB, cpuSeconds, status: r.status, stderr: r.stderr?.toString() ?? "" };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function fileMiB(file) {
  return statSync(file).size / 1048576;
}

/** Prints rows as an aligned table. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  "));
}
