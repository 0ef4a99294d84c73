import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { dedupe } from "../src/dedupe/dedupe.js";
import { split } from "../src/split/split.js";
import { afterEach, describe, expect, it } from "vitest";
import { validate } from "../src/engine/validate.js";
import { setSpillBudget, spilledRuns, DEFAULT_SPILL_BUDGET } from "../src/dedup/spill.js";
import { onlyRules } from "./helpers/rule-tester.js";

/*
 * The duplicate rules keep one fixed-size record per example in memory up to a budget and spill
 * sorted runs to a temp file past it. Whatever the budget, the report must be the same.
 */


const row = (user: string, answer: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ messages: [{ role: "user", content: user }, { role: "assistant", content: answer }], ...extra });

/** Exact duplicates, conflicting answers and repeated answers, spread over the whole file. */
function dataset(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const q = `Question ${i % 500}${i % 3 === 0 ? "?" : ""}`; // loose prompt key: "?" ignored
    out.push(row(i % 11 === 0 ? q.toUpperCase() : q, `Answer ${((i % 500) + Math.floor(i / 1500)) % 13}`, { id: i }));
    if (i % 97 === 0) out.push(""); // a blank line: lines and records differ
  }
  return out;
}

afterEach(() => {
  setSpillBudget(DEFAULT_SPILL_BUDGET);
});

async function lint(lines: string[], ids: string[], opts: Parameters<typeof validate>[1] = {}) {
  const report = await validate(lines.values(), { rules: onlyRules(...ids), ...opts });
  return report.files[0]!;
}

const spillFiles = () => readdirSync(os.tmpdir()).filter((f) => f.startsWith(`ftdata-spill-${process.pid}-`));

describe("duplicate rules under a small memory budget", () => {
  const ids = ["example-duplicate", "prompt-answer-conflict", "answer-repeated"];
  for (const id of ids) {
    it(`${id}: spilling to disk gives the same diagnostics and clusters`, async () => {
      const data = dataset(3000);
      const inMemory = await lint(data, [id]);
      const before = spilledRuns();
      setSpillBudget(4096);
      const spilled = await lint(data, [id]);
      expect(spilledRuns()).toBeGreaterThan(before + 10);
      expect(inMemory.diagnostics.length).toBeGreaterThan(1);
      expect(inMemory.clusters?.length).toBeGreaterThan(1);
      expect(spilled.diagnostics).toEqual(inMemory.diagnostics);
      expect(spilled.clusters).toEqual(inMemory.clusters);
      expect(spillFiles()).toEqual([]);
    });
  }

  it("all three rules together, with the per-rule listing limit, agree too", async () => {
    const data = dataset(2000);
    const opts = { maxDiagnosticsPerRule: 50 };
    const inMemory = await lint(data, ids, opts);
    setSpillBudget(0);
    const spilled = await lint(data, ids, opts);
    expect(spilled).toEqual(inMemory);
    expect(spillFiles()).toEqual([]);
  });
});

describe("listing limit of clusters", () => {
  const same = Array.from({ length: 40 }, () => row("Hi", "Hello"));

  it("cuts a cluster at maxDiagnosticsPerRule lines and gives its real size", async () => {
    const f = await lint(same, ["example-duplicate"], { maxDiagnosticsPerRule: 10 });
    expect(f.warningCount).toBe(39);
    expect(f.clusters).toEqual([{ ruleId: "example-duplicate", kind: "duplicate", lines: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], size: 40 }]);
  });

  it("lists every line with maxClusterLines: 0", async () => {
    const f = await lint(same, ["example-duplicate"], { maxDiagnosticsPerRule: 10, maxClusterLines: 0 });
    expect(f.clusters).toEqual([{ ruleId: "example-duplicate", kind: "duplicate", lines: Array.from({ length: 40 }, (_, i) => i + 1) }]);
  });

  it("leaves out clusters past the limit, in order of their second line", async () => {
    const pairs = Array.from({ length: 10 }, (_, i) => [row(`q${i}`, "a"), row(`q${i}`, "a")]).flat();
    const f = await lint(pairs, ["example-duplicate"], { maxDiagnosticsPerRule: 5 });
    expect(f.clusters?.map((c) => c.lines)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe("commands built on the duplicate index", () => {
  it("dedupe drops every duplicate, past the listing limit and under a tiny budget", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ftdata-spill-test-"));
    const rows = Array.from({ length: 12_000 }, (_, i) => row(`q${i % 100}`, "a"));
    writeFileSync(path.join(dir, "data.jsonl"), rows.join("\n") + "\n");
    setSpillBudget(4096);
    const r = await dedupe("data.jsonl", { out: "clean.jsonl", cwd: dir });
    const clean = readFileSync(path.join(dir, "clean.jsonl"), "utf8");
    rmSync(dir, { recursive: true, force: true });
    expect(r.kept).toBe(100);
    expect(r.removed).toHaveLength(11_900);
    expect(clean).toBe(rows.slice(0, 100).join("\n") + "\n");
    expect(spillFiles()).toEqual([]);
  });

  it("split reports the same groups under a tiny budget", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ftdata-spill-test-"));
    const rows = Array.from({ length: 3000 }, (_, i) => row(`q${i % 700}`, `a${i}`));
    writeFileSync(path.join(dir, "data.jsonl"), rows.join("\n") + "\n");
    const a = await split("data.jsonl", { cwd: dir, outDir: "a" });
    setSpillBudget(4096);
    const b = await split("data.jsonl", { cwd: dir, outDir: "b" });
    const [ha, hb] = ["a", "b"].map((d) => readFileSync(path.join(dir, d, "holdout.jsonl"), "utf8"));
    rmSync(dir, { recursive: true, force: true });
    expect(b.split!.groups).toEqual(a.split!.groups);
    expect(a.split!.groups.total).toBe(700);
    expect(hb).toBe(ha);
    expect(spillFiles()).toEqual([]);
  });
});

describe("when the temp directory cannot be written", () => {
  it("says so once per rule instead of once per record, and validate() still returns", async () => {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = path.join(os.tmpdir(), "ftdata-no-such-dir", "x");
    try {
      setSpillBudget(0);
      const f = await lint(dataset(500), ["example-duplicate"]);
      const internal = f.diagnostics.filter((d) => d.message.startsWith("Internal error in rule example-duplicate"));
      expect(internal.length).toBeGreaterThanOrEqual(1);
      expect(internal.length).toBeLessThanOrEqual(2);
      expect(internal[0]!.message).toContain("cannot write the duplicate index to a temp file");
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});

describe("RecordSorter order", () => {
  // Records with few distinct first words (ties broken by the other words, then push order) and
  // many distinct ones, on both sides of the radix threshold and with and without spilled runs.
  const records = (n: number, seed: number): number[][] => {
    let s = seed;
    const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    return Array.from({ length: n }, (_, i) => [i % 5 === 0 ? next() % 7 : next(), i % 3 === 0 ? 1 : next() % 4, i]);
  };
  const sortedOf = (rs: number[][]) =>
    [...rs].sort((a, b) => {
      for (let k = 0; k < 3; k++) if (a[k] !== b[k]) return a[k]! < b[k]! ? -1 : 1;
      return 0;
    });
  for (const [n, budget] of [
    [1000, DEFAULT_SPILL_BUDGET],
    [40_000, DEFAULT_SPILL_BUDGET],
    [40_000, 64 * 1024],
  ] as const) {
    it(`visits ${n} records in sorted order (budget ${budget} B)`, async () => {
      const { RecordSorter } = await import("../src/dedup/spill.js");
      const prev = setSpillBudget(budget);
      try {
        const rs = records(n, n + budget);
        const sorter = new RecordSorter(3);
        for (const r of rs) sorter.push(r[0]!, r[1]!, r[2]!);
        const seen: number[][] = [];
        sorter.forEach((r, o) => seen.push([r[o]!, r[o + 1]!, r[o + 2]!]));
        sorter.dispose();
        const want = sortedOf(rs);
        expect(seen.length).toBe(n);
        // The first record out of place (-1: none), rather than a diff of 40,000 rows.
        expect(seen.findIndex((r, i) => r.join() !== want[i]!.join())).toBe(-1);
      } finally {
        setSpillBudget(prev);
      }
    });
  }
});
