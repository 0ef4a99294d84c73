import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "dist", "cli.js");
const work = mkdtempSync(path.join(tmpdir(), "ftdata-cli-"));

function run(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, input: opts.input ?? "", encoding: "utf8", env: env as NodeJS.ProcessEnv });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const chat = (q: string, a: string) => JSON.stringify({ messages: [{ role: "user", content: q }, { role: "assistant", content: a }] });
// Distinct, untemplated texts: templated ones ("Question 1", "Question 2"…) are near-duplicates.
const WORDS = "amber basil cedar delta ember fjord garnet harbor indigo juniper kelp lagoon meadow nectar orchid pebble quartz raven saffron tundra umber violet willow xenon yarrow zephyr".split(" ");
let seed = 12345;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const phrase = () => Array.from({ length: 8 }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(" ");
const good = Array.from({ length: 60 }, (_, i) => chat(`Why is the ${phrase()} ${i}?`, `Because ${phrase()} ${i * 37}.`)).join("\n") + "\n";
const bad = [chat("q1", "a1"), "{not json", chat("q2", ""), JSON.stringify({ messages: [{ role: "human", content: "x" }, { role: "assistant", content: "y" }] })].join("\n") + "\n";
const warnOnly = good + good.split("\n")[0] + "\n";

mkdirSync(path.join(work, "data", "nested"), { recursive: true });
writeFileSync(path.join(work, "good.jsonl"), good);
writeFileSync(path.join(work, "bad.jsonl"), bad);
writeFileSync(path.join(work, "warn.jsonl"), warnOnly);
writeFileSync(path.join(work, "data", "a.jsonl"), good);
writeFileSync(path.join(work, "data", "nested", "b.jsonl"), good);

describe("ftdata lint (built CLI)", () => {
  it("exits 0 with a short summary for a clean file", () => {
    const r = run(["lint", "good.jsonl"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✔ good.jsonl (openai-chat, 60 records)");
    expect(r.stdout).toContain("no problems");
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it("exits 1 and lists every problem with its line, path and rule id", () => {
    const r = run(["lint", "bad.jsonl"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\s+2:2\s+error\s+Invalid JSON: .*json-invalid$/m);
    expect(r.stdout).toMatch(/^\s+3\s+error\s+Assistant answer is empty\s+messages\[1\]\.content\s+assistant-content-empty$/m);
    expect(r.stdout).toMatch(/^\s+4\s+error\s+Unknown role "human".*messages\[0\]\.role\s+message-role-invalid$/m);
    expect(r.stdout).toMatch(/^\s+-\s+error\s+The file has 3 examples; at least 10 are required\s+examples-min-count$/m);
    expect(r.stdout).toMatch(/✖ 4 problems \(4 errors, 0 warnings, 0 infos\)/);
  });

  it("prints the time spent in each rule on stderr with FTDATA_TIMING, leaving the report alone", () => {
    const plain = run(["lint", "-r", "json", "warn.jsonl"]);
    const timed = run(["lint", "-r", "json", "warn.jsonl"], { env: { FTDATA_TIMING: "3" } });
    expect(timed.code).toBe(plain.code);
    expect(JSON.parse(timed.stdout).files[0].diagnostics).toEqual(JSON.parse(plain.stdout).files[0].diagnostics);
    expect(plain.stderr).not.toContain("Rule timing");
    const lines = timed.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^Rule timing for warn\.jsonl \(\d+ ms in rules\)$/);
    expect(lines[1]).toMatch(/^Rule\s+\| Time \(ms\) \| Relative$/);
    expect(lines).toHaveLength(5); // heading, columns, the 3 slowest rules
    expect(lines.slice(2).map((l) => l.split("|")[0]!.trim())).toEqual(expect.arrayContaining([expect.stringMatching(/^[a-z0-9-]+$/)]));
    const times = lines.slice(2).map((l) => Number(l.split("|")[1]));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("prints rule timing for stats too, with the token rules among them", () => {
    const timed = run(["stats", "-r", "json", "warn.jsonl"], { env: { FTDATA_TIMING: "all" } });
    expect(JSON.parse(timed.stdout).files[0].stats.examples).toBeGreaterThan(0);
    expect(timed.stderr).toMatch(/^Rule timing for warn\.jsonl \(\d+ ms in rules\)\n/);
    expect(timed.stderr).toMatch(/^example-tokens-over-limit\s+\|/m);
  });

  it("lints large inputs on a worker thread with the same report, exit code, timings and usage errors", () => {
    const offThread = { FTDATA_THREAD_MIN_BYTES: "0" };
    for (const args of [["lint", "bad.jsonl", "good.jsonl"], ["lint", "-r", "json", "warn.jsonl", "bad.jsonl"], ["lint", "warn.jsonl", "--max-warnings", "0"], ["lint", "good.jsonl", "--model", "gpt-4o-mini", "-r", "json"]]) {
      const inline = run(args);
      const worker = run(args, { env: offThread });
      expect(worker.code).toBe(inline.code);
      expect(worker.stdout).toBe(inline.stdout);
      expect(worker.stderr).toBe(inline.stderr);
    }
    const timed = run(["lint", "bad.jsonl"], { env: { ...offThread, FTDATA_TIMING: "2" } });
    expect(timed.stderr).toMatch(/^Rule timing for bad\.jsonl \(\d+ ms in rules\)\n/);
    const usage = run(["lint", "good.jsonl", "--format", "nope"], { env: offThread });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^ftdata lint: unknown format "nope"; expected one of: .*\n$/);
  });

  it("expands quoted globs and takes several files", () => {
    const r = run(["lint", "data/**/*.jsonl", "good.jsonl"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("data/a.jsonl");
    expect(r.stdout).toContain("data/nested/b.jsonl");
    expect(r.stdout).toContain("3 files, 180 records: no problems");
  });

  it("reads stdin with -", () => {
    const r = run(["lint", "-"], { input: bad });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("<stdin>");
    expect(r.stdout).toMatch(/2:2\s+error\s+Invalid JSON/);
  });

  it("prints the Report object exactly with --reporter json, valid against the shipped schema", async () => {
    const r = run(["lint", "bad.jsonl", "good.jsonl", "--reporter", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(path.join(root, "schemas", "report.schema.json"), "utf8"));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const check = ajv.compile(schema);
    expect(check(report), JSON.stringify(check.errors)).toBe(true);
    const { validate } = await import("../src/index.js");
    const lib = await validate(["bad.jsonl", "good.jsonl"], { cwd: work });
    expect(report).toEqual({ ...lib, tool: { ...lib.tool, version: report.tool.version } });
    expect(report.files[0].diagnostics.find((d: { ruleId: string }) => d.ruleId === "assistant-content-empty")).toMatchObject({ line: 3, record: 1, path: "/messages/1/content" });
  });

  it("exits 2 with one line for a missing file, and never says passed", () => {
    const r = run(["lint", "missing.jsonl"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("ftdata lint: cannot read missing.jsonl: no such file");
    expect(r.stdout).toBe("");
  });

  it("exits 2 for a directory, an unmatched glob, a bad flag and an unknown format", () => {
    expect(run(["lint", "data"]).stderr).toMatch(/cannot read data: is a directory/);
    const g = run(["lint", "nothing/**/*.jsonl"]);
    expect([g.code, g.stderr.trim()]).toEqual([2, 'ftdata lint: no files match "nothing/**/*.jsonl"']);
    const f = run(["lint", "good.jsonl", "--frobnicate"]);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/Unknown option '--frobnicate'/);
    expect(f.stderr).not.toMatch(/\n\s+at /);
    const fmt = run(["lint", "good.jsonl", "--format", "csv"]);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toMatch(/unknown format "csv"; expected one of: openai-chat/);
    expect(run(["lint"]).code).toBe(2);
    expect(run(["frob"]).code).toBe(2);
  });

  it("fails on warnings only past --max-warnings", () => {
    expect(run(["lint", "warn.jsonl"]).code).toBe(0);
    expect(run(["lint", "warn.jsonl", "--max-warnings", "1"]).code).toBe(0);
    const r = run(["lint", "warn.jsonl", "--max-warnings", "0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("too many warnings (1; maximum: 0)");
    expect(run(["lint", "warn.jsonl", "--max-warnings", "x"]).code).toBe(2);
  });

  it("--quiet reports errors only", () => {
    const r = run(["lint", "warn.jsonl", "bad.jsonl", "--quiet"]);
    expect(r.stdout).not.toContain("example-duplicate");
    expect(r.stdout).toContain("json-invalid");
  });

  it("--output-file writes the report to a file", () => {
    const r = run(["lint", "bad.jsonl", "-r", "json", "-o", "out.json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(path.join(work, "out.json"), "utf8")).errorCount).toBe(4);
  });

  it("prints paths relative to the working directory even when given absolute", () => {
    const r = run(["lint", path.join(work, "bad.jsonl")]);
    expect(r.stdout).toMatch(/^bad\.jsonl /m);
  });

  it("colours only when asked or on a TTY, never under NO_COLOR", () => {
    expect(run(["lint", "bad.jsonl"], { env: { FORCE_COLOR: "1" } }).stdout).toMatch(/\x1b\[31merror/);
    expect(run(["lint", "bad.jsonl"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).not.toMatch(/\x1b\[/);
  });

  it("forces a format with --format and shows help and version", () => {
    expect(run(["lint", "good.jsonl", "--format", "openai-chat", "-r", "json"]).stdout).toContain('"formatReason": "given with --format"');
    const h = run(["lint", "--help"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("Usage: ftdata lint");
    const v = run(["--version"]);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).version);
  });
});
