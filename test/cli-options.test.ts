import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatGradeText, rules, scoreHistogram } from "../src/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "dist", "cli.js");
const dir = mkdtempSync(path.join(tmpdir(), "ftdata-options-"));
const chat = (i: number) => JSON.stringify({ messages: [{ role: "user", content: `question number ${i} about ${"abcdefghij"[i % 10]}` }, { role: "assistant", content: `answer ${i * 7}` }] });
writeFileSync(path.join(dir, "data.jsonl"), Array.from({ length: 12 }, (_, i) => chat(i)).join("\n") + "\n" + chat(0) + "\n");

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", CI: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("one name, one meaning", () => {
  it("-o is --output in every command; the old spellings still work with a one-line notice on stderr", () => {
    const lint = run(["lint", "data.jsonl", "-r", "json", "--output", "a.json"]);
    expect(lint.stderr).toBe("");
    expect(JSON.parse(readFileSync(path.join(dir, "a.json"), "utf8")).files[0].records).toBe(13);
    const old = run(["lint", "data.jsonl", "-r", "json", "--output-file", "b.json"]);
    expect(old.stderr).toBe("ftdata lint: --output-file is deprecated and will be removed; use -o, --output\n");
    expect(readFileSync(path.join(dir, "b.json"), "utf8")).toBe(readFileSync(path.join(dir, "a.json"), "utf8"));
    const dedupe = run(["dedupe", "data.jsonl", "--out", "clean.jsonl"]);
    expect(dedupe.code).toBe(0);
    expect(dedupe.stderr).toBe("ftdata dedupe: --out is deprecated and will be removed; use -o, --output\n");
    expect(readFileSync(path.join(dir, "clean.jsonl"), "utf8").split("\n").filter(Boolean)).toHaveLength(12);
    const stats = run(["stats", "data.jsonl", "--output", "stats.txt"]);
    expect(stats.code).toBe(0);
    expect(readFileSync(path.join(dir, "stats.txt"), "utf8")).toContain("data.jsonl");
  });

  it("plan names an architecture with --arch; --model and -m still work there, with a notice", () => {
    const arch = run(["plan", "--arch", "Qwen2.5-7B", "-r", "json"]);
    expect(arch.code).toBe(0);
    for (const old of ["--model", "-m"]) {
      const r = run(["plan", old, "Qwen2.5-7B", "-r", "json"]);
      expect(r.stdout).toBe(arch.stdout);
      expect(r.stderr).toBe("ftdata plan: -m/--model is deprecated and will be removed; use --arch\n");
    }
  });

  it("--limit is the token limit with one check everywhere; grade's row limit is --max-rows", () => {
    for (const cmd of ["lint", "stats"]) {
      const r = run([cmd, "data.jsonl", "--limit", "0"]);
      expect(r.code, cmd).toBe(2);
      expect(r.stderr).toBe(`ftdata ${cmd}: --limit must be a positive integer, found "0"\n`);
    }
    const grade = run(["grade", "--help"]);
    expect(grade.stdout).toMatch(/--max-rows <n>\s+List at most n low-scoring rows/);
    expect(grade.stdout).not.toMatch(/^\s+--limit/m);
  });

  it("a reporter name is looked up as an own key: --reporter constructor is a usage error in every command", () => {
    for (const args of [["lint", "data.jsonl"], ["split", "data.jsonl", "--out-dir", "o", "--dry-run"], ["convert", "data.jsonl", "--to", "alpaca", "-o", "x.jsonl"], ["stats", "data.jsonl"]]) {
      const r = run([...args, "--reporter", "constructor"]);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toMatch(new RegExp(`^ftdata ${args[0]}: unknown reporter "constructor"; expected`));
    }
    expect(existsSync(path.join(dir, "x.jsonl"))).toBe(false);
  });

  it("every command that reads data takes --no-progress, and stats takes --no-near-dup", () => {
    expect(run(["stats", "data.jsonl", "--no-progress"]).code).toBe(0);
    expect(run(["stats", "data.jsonl", "--no-near-dup"]).code).toBe(0);
    expect(run(["report", "data.jsonl", "--no-progress", "-o", "r.html"]).code).toBe(0);
    expect(run(["split", "data.jsonl", "--no-progress", "--dry-run", "--out-dir", "o"]).stderr).not.toMatch(/Unknown option/);
    expect(run(["dedupe", "data.jsonl", "--no-progress", "-o", "d.jsonl"]).code).toBe(0);
  });
});

describe("ftdata rules", () => {
  it("lists every registered rule with its default severity, and --reporter json for tools", () => {
    const text = run(["rules"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^assistant-content-empty\s+error\s+/m);
    expect(text.stdout).toContain(`${rules.length} rules.`);
    const json = JSON.parse(run(["rules", "--reporter", "json"]).stdout) as Array<{ id: string; defaultSeverity: string; formats: unknown; description: string }>;
    expect(json.map((r) => r.id)).toEqual(rules.map((r) => r.meta.id));
    expect(json.find((r) => r.id === "assistant-content-empty")).toMatchObject({ defaultSeverity: "error", description: expect.any(String) });
    const one = run(["rules", "nope-rule"]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('unknown rule "nope-rule"');
  });
});

describe("grade's scoring and formatting are library functions", () => {
  it("histograms scores into ten buckets over [0, 1] and formats a result with its low rows", () => {
    const h = scoreHistogram([0, 0.05, 0.5, 1, 1]);
    expect(h).toHaveLength(10);
    expect(h.map((b) => b.count)).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
    const text = formatGradeText({
      file: "d.jsonl", grader: "g.json", graderName: "exact", graderType: "string_check eq", answerField: "reference_answer", threshold: 1,
      rows: 3, scores: { min: 0, median: 1, mean: 2 / 3, max: 1 }, histogram: scoreHistogram([0, 1, 1]),
      low: [{ line: 2, score: 0, answer: "Paris" }], lowCount: 2, skipped: [],
    });
    expect(text).toContain('line 2  score 0  answer "Paris"');
    expect(text).toContain("… and 1 more (--max-rows)");
  });
});
