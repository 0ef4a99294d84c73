import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const CLI = join(process.cwd(), "dist/cli.js");
function run(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("ftdata lint --grader", () => {
  test("the bundled RFT example passes with its grader and with a job body", () => {
    for (const grader of ["examples/rft/grader.json", "examples/rft/job.json"]) {
      const r = run(["lint", "examples/rft/valid.jsonl", "--grader", grader]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain(`✔ ${grader} (openai-grader`);
    }
  });

  test("rows missing the grader's fields fail on their lines", () => {
    const r = run(["lint", "examples/rft/invalid.jsonl", "--grader", "examples/rft/grader.json", "--reporter", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const data = report.files[0];
    const missing = data.diagnostics.filter((d: { ruleId: string }) => d.ruleId === "grader-item-field-missing");
    expect(missing.map((d: { line: number; path: string }) => [d.line, d.path])).toEqual([
      [4, "/reference_answer"],
      [5, "/reference_answer"],
      [6, "/reference_answer"],
      [7, "/reference_answer"],
    ]);
    expect(report.files[1]).toMatchObject({ file: "examples/rft/grader.json", format: "openai-grader", errorCount: 0 });
  });

  test("a broken grader is reported against the grader file, with lines and paths", () => {
    const r = run(["lint", "examples/rft/valid.jsonl", "--grader", "examples/rft/invalid-grader.json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/examples\/rft\/invalid-grader\.json \(openai-grader/);
    expect(r.stdout).toMatch(/9\s+error\s+`operation` is "neq"; expected one of eq, ne, like, ilike .*graders\.exact\.operation\s+grader-invalid/);
    expect(r.stdout).toMatch(/43\s+error\s+calculate_output: "similarity" is not a grader key/);
  });

  test("a missing grader file is a usage error (exit 2)", () => {
    const r = run(["lint", "examples/rft/valid.jsonl", "--grader", "nope.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("ftdata lint: cannot read nope.json: no such file\n");
  });

  test("the bundled DPO examples: valid passes, invalid reports each commented defect", () => {
    expect(run(["lint", "examples/dpo/valid.jsonl"]).code).toBe(0);
    const r = run(["lint", "examples/dpo/invalid.jsonl", "--reporter", "json"]);
    expect(r.code).toBe(1);
    const rules = new Set(JSON.parse(r.stdout).files[0].diagnostics.map((d: { ruleId: string }) => d.ruleId));
    for (const id of ["preference-pair-identical", "preference-side-empty", "prompt-last-assistant", "preference-field-legacy", "preference-output-invalid", "preference-contradiction", "example-duplicate", "preference-input-invalid", "format-mixed", "preference-cycle"]) {
      expect(rules.has(id), id).toBe(true);
    }
  });
});

describe("ftdata grade", () => {
  test("the reference answer passes its own grader: distribution printed, exit 0", () => {
    const r = run(["grade", "examples/rft/valid.jsonl", "--grader", "examples/rft/grader.json", "--answer-field", "reference_answer"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('22 rows graded by "exact and close" (multi)');
    expect(r.stdout).toContain("min 1  median 1  mean 1  max 1");
    expect(r.stdout).toMatch(/\[0\.9, 1\.0\]\s+22 █+/);
    expect(r.stdout).toContain("✔ every graded row reaches 0.5");
  });

  test("a miswired grader scores the reference low: rows listed with lines, exit 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "ftdata-grade-"));
    writeFileSync(join(dir, "g.json"), JSON.stringify({ type: "string_check", name: "wired to the topic", input: "{{sample.output_text}}", reference: "{{item.topic}}", operation: "eq" }));
    writeFileSync(join(dir, "d.jsonl"), ['{"messages":[{"role":"user","content":"2+2?"}],"answer":"4","topic":"arithmetic"}', '{"messages":[{"role":"user","content":"Say arithmetic"}],"answer":"arithmetic","topic":"arithmetic"}', "{not json", ""].join("\n"));
    const r = run(["grade", "d.jsonl", "--grader", "g.json", "--answer-field", "answer", "--reporter", "json"], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ rows: 2, threshold: 1, lowCount: 1, low: [{ line: 1, score: 0, answer: "4" }], skipped: [{ line: 3, reason: "json-invalid" }] });
    expect(out.scores).toEqual({ min: 0, median: 0.5, mean: 0.5, max: 1 });
  });

  test("--min-score overrides the threshold; a missing answer field is listed", () => {
    const dir = mkdtempSync(join(tmpdir(), "ftdata-grade-"));
    writeFileSync(join(dir, "g.json"), JSON.stringify({ type: "text_similarity", name: "sim", input: "{{sample.output_text}}", reference: "{{item.ref}}", evaluation_metric: "rouge_1" }));
    writeFileSync(join(dir, "d.jsonl"), '{"messages":[],"ref":"testing one two","out":{"text":"testing"}}\n{"messages":[],"ref":"x"}\n');
    const r = run(["grade", "d.jsonl", "-g", "g.json", "-a", "out.text", "--min-score", "0.5"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("pass threshold 0.5");
    expect(r.stdout).toContain("line 2  no score: no `out.text` field");
    expect(r.stdout).not.toContain("line 1 ");
  });

  test("graders that need a model are refused with exit 2; missing options are usage errors", () => {
    const dir = mkdtempSync(join(tmpdir(), "ftdata-grade-"));
    writeFileSync(join(dir, "g.json"), JSON.stringify({ type: "score_model", name: "judge", model: "o3-mini-2025-01-31", input: [{ role: "user", content: "{{sample.output_text}}" }] }));
    writeFileSync(join(dir, "d.jsonl"), '{"messages":[],"a":"x"}\n');
    const r = run(["grade", "d.jsonl", "--grader", "g.json", "--answer-field", "a"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot dry-run this grader locally: score_model graders need a model");
    expect(run(["grade", "d.jsonl", "--grader", "g.json"], dir)).toMatchObject({ code: 2 });
    expect(run(["grade", "d.jsonl", "--answer-field", "a"], dir).stderr).toContain("--grader <file> is required");
  });

  test("a grader with errors is not run (exit 1)", () => {
    const r = run(["grade", "examples/rft/valid.jsonl", "--grader", "examples/rft/invalid-grader.json", "--answer-field", "reference_answer"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the grader has errors");
    expect(r.stderr).toContain("examples/rft/invalid-grader.json:9:");
  });
});
