import { spawnSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const CLI = path.resolve("dist/cli.js");
const FIXTURES = path.resolve("test/fixtures/html");
const dir = mkdtempSync(path.join(tmpdir(), "ftdata-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, input: input ?? "", encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const line = (i: number) => JSON.stringify({ messages: [{ role: "user", content: `question ${i}` }, { role: "assistant", content: `answer ${i}` }] });
const clean = Array.from({ length: 50 }, (_, i) => line(i)).join("\n") + "\n";

describe("ftdata report", () => {
  it("writes one HTML file with the diagnosed examples and exits 1 when the data has errors", () => {
    const r = run(["report", path.join(FIXTURES, "mixed.jsonl"), "-o", "out.html"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    // 13 warnings: 6, and 7 answers of the fixture built by repeating one sentence (assistant-content-repetitive).
    expect(r.stdout).toMatch(/^Wrote out\.html \([\d.]+ KiB\): 1 file, 5 errors, 13 warnings\n$/);
    const html = readFileSync(path.join(dir, "out.html"), "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    // The empty answer on line 5 is shown on click, pretty-printed.
    expect(html).toMatch(/<details class="example"><summary>Assistant answer is empty<\/summary>/);
    expect(html).toContain("&quot;content&quot;: &quot;Can you help?&quot;");
  });

  it("exits 0 for clean data, writes ftdata-report.html by default and replaces an earlier report", () => {
    writeFileSync(path.join(dir, "clean.jsonl"), clean);
    expect(run(["report", "clean.jsonl"]).code).toBe(0);
    const r = run(["report", "clean.jsonl"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote ftdata-report\.html/);
    const html = readFileSync(path.join(dir, "ftdata-report.html"), "utf8");
    expect(html).toContain("No problems found in this file.");
  });

  it("replaces an existing file that is not a report only with --force", () => {
    writeFileSync(path.join(dir, "notes.html"), "<p>my notes</p>");
    const r = run(["report", "clean.jsonl", "-o", "notes.html"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("ftdata report: notes.html exists and is not an ftdata report; use --force to replace it\n");
    expect(readFileSync(path.join(dir, "notes.html"), "utf8")).toBe("<p>my notes</p>");
    expect(run(["report", "clean.jsonl", "-o", "notes.html", "--force"]).code).toBe(0);
    expect(readFileSync(path.join(dir, "notes.html"), "utf8")).toMatch(/^<!doctype html>/);
  });

  it("refuses to write over an input, by name or through a hard link, and leaves it untouched", () => {
    writeFileSync(path.join(dir, "in.jsonl"), clean);
    linkSync(path.join(dir, "in.jsonl"), path.join(dir, "alias.html"));
    for (const out of ["in.jsonl", "./in.jsonl", path.join(dir, "in.jsonl"), "alias.html"]) {
      const r = run(["report", "in.jsonl", "-o", out, "--force"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("ftdata report: refusing to write " + out + ": it is the input in.jsonl; write the output to a new file\n");
    }
    expect(readFileSync(path.join(dir, "in.jsonl"), "utf8")).toBe(clean);
    // lint --output-file is guarded the same way.
    const l = run(["lint", "in.jsonl", "--reporter", "html", "-o", "in.jsonl"]);
    expect(l.code).toBe(2);
    expect(readFileSync(path.join(dir, "in.jsonl"), "utf8")).toBe(clean);
  });

  it("writes to stdout with -o -, and says stdin cannot be shown again", () => {
    const r = run(["report", "-", "-o", "-"], `${line(1)}\n{"messages": []}\n`);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith("<!doctype html>")).toBe(true);
    expect(r.stdout).toContain("This file was read from standard input, which cannot be read a second time");
    expect(existsSync(path.join(dir, "-"))).toBe(false);
  });

  it("leaves example text out with --no-examples and caps rows with --max-rows", () => {
    const r = run(["report", path.join(FIXTURES, "mixed.jsonl"), "-o", "private.html", "--no-examples", "--max-rows", "1"]);
    expect(r.code).toBe(1);
    const html = readFileSync(path.join(dir, "private.html"), "utf8");
    expect(html).toContain("Example text was left out on request.");
    expect(html).not.toContain('<details class="example">');
    expect(html).not.toContain("Can you help?");
    expect(html).toContain("… and 2 more diagnostics of this rule not shown here");
  });

  it("rejects bad options and missing inputs with exit 2 and one line", () => {
    expect(run(["report"]).code).toBe(2);
    const bad = run(["report", "clean.jsonl", "--examples-per-rule", "many"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('ftdata report: --examples-per-rule must be a non-negative integer, found "many"\n');
    const missing = run(["report", "nope.jsonl", "-o", "x.html"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("ftdata report: cannot read nope.jsonl: no such file\n");
    expect(existsSync(path.join(dir, "x.html"))).toBe(false);
  });

  it("is listed in the top-level help", () => {
    expect(run(["--help"]).stdout).toMatch(/report\s+Write a self-contained HTML report of datasets/);
  });
});

describe("ftdata lint --reporter html", () => {
  it("prints the same page with the diagnosed examples", () => {
    const r = run(["lint", path.join(FIXTURES, "mixed.jsonl"), "--reporter", "html"]);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith("<!doctype html>")).toBe(true);
    expect(r.stdout).toContain("&quot;content&quot;: &quot;Can you help?&quot;");
  });
});

describe("the config file in the report", () => {
  it("applies its model, rules and ignores as lint does; --no-config leaves it out", () => {
    const proj = path.join(dir, "proj");
    mkdirSync(path.join(proj, ".git"), { recursive: true }); // the config search stops at the repository root
    writeFileSync(path.join(proj, "ftdata.config.json"), JSON.stringify({ model: "gpt-3.5-turbo", rules: { "examples-recommended-count": "off" }, ignores: ["old.jsonl"] }));
    const small = Array.from({ length: 12 }, (_, i) => line(i)).join("\n") + "\n";
    writeFileSync(path.join(proj, "small.jsonl"), small);
    writeFileSync(path.join(proj, "old.jsonl"), small);
    const report = (...args: string[]) => spawnSync(process.execPath, [CLI, "report", "small.jsonl", "old.jsonl", "-o", "-", ...args], { cwd: proj, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const configured = report();
    expect(configured.status).toBe(0);
    expect(configured.stderr).toContain('skipped 1 file(s) matching "ignores" in the config: old.jsonl');
    expect(configured.stdout).toContain("limit 16,385");
    expect(configured.stdout).not.toContain("examples-recommended-count");
    const plain = report("--no-config");
    expect(plain.stdout).toContain("examples-recommended-count");
    expect(plain.stdout).not.toContain("limit 16,385");
  });
});

describe("token statistics in the report", () => {
  it("counts tokens in the same pass and charts them, with the model's limit; --no-stats leaves them out", () => {
    writeFileSync(path.join(dir, "tokens.jsonl"), clean);
    const r = run(["report", "tokens.jsonl", "-o", "-", "--model", "gpt-3.5-turbo-0125"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Total tokens per example");
    expect(r.stdout).toContain("limit 16,385");
    const plain = run(["report", "tokens.jsonl", "-o", "-", "--no-stats"]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain("Total tokens per example");
  });
});
