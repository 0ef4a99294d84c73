// Throughput and peak RSS of validate() on preference (DPO) and RFT files, beside a chat file of the
// same rows as the baseline, measured in the same run. Each measurement runs in a fresh child process
// (so peak RSS is its own); medians of RUNS runs. Usage: npm run build && node bench/preference.bench.mjs [rows]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROWS = Number(process.argv[2] ?? 50_000);
const RUNS = 3;
const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));

if (process.argv[2] === "--child") {
  const [, , , file, grader] = process.argv;
  const { validate } = await import(dist);
  const t0 = process.hrtime.bigint();
  const report = await validate(file, grader ? { grader } : {});
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rss: process.resourceUsage().maxRSS * 1024, records: report.files[0].records, errors: report.errorCount }));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "ftdata-bench-pref-"));
const words = "the of and to in is that it for on with as was at by an be this from or have not are".split(" ");
const text = (i, n) => Array.from({ length: n }, (_, k) => words[(i * 7 + k * 13) % words.length]).join(" ");
const lines = { chat: [], dpo: [], rft: [] };
for (let i = 0; i < ROWS; i++) {
  const q = `Question ${i}: ${text(i, 20)}?`;
  const good = `Answer ${i}: ${text(i + 1, 40)}.`;
  const bad = `Wrong ${i}: ${text(i + 2, 38)}.`;
  lines.chat.push(JSON.stringify({ messages: [{ role: "user", content: q }, { role: "assistant", content: good }] }));
  lines.dpo.push(JSON.stringify({ input: { messages: [{ role: "user", content: q }] }, preferred_output: [{ role: "assistant", content: good }], non_preferred_output: [{ role: "assistant", content: bad }] }));
  lines.rft.push(JSON.stringify({ messages: [{ role: "user", content: q }], reference_answer: good, meta: { id: i } }));
}
const files = {};
for (const [k, v] of Object.entries(lines)) writeFileSync((files[k] = join(dir, `${k}.jsonl`)), v.join("\n") + "\n");
const grader = join(dir, "grader.json");
writeFileSync(grader, JSON.stringify({ type: "multi", graders: { a: { type: "string_check", name: "a", input: "{{sample.output_text}}", reference: "{{item.reference_answer}}", operation: "eq" }, b: { type: "string_check", name: "b", input: "{{sample.output_text}}", reference: "{{item.meta.id}}", operation: "like" } }, calculate_output: "a + b" }));

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const cases = [
  ["chat (baseline)", files.chat],
  ["openai-dpo", files.dpo],
  ["openai-rft", files.rft],
  ["openai-rft --grader", files.rft, grader],
];
console.log(`rows: ${ROWS}, runs: ${RUNS} (median), node ${process.version}`);
console.log("case".padEnd(22), "MB".padStart(7), "rows/s".padStart(10), "MB/s".padStart(7), "peak RSS MB".padStart(12));
for (const [name, file, g] of cases) {
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", file, ...(g ? [g] : [])], { encoding: "utf8" });
    if (out.status !== 0) throw new Error(out.stderr);
    runs.push(JSON.parse(out.stdout));
  }
  const ms = median(runs.map((x) => x.ms));
  const rss = median(runs.map((x) => x.rss));
  const mb = statSync(file).size / 1e6;
  console.log(name.padEnd(22), mb.toFixed(1).padStart(7), Math.round(ROWS / (ms / 1000)).toLocaleString("en").padStart(10), (mb / (ms / 1000)).toFixed(1).padStart(7), (rss / 1e6).toFixed(0).padStart(12));
}
rmSync(dir, { recursive: true, force: true });
