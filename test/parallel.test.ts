// The parallel lint (src/engine/parallel.ts) gives the report of the single-thread pass: every
// example file, the JSONL fixtures, a generated corpus, and a file made to cross every merge path
// (duplicates and conflicts across shards, grouped floods, limits, bad lines, mixed formats).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
type Lib = typeof import("../src/index.js");
let lib: Lib;
beforeAll(async () => {
  lib = (await import(path.join(ROOT, "dist", "index.js"))) as Lib;
});

function jsonlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...jsonlFiles(p));
    else if (e.name.endsWith(".jsonl")) out.push(p);
  }
  return out.sort();
}

/** The single-thread report and the sharded ones for each thread count. */
async function sameReports(file: string, threads: number[], options: Parameters<Lib["validate"]>[1] = {}): Promise<void> {
  const one = await lib.validate(file, { ...options, offThread: false });
  for (const n of threads) {
    const sharded = await lib.validate(file, { ...options, offThread: true, threads: n });
    expect(sharded, `${path.relative(ROOT, file)} in ${n} shards`).toEqual(one);
  }
}

const chat = (u: string, a: string) => JSON.stringify({ messages: [{ role: "user", content: u }, { role: "assistant", content: a }] });

/** Rows that exercise every way findings and keys cross shard boundaries. */
function mergeCorpus(): string {
  const rows: string[] = [];
  for (let i = 0; i < 3000; i++) {
    if (i % 97 === 0) rows.push(chat(`question ${i % 5}`, "same answer everywhere")); // answer-repeated across shards
    else if (i % 89 === 0) rows.push(chat("What is the capital?", `answer ${i}`)); // prompt-answer-conflict across shards
    else if (i % 83 === 0) rows.push(chat("dup prompt", "dup answer")); // example-duplicate across shards
    else if (i % 211 === 0) rows.push("{not json");
    else if (i % 53 === 0) rows.push(chat(`q ${i}`, "")); // a per-record finding in every shard, not grouped
    else if (i % 151 === 0) rows.push(chat(`my key is sk-proj-${"Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1eF3hJ5kL7n"}${i}`, `a ${i}`));
    else if (i % 307 === 0) rows.push("");
    else if (i % 401 === 0) rows.push(JSON.stringify({ prompt: "p", completion: "c" })); // another format
    else if (i % 173 === 0) rows.push(JSON.stringify({ messages: [{ role: "user", content: 5 }, { role: "assistant", content: "x" }] })); // wrong type
    else if (i % 3 === 0) rows.push(JSON.stringify({ messages: [{ role: "user", content: `q ${i}`, lang: "en" }, { role: "assistant", content: `a ${i}` }] })); // an unknown key on many rows: one grouped finding
    else rows.push(chat(`q ${i}`, `a ${i}`));
  }
  return "\uFEFF" + rows.join("\r\n") + "\n";
}

describe("parallel lint", () => {
  it("gives the single-thread report on every example file and JSONL fixture, in 2 and 3 shards", async () => {
    const files = [...jsonlFiles(path.join(ROOT, "examples")), ...jsonlFiles(path.join(ROOT, "test", "fixtures"))];
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) await sameReports(f, [2, 3]);
  }, 120_000);

  it("merges findings, groups, limits, keys and other-format rows across shards exactly", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-par-"));
    const file = path.join(dir, "merge.jsonl");
    writeFileSync(file, mergeCorpus());
    await sameReports(file, [1, 2, 4, 7]);
    // Shards of ~20 kB dealt to the threads in turn, batches of a few keys: each thread reads many
    // shards, hands over many batches, and waits when the calling thread holds too many of them.
    process.env.FTDATA_SHARD_BATCH_WORDS = "64";
    process.env.FTDATA_SHARD_BYTES = "20000";
    try {
      await sameReports(file, [2, 3]);
      await sameReports(file, [2], { maxDiagnosticsPerRule: 3 });
    } finally {
      delete process.env.FTDATA_SHARD_BATCH_WORDS;
      delete process.env.FTDATA_SHARD_BYTES;
    }
    await sameReports(file, [2, 5], { maxDiagnosticsPerRule: 3, maxClusterLines: 2 });
    await sameReports(file, [3], { allOccurrences: true, nearDup: true });
    // The shards ran: a worker posts progress at most every 100 ms; the calling thread reports every line.
    let calls = 0;
    const report = await lib.validate(file, { offThread: true, threads: 4, onProgress: () => void calls++ });
    expect(calls).toBeLessThan(50);
    const ids = new Set(report.files[0]!.diagnostics.map((d) => d.ruleId));
    for (const id of ["example-duplicate", "prompt-answer-conflict", "answer-repeated", "json-invalid", "line-blank", "format-mixed", "bom-present", "message-key-unknown", "assistant-content-empty", "secret-api-key"]) expect(ids, id).toContain(id);
  }, 120_000);

  it("gives the single-thread report on a generated corpus of short chat rows", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-par-"));
    const file = path.join(dir, "short.jsonl");
    execFileSync(process.execPath, [path.join(ROOT, "bench", "gen-tg-valid.mjs"), file, "2", "short"], { stdio: "ignore" });
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
    await sameReports(file, [2, 3], { nearDup: true });
  }, 120_000);

  it("counts tokens in the shards: the same token findings and stats as one thread", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-par-"));
    const file = path.join(dir, "tokens.jsonl");
    const rows = Array.from({ length: 600 }, (_, i) =>
      JSON.stringify({ messages: [{ role: "system", content: "你是一个乐于助人的助手。" }, { role: "user", content: `问题 ${i} `.repeat(1 + (i % 7)) }, { role: "assistant", content: (i % 150 === 0 ? "很长的回答。" : "回答。").repeat(i % 150 === 0 ? 400 : 1 + (i % 5)) }] }),
    );
    writeFileSync(file, rows.join("\n") + "\n");
    await sameReports(file, [2, 3], { model: "gpt-4o-mini", stats: true, tokenLimit: 1000 });
    const report = await lib.validate(file, { offThread: true, threads: 3, model: "gpt-4o-mini", stats: true, tokenLimit: 1000 });
    expect(report.files[0]!.stats?.examples).toBe(600);
    const ids = report.files[0]!.diagnostics.map((d) => d.ruleId);
    expect(ids).toContain("example-tokens-over-limit");
    expect(ids).toContain("example-tokens-outlier");
  }, 120_000);

  it("a shard out of memory: the file is linted again on one thread, same report", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-par-"));
    const file = path.join(dir, "merge.jsonl");
    writeFileSync(file, mergeCorpus());
    // Workers with a 1 MiB old generation cannot even load their code.
    process.env.FTDATA_SHARD_OLD_MB = "1";
    try {
      await sameReports(file, [2]);
    } finally {
      delete process.env.FTDATA_SHARD_OLD_MB;
    }
  });

  it("runs a file whose rules need one thread (a preference contradiction) on one thread, same report", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-par-"));
    const file = path.join(dir, "dpo.jsonl");
    const row = (chosen: string, rejected: string) => JSON.stringify({ input: { messages: [{ role: "user", content: "pick" }] }, preferred_output: [{ role: "assistant", content: chosen }], non_preferred_output: [{ role: "assistant", content: rejected }] });
    writeFileSync(file, [row("a", "b"), ...Array.from({ length: 20 }, (_, i) => row(`x${i}`, `y${i}`)), row("b", "a")].join("\n") + "\n");
    const report = await lib.validate(file, { offThread: true, threads: 2 });
    expect(report.files[0]!.diagnostics.find((d) => d.ruleId === "preference-contradiction")?.line).toBe(22);
    await sameReports(file, [2]);
  });
});
