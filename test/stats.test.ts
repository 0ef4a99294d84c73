import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countChatTokens, validate } from "../src/index.js";
import { defaultEpochs, distribution, histogram } from "../src/stats/summary.js";

const CLI = join(import.meta.dirname, "..", "dist", "cli.js");
const dir = mkdtempSync(join(tmpdir(), "ftdata-stats-"));

function write(name: string, records: unknown[]): string {
  const p = join(dir, name);
  writeFileSync(p, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return p;
}

function chat(user: string, answer: string, system?: string) {
  const messages: Array<{ role: string; content: string }> = [];
  if (system) messages.push({ role: "system", content: system });
  messages.push({ role: "user", content: user }, { role: "assistant", content: answer });
  return { messages };
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// 30 ordinary examples, one long one (line 31), one whose answer starts beyond a small limit (line 32).
const records = [
  ...Array.from({ length: 30 }, (_, i) => chat(`Question number ${i}: what is ${i} + ${i}?`, `The answer is ${2 * i}.`, i % 3 ? "You are a calculator." : undefined)),
  chat("Summarise: " + "lorem ipsum dolor sit amet ".repeat(60), "Placeholder text."),
  chat("Read this log: " + "error at line 12; ".repeat(200), "The log repeats one error."),
];
const file = write("train.jsonl", records);

describe("summary figures", () => {
  it("computes percentiles by nearest rank", () => {
    const d = distribution(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(d).toEqual({ count: 100, sum: 5050, min: 1, p5: 5, p25: 25, median: 50, mean: 50.5, p75: 75, p95: 95, max: 100 });
  });
  it("puts every value in exactly one histogram bucket", () => {
    const values = [3, 17, 250, 251, 999, 1000, 40];
    const h = histogram(values);
    expect(h.buckets.reduce((n, b) => n + b.count, 0)).toBe(values.length);
    for (const v of values) expect(h.buckets.filter((b) => v >= b.lo && v < b.hi)).toHaveLength(1);
  });
  it("gives a long tail its own last bucket", () => {
    const values = [...Array.from({ length: 99 }, (_, i) => 100 + i), 50_000];
    const h = histogram(values);
    expect(h.buckets.at(-1)).toEqual({ lo: h.buckets.at(-2)!.hi, hi: 50_001, count: 1 });
    expect(h.buckets.length).toBeLessThan(20);
  });
  it("follows OpenAI's default-epochs heuristic", () => {
    expect([defaultEpochs(5), defaultEpochs(10), defaultEpochs(100), defaultEpochs(20_000)]).toEqual([20, 10, 3, 1]);
  });
});

describe("validate() with tokens", () => {
  it("adds stats matching per-example counts, with cost and steps", async () => {
    const report = await validate(file, { model: "gpt-4o-mini", stats: { batchSize: 4, gradAccum: 2 } });
    const s = report.files[0]!.stats!;
    const counts = records.map((r) => countChatTokens(r, { model: "gpt-4o-mini" }));
    const sum = counts.reduce((n, t) => n + t.total, 0);
    expect(s).toMatchObject({ model: "gpt-4o-mini-2024-07-18", encoding: "o200k_base", examples: 32, limit: 65_536, overLimit: 0, missingSystem: 12, missingUser: 0 });
    expect(s.roles).toEqual({ system: 20, user: 32, assistant: 32 });
    expect(s.totalTokens.sum).toBe(sum);
    expect(s.trainedTokens.sum).toBe(counts.reduce((n, t) => n + t.trained, 0));
    expect(s.totalTokens.max).toBe(Math.max(...counts.map((t) => t.total)));
    expect(s.estimates).toMatchObject({ billedTokensPerEpoch: sum, epochs: 3, billedTokens: 3 * sum, steps: Math.ceil(32 / 8) * 3 });
    expect(s.estimates.costUsd).toBeCloseTo((3 * sum * 3) / 1e6, 2);
  });

  it("prices the guide's example: 100k tokens × 3 epochs on gpt-4o-mini ≈ $0.90", async () => {
    const big = write("big.jsonl", Array.from({ length: 100 }, (_, i) => chat(`q${i}`, "word ".repeat(980))));
    const s = (await validate(big, { model: "gpt-4o-mini", stats: { epochs: 3 } })).files[0]!.stats!;
    expect(s.estimates.billedTokensPerEpoch).toBeGreaterThan(99_000);
    expect(s.estimates.billedTokensPerEpoch).toBeLessThan(101_000);
    expect(s.estimates.costUsd).toBeCloseTo(0.9, 1);
  });

  it("says so when the price is unknown instead of guessing", async () => {
    const s = (await validate(file, { model: "gpt-4.5-preview" })).files[0]!.stats!;
    expect(s.estimates.costUsd).toBeNull();
    expect(s.limit).toBeUndefined();
  });

  it("reports token rules with line, model, limit and count", async () => {
    const report = await validate(file, { model: "gpt-3.5-turbo-0613", tokenLimit: 400 });
    const d = report.files[0]!.diagnostics;
    const over = d.filter((x) => x.ruleId === "example-tokens-over-limit");
    expect(over.map((x) => x.line)).toEqual([31, 32].filter((l) => countChatTokens(records[l - 1]!, { model: "gpt-3.5-turbo" }).total > 400));
    expect(over.at(-1)!.message).toMatch(/over the 400-token limit of gpt-3\.5-turbo-0613/);
    expect(over.at(-1)!.data).toMatchObject({ limit: 400, model: "gpt-3.5-turbo-0613" });
    const beyond = d.filter((x) => x.ruleId === "trained-tokens-beyond-limit");
    expect(beyond.map((x) => x.line)).toEqual([32]);
    const outliers = d.filter((x) => x.ruleId === "example-tokens-outlier");
    expect(outliers.map((x) => x.line)).toEqual([31, 32]);
    expect(outliers[0]!.severity).toBe("info");
  });

  it("does not count tokens (nor load a tokenizer) without a model", async () => {
    const script = `
      import { validate } from ${JSON.stringify(join(import.meta.dirname, "..", "dist", "index.js"))};
      import { createRequire } from "node:module";
      const r = await validate(${JSON.stringify(file)});
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /tiktoken|tokenizers/.test(k));
      console.log(JSON.stringify({ stats: r.files[0].stats ?? null, rules: r.files[0].diagnostics.filter((d) => d.ruleId.includes("tokens")).length, loaded }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
    expect(out).toEqual({ stats: null, rules: 0, loaded: [] });
  });
});

describe("ftdata stats", () => {
  it("prints the table, histogram and estimates", () => {
    const r = run(["stats", file, "--model", "gpt-4o-mini", "--batch-size", "8"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/median/);
    expect(r.stdout).toMatch(/total tokens\s+\d+/);
    expect(r.stdout).toMatch(/trained tokens/);
    expect(r.stdout).toMatch(/roles: system 20, user 32, assistant 32/);
    expect(r.stdout).toMatch(/12 without a system message/);
    expect(r.stdout).toMatch(/█/);
    expect(r.stdout).toMatch(/× 3 epochs/);
    expect(r.stdout).toMatch(/cost: ≈ \$\d+\.\d\d/);
    expect(r.stdout).toMatch(/optimizer steps: 12/);
  });

  it("prints the report with stats as json, identical with worker threads", () => {
    const inline = run(["stats", file, "--reporter", "json", "--workers", "0"]);
    const workers = run(["stats", file, "--reporter", "json", "--workers", "2"]);
    expect(inline.code).toBe(0);
    const report = JSON.parse(inline.stdout);
    expect(Object.keys(report.files[0].stats).sort()).toEqual(
      ["model", "encoding", "estimated", "examples", "messagesPerExample", "totalTokens", "trainedTokens", "histogram", "roles", "missingSystem", "missingUser", "limit", "overLimit", "estimates"].sort(),
    );
    expect(workers.stdout).toBe(inline.stdout);
  });

  it("applies the config file as lint does (model, rules, ignores); --model and --no-config win", () => {
    const proj = mkdtempSync(join(tmpdir(), "ftdata-stats-config-"));
    mkdirSync(join(proj, ".git")); // the config search stops at the repository root
    writeFileSync(join(proj, "ftdata.config.json"), JSON.stringify({ model: "gpt-3.5-turbo", rules: { "example-tokens-outlier": "off" }, ignores: ["skip.jsonl"] }));
    copyFileSync(file, join(proj, "train.jsonl"));
    copyFileSync(file, join(proj, "skip.jsonl"));
    const stats = (...args: string[]) => {
      const r = spawnSync(process.execPath, [CLI, "stats", "-r", "json", ...args], { cwd: proj, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      return { code: r.status, stderr: r.stderr, files: (JSON.parse(r.stdout) as { files: Array<{ file: string; stats: { model: string; encoding: string }; diagnostics: Array<{ ruleId: string }> }> }).files };
    };
    const rules = (f: { diagnostics: Array<{ ruleId: string }> }) => f.diagnostics.map((d) => d.ruleId);
    const configured = stats("train.jsonl", "skip.jsonl");
    expect(configured.files.map((f) => f.file)).toEqual(["train.jsonl"]);
    expect(configured.stderr).toContain('skipped 1 file(s) matching "ignores" in the config: skip.jsonl');
    expect(configured.files[0]!.stats).toMatchObject({ model: "gpt-3.5-turbo-0125", encoding: "cl100k_base" });
    expect(rules(configured.files[0]!)).not.toContain("example-tokens-outlier");
    const plain = stats("train.jsonl", "--no-config");
    expect(plain.files[0]!.stats.encoding).toBe("o200k_base");
    expect(rules(plain.files[0]!)).toContain("example-tokens-outlier");
    expect(stats("train.jsonl", "--model", "gpt-4o-mini").files[0]!.stats.encoding).toBe("o200k_base");
    expect(stats("train.jsonl", "--config", join(proj, "ftdata.config.json")).files[0]!.stats.encoding).toBe("cl100k_base");
  });

  it("leaves near-duplicate detection to lint unless --near-dup is given", () => {
    const story = "the quick brown fox jumps over the lazy dog while the sun sets slowly behind the distant mountains and the river flows through the green valley towards the sea where the old ships sail away into the night";
    const near = write("near.jsonl", [chat("Tell me a story", story), chat("Tell me a story", story.replace("night", "dark night")), chat("Something else", "entirely different")]);
    const rules = (args: string[]) => (JSON.parse(run(["stats", near, "--reporter", "json", ...args]).stdout).files[0].diagnostics as Array<{ ruleId: string }>).map((d) => d.ruleId);
    expect(rules([])).not.toContain("example-near-duplicate");
    expect(rules(["--near-dup"])).toContain("example-near-duplicate");
  });

  it("gives identical results with every backend", () => {
    const outs = ["js", "tiktoken", "js-tiktoken"].map((b) => run(["stats", file, "--reporter", "json", "--backend", b]).stdout);
    expect(new Set(outs).size).toBe(1);
  });

  it("exits 1 when examples exceed the limit", () => {
    const r = run(["stats", file, "--limit", "400"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/over the limit \(truncated\)/);
    expect(r.stdout).toMatch(/example-tokens-over-limit/);
  });

  it("rejects an unknown model with exit 2 and one line", () => {
    const r = run(["stats", file, "--model", "gpt-9"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown model "gpt-9"/);
  });

  it("lint --model enables the token rules", () => {
    expect(run(["lint", file]).stdout).not.toMatch(/example-tokens/);
    const r = run(["lint", file, "--model", "gpt-3.5-turbo-0613", "--limit", "400"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/trained-tokens-beyond-limit/);
  });
});
