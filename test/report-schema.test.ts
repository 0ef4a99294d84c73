import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { split, validate } from "../src/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schema = JSON.parse(readFileSync(path.join(root, "schemas", "report.schema.json"), "utf8"));
const check = new Ajv({ allErrors: true, strict: false }).compile(schema);
const valid = (report: unknown) => (check(report) ? [] : check.errors);

const dir = mkdtempSync(path.join(tmpdir(), "ftdata-schema-"));
const rec = (q: string, a: string) => JSON.stringify({ messages: [{ role: "user", content: q }, { role: "assistant", content: a }] });
const lines = Array.from({ length: 40 }, (_, i) => rec(`Question ${i} about ${(i * 2654435761) % 1000003}`, `Answer ${i}`));
lines.push(lines[0]!, rec("Question 0 about 0", "another answer"));
writeFileSync(path.join(dir, "data.jsonl"), lines.join("\n") + "\n");

describe("schemas/report.schema.json", () => {
  it("describes a lint report with clusters (duplicates, conflicts)", async () => {
    const report = await validate("data.jsonl", { cwd: dir });
    expect(report.files[0]!.clusters?.length).toBeGreaterThan(0);
    expect(valid(report)).toEqual([]);
  });

  it("describes a split report, and rejects a report missing what it requires", async () => {
    const report = await split("data.jsonl", { cwd: dir, outDir: "out", fraction: 0.2 });
    expect(report.split?.records.total).toBe(42);
    expect(valid(report)).toEqual([]);
    const broken = JSON.parse(JSON.stringify(report)) as { split: Record<string, unknown> };
    delete broken.split.salt;
    expect(valid(broken)).not.toEqual([]);
  });

  it("describes a grouped finding (data.occurrences) and rejects a malformed count", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: i, messages: [{ role: "user", content: `q${i}` }, { role: "assistant", content: `a${i}` }] }));
    const report = await validate(rows.values());
    const d = report.files[0]!.diagnostics.find((x) => x.ruleId === "record-key-unknown");
    expect(d?.data?.occurrences).toBe(5);
    expect(valid(report)).toEqual([]);
    d!.data!.occurrences = "five";
    expect(valid(report)).not.toEqual([]);
  });
});
