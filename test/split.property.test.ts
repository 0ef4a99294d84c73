import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { split, type SplitOptions } from "../src/split/split.js";
import { normalizeText } from "../src/dedup/keys.js";

const root = mkdtempSync(path.join(tmpdir(), "ftdata-prop-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A chat record as one JSONL line, with varied spacing, key order, metadata and Unicode. */
const lineArb = fc
  .record({
    user: fc.oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }), fc.constantFrom("Hi", "hello!", "HELLO", "What is 2+2?")),
    answer: fc.string({ unit: "grapheme", maxLength: 20 }),
    id: fc.option(fc.integer(), { nil: undefined }),
    spaced: fc.boolean(),
    systemFirst: fc.boolean(),
  })
  .map(({ user, answer, id, spaced, systemFirst }) => {
    const messages = [{ role: "user", content: user }, { role: "assistant", content: answer }];
    if (systemFirst) messages.unshift({ role: "system", content: "sys" });
    const obj: Record<string, unknown> = id === undefined ? { messages } : { id, messages };
    const s = JSON.stringify(obj);
    return spaced ? "  " + s.replace(/,"/g, ', "') + " " : s;
  });

const linesArb = fc.array(lineArb, { minLength: 25, maxLength: 80 });

async function run(lines: string[], options: SplitOptions): Promise<{ train: string[]; holdout: string[]; written: boolean; report: Awaited<ReturnType<typeof split>> }> {
  const dir = path.join(root, String(n++));
  const { mkdirSync } = await import("node:fs");
  mkdirSync(dir);
  writeFileSync(path.join(dir, "in.jsonl"), lines.join("\n") + "\n");
  const report = await split("in.jsonl", { cwd: dir, outDir: "out", leakage: false, ...options });
  if (!report.split!.outputs.written) return { train: [], holdout: [], written: false, report };
  const read = (f: string) => readFileSync(path.join(dir, "out", f), "utf8").split("\n").slice(0, -1);
  return { train: read("train.jsonl"), holdout: read("holdout.jsonl"), written: true, report };
}

const firstUser = (l: string) => normalizeText((JSON.parse(l) as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === "user")!.content, "loose");
const settings = { numRuns: 25 };

describe("split properties", () => {
  it("every input line appears exactly once across the outputs, in input order", async () => {
    await fc.assert(
      fc.asyncProperty(linesArb, fc.double({ min: 0.05, max: 0.5, noNaN: true }), fc.constantFrom("first-user", "prompt", "conversation", "none"), async (lines, fraction, groupBy) => {
        const r = await run(lines, { fraction, groupBy });
        fc.pre(r.written);
        expect([...r.train, ...r.holdout].sort()).toEqual([...lines].sort());
        const inOrder = (sub: string[]) => sub.every((l, i) => i === 0 || lines.indexOf(l) >= lines.indexOf(sub[i - 1]!) || lines.lastIndexOf(l) > lines.indexOf(sub[i - 1]!));
        expect(inOrder(r.train) && inOrder(r.holdout)).toBe(true);
      }),
      settings,
    );
  });

  it("the same input and salt give byte-identical outputs", async () => {
    await fc.assert(
      fc.asyncProperty(linesArb, fc.string({ maxLength: 8 }), async (lines, salt) => {
        const a = await run(lines, { salt });
        const b = await run(lines, { salt });
        expect(b.written).toBe(a.written);
        expect(b.train).toEqual(a.train);
        expect(b.holdout).toEqual(a.holdout);
      }),
      settings,
    );
  });

  it("appending or reordering rows never moves an old row to the other side", async () => {
    await fc.assert(
      fc.asyncProperty(linesArb, fc.array(lineArb, { minLength: 1, maxLength: 30 }), fc.integer(), async (lines, extra, seed) => {
        const a = await run(lines, { fraction: 0.3 });
        fc.pre(a.written);
        const shuffled = [...lines, ...extra].map((l, i) => [l, (i * 2654435761 + seed) >>> 0] as const).sort((x, y) => x[1] - y[1]).map((x) => x[0]);
        const b = await run(shuffled, { fraction: 0.3 });
        fc.pre(b.written);
        const bHoldout = new Set(b.holdout);
        for (const l of a.holdout) expect(bHoldout.has(l)).toBe(true);
        for (const l of a.train) expect(bHoldout.has(l)).toBe(false);
      }),
      settings,
    );
  });

  it("no group straddles the split", async () => {
    await fc.assert(
      fc.asyncProperty(linesArb, fc.double({ min: 0.1, max: 0.6, noNaN: true }), async (lines, fraction) => {
        const r = await run(lines, { fraction });
        fc.pre(r.written);
        const train = new Set(r.train.map(firstUser));
        for (const l of r.holdout) expect(train.has(firstUser(l))).toBe(false);
      }),
      settings,
    );
  });

  it("exact-count mode returns exactly N records", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(lineArb, { minLength: 25, maxLength: 80 }), fc.integer({ min: 1, max: 15 }), async (lines, count) => {
        const r = await run(lines, { holdoutCount: count, groupBy: "none" });
        fc.pre(r.written);
        expect(r.holdout.length).toBe(count);
        expect(r.report.split!.records.holdout).toBe(count);
      }),
      settings,
    );
  });
});
