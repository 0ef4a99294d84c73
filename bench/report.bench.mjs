// Cost of the HTML report over plain validation, on a generated dataset with problems on many lines.
// Baseline: validate() alone (what `ftdata lint` does). Subject: validate() + collectSamples() (a second,
// partial read of the file) + formatHtml(). Each run is a fresh process so peak RSS is its own.
// Usage: npm run build && node bench/report.bench.mjs [lines=100000] [runs=3]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const lines = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 3);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist/index.js");
const dir = mkdtempSync(path.join(tmpdir(), "ftdata-report-bench-"));
const file = path.join(dir, "data.jsonl");

// About 1 problem in 20 lines: empty answers, duplicates, invalid JSON, unknown keys.
const out = [];
const sys = { role: "system", content: "You are a helpful assistant for an online shop. Answer briefly." };
for (let i = 0; i < lines; i++) {
  if (i % 1000 === 999) out.push(`{"messages": [{"role": "user", "content": "broken ${i}"}`);
  else if (i % 50 === 7) out.push(out[0]);
  else if (i % 50 === 13) out.push(JSON.stringify({ messages: [sys, { role: "user", content: `Question ${i}?` }, { role: "assistant", content: "" }] }));
  else if (i % 50 === 29) out.push(JSON.stringify({ messages: [sys, { role: "user", content: `Question ${i}?` }, { role: "assistant", content: `Answer ${i}.` }], meta: { i } }));
  else out.push(JSON.stringify({ messages: [sys, { role: "user", content: `Question number ${i} about order ${i * 7}?` }, { role: "assistant", content: `Here is the answer to question ${i}. `.repeat(1 + (i % 9)) }] }));
}
writeFileSync(file, out.join("\n") + "\n");
const mb = statSync(file).size / 1e6;

const child = (withReport) => `
  const { validate, collectSamples, formatHtml } = await import(${JSON.stringify(dist)});
  const t = performance.now();
  const report = await validate(${JSON.stringify(file)});
  let html = "";
  if (${withReport}) html = formatHtml(report, await collectSamples(report));
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms, rssMiB: process.resourceUsage().maxRSS / 1024, diagnostics: report.files[0].diagnostics.length, htmlKiB: Buffer.byteLength(html) / 1024 }));
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const once = (withReport) => JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", child(withReport)], { encoding: "utf8" }));
function summary(results) {
  return { ms: median(results.map((r) => r.ms)), rss: median(results.map((r) => r.rssMiB)), diagnostics: results[0].diagnostics, htmlKiB: results[0].htmlKiB };
}

try {
  // Interleaved, so both see the same machine load (this machine is shared).
  const baseRuns = [];
  const subjectRuns = [];
  for (let r = 0; r < runs; r++) {
    baseRuns.push(once(false));
    subjectRuns.push(once(true));
  }
  const base = summary(baseRuns);
  const subject = summary(subjectRuns);
  console.log(`report bench: ${lines.toLocaleString("en-US")} lines, ${mb.toFixed(1)} MB, ${base.diagnostics.toLocaleString("en-US")} diagnostics, median of ${runs} runs`);
  const row = (name, m) =>
    `  ${name.padEnd(38)} ${(mb / (m.ms / 1000)).toFixed(1).padStart(7)} MB/s  ${m.ms.toFixed(0).padStart(7)} ms  peak RSS ${m.rss.toFixed(0).padStart(5)} MiB`;
  console.log(row("validate (baseline, = lint)", base));
  console.log(row("validate + collectSamples + formatHtml", subject));
  console.log(`  report overhead: ${(((subject.ms - base.ms) / base.ms) * 100).toFixed(1)} % time, ${(subject.rss - base.rss).toFixed(0)} MiB RSS; page ${subject.htmlKiB.toFixed(0)} KiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
