import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { countFileLines } from "../src/engine/line-count.js";
import { validate } from "../src/engine/validate.js";
import { rules } from "../src/validators/index.js";
import type { RulesConfig } from "../src/core/config.js";
import type { Diagnostic } from "../src/core/diagnostic.js";

/** Only the rules under test (Spectral style). */
function only(...ids: string[]): RulesConfig {
  const c: RulesConfig = {};
  for (const r of rules) if (!ids.includes(r.meta.id)) c[r.meta.id] = "off";
  return c;
}

const line = (user: string, answer: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ messages: [{ role: "user", content: user }, { role: "assistant", content: answer }], ...extra });

async function run(lines: string[], ids: string[], opts: Parameters<typeof validate>[1] = {}) {
  const report = await validate(lines.values(), { rules: only(...ids), ...opts });
  return report.files[0]!;
}

const pick = (ds: Diagnostic[]) => ds.map((d) => ({ ruleId: d.ruleId, line: d.line, severity: d.severity }));

describe("example-duplicate", () => {
  it("reports a repeat that differs only in metadata or whitespace, pointing at the first line", async () => {
    const f = await run([line("Hi", "Hello"), line("Other", "x"), line("Hi ", "Hello", { id: 3 }), line("hi", "Hello")], ["example-duplicate"]);
    expect(pick(f.diagnostics)).toEqual([{ ruleId: "example-duplicate", line: 3, severity: "warning" }]);
    expect(f.diagnostics[0]!.related).toEqual([{ file: "<input>", line: 1, message: "first occurrence" }]);
    expect(f.clusters).toEqual([{ ruleId: "example-duplicate", kind: "duplicate", lines: [1, 3] }]);
  });
  it("reports nothing on distinct examples", async () => {
    const f = await run([line("a", "b"), line("a", "c")], ["example-duplicate"]);
    expect(f.diagnostics).toEqual([]);
    expect(f.clusters).toBeUndefined();
  });
});

describe("prompt-answer-conflict", () => {
  it("lists every line of a prompt trained towards different answers", async () => {
    const f = await run([line("Capital of France?", "Paris"), line("x", "y"), line("capital of france", "Paris"), line("Capital of France?!", "Lyon")], ["prompt-answer-conflict"]);
    expect(pick(f.diagnostics)).toEqual([{ ruleId: "prompt-answer-conflict", line: 1, severity: "warning" }]);
    expect(f.diagnostics[0]!.message).toBe("Conflicting answers: the same prompt has 2 different answers on lines 1, 3, 4");
    expect(f.diagnostics[0]!.related!.map((r) => r.line)).toEqual([3, 4]);
    expect(f.clusters).toEqual([{ ruleId: "prompt-answer-conflict", kind: "conflict", lines: [1, 3, 4] }]);
  });
  it("is silent when repeats share the answer", async () => {
    const f = await run([line("q", "a"), line("q", "a")], ["prompt-answer-conflict"]);
    expect(f.diagnostics).toEqual([]);
  });
});

describe("answer-repeated", () => {
  it("reports one answer given to many different prompts", async () => {
    const lines = [...Array.from({ length: 6 }, (_, i) => line(`question ${"abcdef"[i]}`, "I don't know.")), line("other", "fine")];
    const f = await run(lines, ["answer-repeated"]);
    expect(pick(f.diagnostics)).toEqual([{ ruleId: "answer-repeated", line: 1, severity: "info" }]);
    expect(f.diagnostics[0]!.data).toMatchObject({ prompts: 6, count: 6 });
  });
  it("needs at least minCount different prompts", async () => {
    const lines = Array.from({ length: 4 }, (_, i) => line(`question ${"abcd"[i]}`, "same"));
    expect((await run(lines, ["answer-repeated"])).diagnostics).toEqual([]);
  });
});

describe("example-near-duplicate", () => {
  const story = "the quick brown fox jumps over the lazy dog while the sun sets slowly behind the distant mountains and the river flows through the green valley towards the sea where the old ships sail away into the night";
  it("clusters examples that differ by a few words and leaves exact duplicates to example-duplicate", async () => {
    const f = await run(
      [line("Tell me a story", story), line("unrelated", "something else entirely"), line("Tell me a story", story.replace("night", "dark night")), line("Tell me a story", story)],
      ["example-near-duplicate"],
    );
    expect(pick(f.diagnostics)).toEqual([{ ruleId: "example-near-duplicate", line: 3, severity: "info" }]);
    expect(f.clusters).toEqual([expect.objectContaining({ ruleId: "example-near-duplicate", kind: "near-duplicate", lines: [1, 3, 4] })]);
  });
  it("says it skipped above maxRecords, and runs anyway with nearDup: true", async () => {
    const lines = [line("Tell me a story", story), line("Tell me a story", story.replace("night", "dark night")), line("a", "b")];
    const cfg = only("example-near-duplicate");
    cfg["example-near-duplicate"] = ["info", { maxRecords: 2 }];
    const skipped = (await validate(lines.values(), { rules: cfg })).files[0]!;
    expect(skipped.diagnostics.map((d) => d.message)).toEqual(["Near-duplicate detection skipped: more than 2 records (run with --near-dup to include it)"]);
    const forced = (await validate(lines.values(), { rules: cfg, nearDup: true })).files[0]!;
    expect(pick(forced.diagnostics)).toEqual([{ ruleId: "example-near-duplicate", line: 2, severity: "info" }]);
    const off = (await validate(lines.values(), { nearDup: false })).files[0]!;
    expect(off.diagnostics.some((d) => d.ruleId === "example-near-duplicate")).toBe(false);
  });
});

describe("example-near-duplicate on a file over its cap", () => {
  // 400 lines, the first two near duplicates; maxRecords 300: the size at record 200 says "maybe over".
  const dir = mkdtempSync(path.join(tmpdir(), "ftdata-near-cap-"));
  const story = "the quick brown fox jumps over the lazy dog while the sun sets slowly behind the distant mountains and the river flows through the green valley towards the sea where the old ships sail away into the night";
  const rows = (n: number) => [line("Tell me a story", story), line("Tell me a story", story.replace("night", "dark night")), ...Array.from({ length: n - 2 }, (_, i) => line(`question ${i}`, `answer ${i}`))];
  const capped = (max: number): RulesConfig => ({ ...only("example-near-duplicate"), "example-near-duplicate": ["info", { maxRecords: max }] });
  it("skips a file with more lines than the cap at the 200th record, and says how many lines", async () => {
    const file = path.join(dir, "over.jsonl");
    writeFileSync(file, rows(400).join("\n") + "\n");
    const f = (await validate(file, { rules: capped(300) })).files[0]!;
    expect(f.diagnostics.map((d) => d.message)).toEqual(["Near-duplicate detection skipped: 400 lines, more than 300 (run with --near-dup to include it)"]);
  });
  it("runs on a file whose lines fit the cap, and on one read from a stream (no line count) up to the cap", async () => {
    const file = path.join(dir, "fits.jsonl");
    writeFileSync(file, rows(300).join("\n")); // no final newline: the last line still counts
    const f = (await validate(file, { rules: capped(300) })).files[0]!;
    expect(pick(f.diagnostics)).toContainEqual({ ruleId: "example-near-duplicate", line: 2, severity: "info" });
    expect(f.diagnostics.some((d) => d.message.includes("skipped"))).toBe(false);
    const streamed = (await validate(rows(400).values(), { rules: capped(300) })).files[0]!;
    expect(streamed.diagnostics.map((d) => d.message)).toEqual(["Near-duplicate detection skipped: more than 300 records (run with --near-dup to include it)"]);
  });
  it("counts a plain file's lines, and none for a gzipped or missing one", () => {
    const plain = path.join(dir, "count.jsonl");
    writeFileSync(plain, "a\n\nb\nc");
    expect(countFileLines(plain)).toBe(4);
    writeFileSync(plain, "a\n".repeat(3_000_000));
    expect(countFileLines(plain)).toBe(3_000_000);
    const gz = path.join(dir, "count.jsonl.gz");
    writeFileSync(gz, gzipSync("a\nb\n"));
    expect(countFileLines(gz)).toBeUndefined();
    expect(countFileLines(path.join(dir, "missing.jsonl"))).toBeUndefined();
  });
});

describe("leakage against a holdout file", () => {
  it("reports the same example (error), the same prompt and a near-duplicate prompt (warnings) with the holdout line", async () => {
    const long = "please explain in detail how the water cycle works including evaporation condensation precipitation and collection in lakes rivers and oceans around the world today";
    const holdout = [line("Capital of France?", "Paris"), line("What is 2+2?", "4"), line(long, "answer"), line("fresh", "q")];
    const train = [line("Capital of France?", "Paris"), line("what is 2+2", "four"), line(long.replace("today", "now"), "other"), line("new", "x")];
    const report = await validate(train.values(), { holdout: holdout.values(), holdoutName: "valid.jsonl", rules: only("holdout-example-duplicate", "holdout-prompt-duplicate", "holdout-prompt-near-duplicate") });
    const f = report.files[0]!;
    expect(pick(f.diagnostics)).toEqual([
      { ruleId: "holdout-example-duplicate", line: 1, severity: "error" },
      { ruleId: "holdout-prompt-duplicate", line: 2, severity: "warning" },
      { ruleId: "holdout-prompt-near-duplicate", line: 3, severity: "warning" },
    ]);
    expect(f.diagnostics.map((d) => d.related![0]!.line)).toEqual([1, 2, 3]);
    expect(f.diagnostics[0]!.related![0]!.file).toBe("valid.jsonl");
    expect(report.files.map((x) => x.file)).toEqual(["<input>", "valid.jsonl"]);
  });
  it("caps the near-duplicate prompt check like near-duplicate detection, and says so", async () => {
    const long = "please explain in detail how the water cycle works including evaporation condensation precipitation and collection in lakes rivers and oceans";
    const cfg = only("holdout-prompt-near-duplicate");
    cfg["holdout-prompt-near-duplicate"] = ["warning", { maxRecords: 1 }];
    const train = [line("first", "x"), line(long + " now", "y")];
    const capped = (await validate(train.values(), { holdout: [line(long, "z")].values(), rules: cfg })).files[0]!;
    expect(capped.diagnostics.map((d) => [d.line, d.message])).toEqual([[undefined, "Near-duplicate prompt check against the holdout skipped past 1 records (run with --near-dup to include it)"]]);
    const full = (await validate(train.values(), { holdout: [line(long, "z")].values(), rules: cfg, nearDup: true })).files[0]!;
    expect(full.diagnostics.map((d) => d.line)).toEqual([2]);
  });
  it("does not apply the minimum-count rules to the holdout file", async () => {
    const report = await validate([line("a", "b")].values(), { holdout: [line("c", "d")].values() });
    expect(report.files[1]!.diagnostics.filter((d) => d.ruleId.startsWith("examples-"))).toEqual([]);
  });
});
