import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dedupe } from "../src/dedupe/dedupe.js";
import { validate } from "../src/engine/validate.js";
import { split } from "../src/split/split.js";
import { CLI, ROOT, runCli, tempTree } from "./support/cli.js";

/** A pretty-printed JSON array as LLaMA-Factory ships its `.json` files (2-space indent, multi-line records). */
function alpacaArray(n: number, copies: number[] = []): { text: string; records: object[] } {
  const records: object[] = [];
  for (let i = 0; i < n; i++) records.push({ instruction: `Question number ${i}: what is ${i} + ${i}?`, input: "", output: `The answer is ${2 * i}.` });
  for (const c of copies) records.push({ ...records[c]! });
  return { text: JSON.stringify(records, null, 2) + "\n", records };
}

const parse = (dir: string, file: string) => JSON.parse(readFileSync(path.join(dir, file), "utf8")) as object[];
const key = (r: object) => JSON.stringify(r);

describe("one engine: a pretty-printed JSON array is records, not lines, in every command", () => {
  it("split keeps every record of a .json array and writes two parseable JSON arrays", async () => {
    const { text, records } = alpacaArray(120, [3, 7, 7]);
    const dir = tempTree({ "alpaca.json": text });
    const report = await split("alpaca.json", { cwd: dir, outDir: "out", fraction: 0.2 });
    expect(report.files[0]!.format).toBe("alpaca");
    expect(report.split!.records.total).toBe(123);
    expect(report.split!.outputs.written).toBe(true);
    expect(readdirSync(path.join(dir, "out")).sort()).toEqual(["holdout.json", "train.json"]);
    const train = parse(dir, "out/train.json");
    const holdout = parse(dir, "out/holdout.json");
    expect(train.length + holdout.length).toBe(123);
    expect(train.length).toBe(report.split!.records.train);
    expect([...train, ...holdout].map(key).sort()).toEqual(records.map(key).sort());
    // Exact copies share a group (first-user), so they land on one side: no leakage.
    expect(report.split!.leakage).toEqual({ examples: 0, prompts: 0, nearPrompts: 0 });
  });

  it("split --jsonl writes a .json array's records as JSONL lines", async () => {
    const { text, records } = alpacaArray(40);
    const dir = tempTree({ "alpaca.json": text });
    const report = await split("alpaca.json", { cwd: dir, outDir: "out", fraction: 0.25, jsonl: true });
    const lines = ["train.jsonl", "holdout.jsonl"].flatMap((f) => readFileSync(path.join(dir, "out", f), "utf8").split("\n").filter(Boolean));
    expect(report.split!.outputs).toMatchObject({ train: "out/train.jsonl", holdout: "out/holdout.jsonl", written: true });
    expect(lines.map((l) => key(JSON.parse(l))).sort()).toEqual(records.map(key).sort());
  });

  it("dedupe removes whole multi-line records of a .json array and writes a parseable array", async () => {
    const { text, records } = alpacaArray(30, [2, 5, 5]);
    const dir = tempTree({ "alpaca.json": text });
    const r = await dedupe("alpaca.json", { cwd: dir, out: "clean.json" });
    const out = parse(dir, "clean.json");
    expect(out).toHaveLength(30);
    expect(out.map(key)).toEqual(records.slice(0, 30).map(key));
    // Each removed record is named by its first and last physical line (5 lines per element here).
    expect(r.removed.map((x) => [x.line, x.endLine, x.duplicateOf])).toEqual([
      [152, 156, 12],
      [157, 161, 27],
      [162, 166, 27],
    ]);
    expect(r.kept).toBe(30);
    // The array keeps the input's bytes: removing the copies gives the file as if they were never there.
    expect(readFileSync(path.join(dir, "clean.json"), "utf8")).toBe(alpacaArray(30).text);
  });

  it("dedupe through the CLI says records, and the output lints clean", () => {
    const { text } = alpacaArray(12, [0]);
    const dir = tempTree({ "a.json": text });
    const r = runCli(["dedupe", "a.json", "-o", "b.json"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("Removed 1 record; wrote b.json (12 records)\n  line 62-66: duplicate of line 2\n");
    const lint = runCli(["lint", "--reporter", "json", "--no-config", "b.json"], { cwd: dir });
    const rep = JSON.parse(lint.stdout);
    expect(rep.files[0]).toMatchObject({ format: "alpaca", records: 12, errorCount: 0 });
  });

  it("split detects the format like lint does when the first line is broken", async () => {
    const good = Array.from({ length: 40 }, (_, i) => JSON.stringify({ messages: [{ role: "user", content: `q${i}` }, { role: "assistant", content: `a${i}` }] }));
    const dir = tempTree({ "cut.jsonl": ['{"messages": [{"role": "user", "cont', ...good].join("\n") + "\n" });
    const linted = await validate("cut.jsonl", { cwd: dir });
    const report = await split("cut.jsonl", { cwd: dir, outDir: "out", fraction: 0.2, dryRun: true });
    expect(linted.files[0]!.format).toBe("openai-chat");
    expect(report.files[0]!.format).toBe("openai-chat");
    expect(report.files[0]!.formatReason).toBe(linted.files[0]!.formatReason);
    expect(report.split!.records.total).toBe(40);
    expect(report.files[0]!.diagnostics.map((d) => [d.ruleId, d.line])).toContainEqual(["json-invalid", 1]);
    expect(report.files[0]!.diagnostics.some((d) => d.ruleId === "format-unknown")).toBe(false);
  });

  it("convert of a .json array keeps the array", async () => {
    const { convert } = await import("../src/convert/index.js");
    const { text } = alpacaArray(5);
    const dir = tempTree({ "a.json": text });
    const r = await convert("a.json", { cwd: dir, to: "openai-chat", output: "chat.json" });
    expect(r.written).toBe(5);
    expect(parse(dir, "chat.json")).toHaveLength(5);
  });
});

describe("leakage is found while splitting", () => {
  it("reports the same example on both sides on the training line, pointing at the holdout output's line", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => JSON.stringify({ messages: [{ role: "user", content: `question ${i}` }, { role: "assistant", content: `answer ${i}` }], g: i }));
    const twin = (g: number) => JSON.stringify({ messages: [{ role: "user", content: "Same question" }, { role: "assistant", content: "same answer" }], g });
    let found = false;
    for (let s = 0; s < 80 && !found; s++) {
      const dir = tempTree({ "d.jsonl": [...rows, twin(100), twin(200)].join("\n") + "\n" });
      const report = await split("d.jsonl", { cwd: dir, outDir: "o", groupBy: "field:g", salt: `s${s}`, fraction: 0.5 });
      const leak = report.files[0]!.diagnostics.find((d) => d.ruleId === "holdout-example-duplicate");
      if (!leak) continue;
      found = true;
      expect([61, 62]).toContain(leak.line);
      expect(leak.file).toBe("d.jsonl");
      expect(leak.related![0]!.file).toBe("o/holdout.jsonl");
      expect(report.split!.outputs.written).toBe(false);
      // The holdout line named is where that record would be in the holdout output (a dry run tells the same).
      const dry = await split("d.jsonl", { cwd: dir, outDir: "o", groupBy: "field:g", salt: `s${s}`, fraction: 0.5, dryRun: true });
      const holdoutRecords = dry.split!.records.holdout;
      expect(leak.related![0]!.line).toBe(holdoutRecords);
    }
    expect(found).toBe(true);
  });
});

describe("splits stay reproducible", () => {
  it("golden: a fixed file and salt send the same records to the holdout", async () => {
    // If this fails, a change moved records between train and holdout: say so in the CHANGELOG.
    const rows = Array.from({ length: 50 }, (_, i) => JSON.stringify({ messages: [{ role: "user", content: `Golden question ${i}?` }, { role: "assistant", content: `Golden answer ${i}.` }] }));
    const dir = tempTree({ "g.jsonl": rows.join("\n") + "\n" });
    await split("g.jsonl", { cwd: dir, outDir: "out", fraction: 0.2, salt: "golden-v1" });
    const held = readFileSync(path.join(dir, "out/holdout.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => Number(/Golden question (\d+)/.exec(l)![1]));
    expect(held).toEqual(GOLDEN_HOLDOUT);
    const byCount = await split("g.jsonl", { cwd: dir, outDir: "out2", holdoutCount: 7, salt: "golden-v1" });
    expect(byCount.split!.records.holdout).toBe(7);
    const held7 = readFileSync(path.join(dir, "out2/holdout.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => Number(/Golden question (\d+)/.exec(l)![1]));
    expect(held7).toEqual(GOLDEN_HOLDOUT_7);
  });
});

describe("pipes", () => {
  it("lint | head -n 1 ends quietly: no stack trace, the findings' exit code", () => {
    const rows = Array.from({ length: 5000 }, () => '{"messages":[{"role":"user","content":"hi"}]}').join("\n") + "\n";
    const dir = tempTree({ "many.jsonl": rows });
    const bash = spawnSync("bash", ["-c", `set -o pipefail; node ${JSON.stringify(CLI)} lint many.jsonl 2>err.txt | head -n 1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat err.txt`], { cwd: dir, encoding: "utf8" });
    // The exit code of lint (1: errors found), then its stderr: empty (it was a stack trace: EPIPE).
    expect(bash.stdout).toBe("1\n");
  });
});

describe("threads", () => {
  it("validate() from the library lints on a worker thread with the same report (built package)", async () => {
    const lib = (await import(path.join(ROOT, "dist", "index.js"))) as typeof import("../src/index.js");
    const rows = [...Array.from({ length: 30 }, (_, i) => JSON.stringify({ messages: [{ role: "user", content: `q${i % 25}` }, { role: "assistant", content: `a${i % 25}` }] })), "{oops", '{"messages": []}'];
    const dir = tempTree({ "d.jsonl": rows.join("\n") + "\n" });
    const calls = { here: 0, there: 0 };
    const seen: number[] = [];
    const here = await lib.validate("d.jsonl", { cwd: dir, offThread: false, onProgress: () => void calls.here++ });
    const there = await lib.validate("d.jsonl", { cwd: dir, offThread: true, onProgress: (p) => void (calls.there++, p.done && seen.push(p.records)) });
    expect(there).toEqual(here);
    expect(here.files[0]!.diagnostics.map((d) => d.ruleId)).toContain("example-duplicate");
    expect(seen).toEqual([31]);
    // The calling thread hears of every line; a worker posts at most one progress message per 100 ms.
    expect(calls.here).toBeGreaterThan(30);
    expect(calls.there).toBeLessThan(5);
  });
});

describe("layers", () => {
  it("the top-level rooms of src/ form no import cycle (type imports included), and core imports only core", () => {
    const graph = roomGraph(path.join(ROOT, "src"));
    expect(graph.get("core") ?? new Set()).toEqual(new Set());
    expect(cycles(graph)).toEqual([]);
  });
});

// Computed with the session-start build (c1390d2…8d8769e, before the engine): the refactor moved no record.
const GOLDEN_HOLDOUT = [9, 27, 28, 30, 34, 48];
const GOLDEN_HOLDOUT_7 = [9, 27, 28, 30, 34, 39, 48];

function roomGraph(src: string): Map<string, Set<string>> {
  const room = (file: string) => {
    const parts = path.relative(src, file).split(path.sep);
    return parts.length === 1 ? parts[0]!.replace(/\.ts$/, "") : parts[0]!;
  };
  const graph = new Map<string, Set<string>>();
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
  for (const file of walk(src)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from\s+|import\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, ".ts"));
      const a = room(file);
      const b = room(target);
      if (a === b) continue;
      if (!graph.has(a)) graph.set(a, new Set());
      graph.get(a)!.add(b);
    }
  }
  return graph;
}

/** Strongly connected components of more than one room (Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c.sort());
    }
  };
  for (const v of [...graph.keys()]) if (!idx.has(v)) visit(v);
  return out;
}
