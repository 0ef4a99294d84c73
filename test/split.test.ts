import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { split } from "../src/split/split.js";
import { normalizeText } from "../src/dedup/keys.js";

const exec = promisify(execFile);
const CLI = path.resolve("dist/cli.js");

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const rec = (user: string, answer: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ messages: [{ role: "user", content: user }, { role: "assistant", content: answer }], ...extra });

/** n distinct short records, varied enough that none is a near duplicate of another. */
function dataset(n: number, extra: (i: number) => Record<string, unknown> = () => ({})): string[] {
  return Array.from({ length: n }, (_, i) => rec(`Question ${i.toString(36)} about ${createHash("md5").update(String(i)).digest("hex")}`, `Answer ${i}`, extra(i)));
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ftdata-split-"));
});

const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
const linesOf = (f: string) => read(f).split("\n").filter((l) => l !== "");

describe("ftdata split", () => {
  it("writes train and holdout whose lines are the input's lines, each exactly once", async () => {
    const input = dataset(200);
    writeFileSync(path.join(dir, "data.jsonl"), input.join("\n") + "\n");
    const r = await cli(["split", "data.jsonl", "--out-dir", "out"], dir);
    expect(r.code).toBe(0);
    const train = linesOf("out/train.jsonl");
    const holdout = linesOf("out/holdout.jsonl");
    expect([...train, ...holdout].sort()).toEqual([...input].sort());
    expect(holdout.length).toBeGreaterThan(5);
    expect(holdout.length).toBeLessThan(40);
    expect(r.stdout).toContain(`records  200 → train ${train.length}, holdout ${holdout.length}`);
    expect(r.stdout).toContain(`wrote    out/train.jsonl (${train.length}) and out/holdout.jsonl (${holdout.length})`);
  });

  it("follows the documented formula (reproducible outside ftdata)", async () => {
    const input = dataset(300);
    writeFileSync(path.join(dir, "data.jsonl"), input.join("\n") + "\n");
    await split("data.jsonl", { cwd: dir, outDir: "out", fraction: 0.2, salt: "s1" });
    const threshold = BigInt(Math.floor(0.2 * 2 ** 64));
    const expected = input.filter((l) => {
      const user = (JSON.parse(l) as { messages: { content: string }[] }).messages[0]!.content;
      const d = createHash("sha256").update(Buffer.concat([Buffer.from("s1"), Buffer.from([0]), Buffer.from(normalizeText(user, "loose"))])).digest();
      return d.readBigUInt64BE(0) < threshold;
    });
    expect(linesOf("out/holdout.jsonl")).toEqual(expected);
  });

  it("copies lines byte for byte: key order, escapes, CRLF, non-ASCII", async () => {
    const odd = [
      '{"z":1,"messages":[{"role":"user","content":"caf\\u00e9 ünï"},{"role":"assistant","content":"ok"}]}',
      '{ "messages" : [ {"content":"b","role":"user"}, {"role":"assistant","content":"x"} ] }\r',
      ...dataset(30),
    ];
    const bytes = odd.join("\n") + "\n";
    writeFileSync(path.join(dir, "data.jsonl"), bytes);
    // A small fraction keeps at least 10 training rows whatever the hash draws.
    await split("data.jsonl", { cwd: dir, outDir: "out", fraction: 0.2 });
    const all = (read("out/train.jsonl") + read("out/holdout.jsonl")).split("\n").filter((l) => l !== "");
    expect(all.sort()).toEqual(odd.slice().sort());
  });

  it("keeps every group on one side (multi-turn expansions share the first user message)", async () => {
    const input: string[] = [];
    for (let i = 0; i < 60; i++) {
      const u = `Conversation ${i} starts ${createHash("md5").update(String(i)).digest("hex")}`;
      input.push(rec(u, "a1"));
      input.push(JSON.stringify({ messages: [{ role: "user", content: u }, { role: "assistant", content: "a1" }, { role: "user", content: "more" }, { role: "assistant", content: "a2" }] }));
    }
    writeFileSync(path.join(dir, "data.jsonl"), input.join("\n") + "\n");
    const report = await split("data.jsonl", { cwd: dir, outDir: "out", fraction: 0.3 });
    const firstUser = (l: string) => (JSON.parse(l) as { messages: { content: string }[] }).messages[0]!.content;
    const trainUsers = new Set(linesOf("out/train.jsonl").map(firstUser));
    for (const l of linesOf("out/holdout.jsonl")) expect(trainUsers.has(firstUser(l))).toBe(false);
    expect(report.split!.groups.total).toBe(60);
    expect(report.split!.leakage).toEqual({ examples: 0, prompts: 0, nearPrompts: 0 });
  });

  it("refuses to overwrite an existing output without --force, and never the input", async () => {
    writeFileSync(path.join(dir, "data.jsonl"), dataset(50).join("\n") + "\n");
    expect((await cli(["split", "data.jsonl", "--out-dir", "out"], dir)).code).toBe(0);
    const again = await cli(["split", "data.jsonl", "--out-dir", "out"], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe("ftdata split: out/train.jsonl already exists; use --force to replace it\n");
    expect((await cli(["split", "data.jsonl", "--out-dir", "out", "--force"], dir)).code).toBe(0);
    const self = await cli(["split", "data.jsonl", "--train", "data.jsonl", "--holdout-out", "h.jsonl", "--force"], dir);
    expect(self.code).toBe(2);
    expect(self.stderr).toContain("refusing to write data.jsonl: it is the input data.jsonl");
    expect(readdirSync(path.join(dir, "out")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("errors and writes nothing when fewer than 10 training examples would be left", async () => {
    writeFileSync(path.join(dir, "data.jsonl"), dataset(8).join("\n") + "\n");
    const r = await cli(["split", "data.jsonl", "--out-dir", "out"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error\s+Only \d training examples would be left after the split \(minimum 10\); nothing was written\s+split-train-too-small/);
    expect(existsSync(path.join(dir, "out/train.jsonl"))).toBe(false);
    expect(existsSync(path.join(dir, "out/holdout.jsonl"))).toBe(false);
  });

  it("errors and writes nothing when a line is not valid JSON", async () => {
    const input = dataset(40);
    input[5] = '{"messages": [';
    writeFileSync(path.join(dir, "data.jsonl"), input.join("\n") + "\n");
    const report = await split("data.jsonl", { cwd: dir, outDir: "out" });
    expect(report.files[0]!.diagnostics.find((d) => d.ruleId === "json-invalid")?.line).toBe(6);
    expect(report.errorCount).toBeGreaterThan(0);
    expect(report.split!.outputs.written).toBe(false);
    expect(existsSync(path.join(dir, "out/train.jsonl"))).toBe(false);
  });

  it("warns about a small holdout with its margin of error, and about a group holding > 5% of records", async () => {
    const input = [...dataset(40), ...Array.from({ length: 5 }, (_, i) => rec("Hi", `greeting ${i}`))];
    writeFileSync(path.join(dir, "data.jsonl"), input.join("\n") + "\n");
    const report = await split("data.jsonl", { cwd: dir, outDir: "out" });
    const d = report.files[0]!.diagnostics;
    const small = d.find((x) => x.ruleId === "split-holdout-small")!;
    const h = report.split!.records.holdout;
    expect(small.severity).toBe("warning");
    expect(small.data!.margin).toBe(Math.round(1000 * 1.96 * Math.sqrt(0.25 / h)) / 10);
    const large = d.find((x) => x.ruleId === "split-group-large")!;
    expect(large.line).toBe(41);
    expect(large.data).toMatchObject({ size: 5, percent: 11.1 });
  });

  it("reports strata and warns about a stratum missing from the holdout", async () => {
    const input = [...dataset(300, (i) => ({ label: i % 3 === 0 ? "neg" : "pos" })), rec("rare one", "x", { label: "rare" })];
    writeFileSync(path.join(dir, "data.jsonl"), input.join("\n") + "\n");
    const report = await split("data.jsonl", { cwd: dir, outDir: "out", stratifyBy: "label", salt: "fixed" });
    const strata = report.split!.strata!;
    expect(strata.map((s) => [s.value, s.records])).toEqual([["pos", 200], ["neg", 100], ["rare", 1]]);
    for (const s of strata) expect(s.train + s.holdout).toBe(s.records);
    const rare = strata.find((s) => s.value === "rare")!;
    const missing = report.files[0]!.diagnostics.filter((x) => x.ruleId === "split-stratum-missing");
    expect(missing.length).toBe(rare.holdout === 0 ? 1 : 0);
  });

  it("--holdout-count gives exactly N, proportionally per stratum", async () => {
    const input = dataset(300, (i) => ({ label: i % 3 === 0 ? "neg" : "pos" }));
    writeFileSync(path.join(dir, "data.jsonl"), input.join("\n") + "\n");
    const report = await split("data.jsonl", { cwd: dir, outDir: "out", holdoutCount: 30, stratifyBy: "label" });
    expect(linesOf("out/holdout.jsonl").length).toBe(30);
    expect(report.split!.method).toBe("bottom-k");
    expect(report.split!.strata!.map((s) => [s.value, s.holdout])).toEqual([["pos", 20], ["neg", 10]]);
  });

  it("groups by a field with --group-by field:<path>", async () => {
    const input = dataset(100, (i) => ({ meta: { conv: `c${i % 10}` } }));
    writeFileSync(path.join(dir, "data.jsonl"), input.join("\n") + "\n");
    const report = await split("data.jsonl", { cwd: dir, outDir: "out", groupBy: "field:meta.conv", fraction: 0.3, leakage: false });
    expect(report.split!.groups.total).toBe(10);
    const conv = (l: string) => (JSON.parse(l) as { meta: { conv: string } }).meta.conv;
    const train = new Set(linesOf("out/train.jsonl").map(conv));
    for (const l of linesOf("out/holdout.jsonl")) expect(train.has(conv(l))).toBe(false);
    expect(report.split!.leakage).toBeNull();
  });

  it("flags the same example landing on both sides when grouping by a field, and writes nothing", async () => {
    const input = [...dataset(60), rec("Same question", "same answer", { g: 1 }), rec("Same question", "same answer", { g: 2 })];
    writeFileSync(path.join(dir, "data.jsonl"), input.join("\n") + "\n");
    // Try salts until the two copies land on different sides, then check the error.
    let found = false;
    for (let s = 0; s < 60 && !found; s++) {
      const report = await split("data.jsonl", { cwd: dir, outDir: `o${s}`, groupBy: "field:g", salt: `s${s}`, fraction: 0.5 });
      const leak = report.files.flatMap((f) => f.diagnostics).find((d) => d.ruleId === "holdout-example-duplicate");
      if (!leak) continue;
      found = true;
      expect(leak.severity).toBe("error");
      expect(leak.related![0]!.file).toBe(`o${s}/holdout.jsonl`);
      expect(report.split!.leakage!.examples).toBe(1);
      expect(report.split!.outputs.written).toBe(false);
      expect(existsSync(path.join(dir, `o${s}/train.jsonl`))).toBe(false);
    }
    expect(found).toBe(true);
  });

  it("prints the typed split report with --reporter json", async () => {
    writeFileSync(path.join(dir, "data.jsonl"), dataset(100).join("\n") + "\n");
    const r = await cli(["split", "data.jsonl", "--out-dir", "out", "--reporter", "json", "--salt", "abc"], dir);
    const report = JSON.parse(r.stdout) as { split: Record<string, unknown> };
    expect(report.split).toMatchObject({ method: "hash-threshold", salt: "abc", groupBy: "first-user", fraction: 0.1, outputs: { train: "out/train.jsonl", holdout: "out/holdout.jsonl", written: true } });
  });

  it("rejects bad options with exit 2 and one line", async () => {
    writeFileSync(path.join(dir, "data.jsonl"), dataset(20).join("\n") + "\n");
    const cases: [string[], string][] = [
      [["split", "data.jsonl"], "ftdata split: say where to write: --out-dir <dir>, or both --train <file> and --holdout-out <file>\n"],
      [["split", "data.jsonl", "--out-dir", "o", "--holdout", "1.5"], 'ftdata split: --holdout must be a fraction between 0 and 1, found "1.5"\n'],
      [["split", "data.jsonl", "--out-dir", "o", "--group-by", "user"], 'ftdata split: --group-by must be first-user, prompt, conversation, none or field:<path>, found "user"\n'],
      [["split", "missing.jsonl", "--out-dir", "o"], "ftdata split: cannot read missing.jsonl: no such file\n"],
    ];
    for (const [args, err] of cases) {
      const r = await cli(args, dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(err);
    }
  });
});

describe("ftdata dedupe", () => {
  it("drops later copies, keeps the first, copies the rest byte for byte and prints what it removed", async () => {
    const a = rec("Hi", "Hello");
    const input = [a, '{"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"y"}], "id": 1}', rec("Hi ", "Hello", { id: 9 }), "", a];
    writeFileSync(path.join(dir, "data.jsonl"), input.join("\n") + "\n");
    const r = await cli(["dedupe", "data.jsonl", "--out", "clean.jsonl"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Removed 2 records; wrote clean.jsonl (3 records)\n  line 3: duplicate of line 1\n  line 5: duplicate of line 1\n");
    expect(read("clean.jsonl")).toBe([input[0], input[1], "", ""].join("\n"));
    const again = await cli(["dedupe", "data.jsonl", "--out", "clean.jsonl"], dir);
    expect(again.code).toBe(2);
    const self = await cli(["dedupe", "data.jsonl", "--out", "data.jsonl", "--force"], dir);
    expect(self.stderr).toBe("ftdata dedupe: refusing to write data.jsonl: it is the input data.jsonl; write the output to a new file\n");
  });
});

describe("ftdata dedupe --near", () => {
  it("also drops near duplicates, keeping the first line of each cluster", async () => {
    const story = "the quick brown fox jumps over the lazy dog while the sun sets slowly behind the distant mountains and the river flows through the green valley towards the sea where the old ships sail away into the night";
    const input = [rec("Tell me a story", story), rec("Something else", "entirely different"), rec("Tell me a story", story.replace("night", "dark night"))];
    writeFileSync(path.join(dir, "data.jsonl"), input.join("\n") + "\n");
    const exact = await cli(["dedupe", "data.jsonl", "--out", "a.jsonl"], dir);
    expect(exact.stdout).toBe("No duplicates found; wrote a.jsonl (3 records)\n");
    const near = await cli(["dedupe", "data.jsonl", "--out", "b.jsonl", "--near"], dir);
    expect(near.stdout).toBe("Removed 1 record; wrote b.jsonl (2 records)\n  line 3: near duplicate of line 1\n");
    expect(linesOf("b.jsonl")).toEqual(input.slice(0, 2));
  });
});

describe("ftdata lint --holdout", () => {
  it("exits 1 on an example present in both files and names the holdout line", async () => {
    const train = dataset(20);
    const holdout = [rec("unrelated question here", "x"), train[4]!];
    writeFileSync(path.join(dir, "train.jsonl"), train.join("\n") + "\n");
    writeFileSync(path.join(dir, "valid.jsonl"), holdout.join("\n") + "\n");
    const r = await cli(["lint", "train.jsonl", "--holdout", "valid.jsonl"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/5\s+error\s+The same example is in the holdout file valid\.jsonl on line 2/);
    const clean = await cli(["lint", "train.jsonl", "--holdout", "valid.jsonl", "--reporter", "json"], dir);
    const report = JSON.parse(clean.stdout) as { files: { file: string }[] };
    expect(report.files.map((f) => f.file)).toEqual(["train.jsonl", "valid.jsonl"]);
  });
});
