import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validate } from "../src/engine/validate.js";
import { formatStylish } from "../src/reporters/stylish.js";
import { formatGithub } from "../src/reporters/github.js";
import { writeSharegptParquet, type Row } from "./helpers/parquet.js";

/**
 * Parquet input, written at test time with hyparquet-writer in the layout Hugging Face datasets use
 * (a LIST of STRUCT column for the turns), from LLaMA-Factory's glaive_toolcall_en_demo.json
 * (test/fixtures/llamafactory, commit ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30, Apache-2.0).
 */
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "llamafactory");
const quiet = { rules: { "examples-min-count": "off", "examples-recommended-count": "off" }, datasetInfo: false } as const;

describe("Parquet input", () => {
  const rows = JSON.parse(readFileSync(path.join(fixtures, "glaive_toolcall_en_demo.json"), "utf8")) as Row[];

  it("reads every row over several row groups, with the same findings as the JSON copy, located by record and no line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-pq-"));
    const file = path.join(dir, "glaive.parquet");
    writeSharegptParquet(file, rows, 25);
    const [pq, json] = (await validate([file, path.join(fixtures, "glaive_toolcall_en_demo.json")], quiet)).files;
    expect(pq!.format).toBe("sharegpt");
    expect(pq!.records).toBe(60);
    const shape = (ds: import("../src/core/diagnostic.js").Diagnostic[]) => ds.map((d) => [d.ruleId, d.record, d.path]);
    expect(shape(pq!.diagnostics)).toEqual(shape(json!.diagnostics));
    expect(pq!.diagnostics.length).toBeGreaterThan(0);
    for (const d of pq!.diagnostics) {
      expect(d.line).toBeUndefined();
      for (const r of d.related ?? []) expect(r.line).toBeUndefined();
    }
  });

  it("a defect in a later row group is reported by row: stylish shows the row, GitHub annotates the file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-pq-"));
    const file = path.join(dir, "bad.parquet");
    const bad = rows.slice(0, 50).map((r) => ({ ...r, conversations: r.conversations.map((t) => ({ ...t })) }));
    const gpt = bad[40]!.conversations.find((t) => t.from === "gpt")!;
    gpt.value = "";
    writeSharegptParquet(file, bad, 16);
    const report = await validate(file, { ...quiet, rules: { ...quiet.rules, "example-duplicate": "off", "answer-repeated": "off" } });
    const d = report.files[0]!.diagnostics;
    expect(d.map((x) => [x.ruleId, x.record, x.line])).toEqual([["assistant-content-empty", 40, undefined]]);
    expect(formatStylish(report, { color: false })).toMatch(/row 41\s+error\s+Assistant/);
    expect(formatGithub(report)).toMatch(/::error file=[^,]*bad\.parquet,title=ftdata \(assistant-content-empty\)::.*\[row 41\]/);
  });

  it("messages name other rows as rows: a duplicate of row 3 says so", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-pq-"));
    const file = path.join(dir, "dup.parquet");
    const some = rows.slice(0, 20);
    writeSharegptParquet(file, [...some, some[2]!], 8);
    const report = await validate(file, quiet);
    const dup = report.files[0]!.diagnostics.find((x) => x.ruleId === "example-duplicate" && x.record === 20)!;
    expect([dup.record, dup.line, dup.message]).toEqual([20, undefined, "Duplicate of the example on row 3"]);
  });

  it("only the message's own words become rows: text quoted from the data keeps its \"line\"", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-pq-"));
    const file = path.join(dir, "loop.parquet");
    const some = rows.slice(0, 12).map((r) => ({ ...r, conversations: r.conversations.map((t) => ({ ...t })) }));
    some[5]!.conversations.find((t) => t.from === "gpt")!.value = "Stay in line. ".repeat(12);
    writeSharegptParquet(file, some, 8);
    const report = await validate(file, quiet);
    const loop = report.files[0]!.diagnostics.find((x) => x.ruleId === "assistant-content-repetitive")!;
    expect([loop.record, loop.message]).toEqual([5, 'Assistant answer repeats "Stay in line." 12 times in a row (100% of the answer)']);
  });

  it("a file that is not Parquet is a usage error, not a stack trace", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-pq-"));
    const file = path.join(dir, "broken.parquet");
    writeFileSync(file, "not parquet at all\n");
    await expect(validate(file, quiet)).rejects.toThrow(/broken\.parquet: not a readable Parquet file/);
  });
});
