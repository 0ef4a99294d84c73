import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dedupe } from "../src/dedupe/dedupe.js";
import { estimateJaccard, minhashSignature, normalizeText } from "../src/dedup/keys.js";
import { findings } from "./helpers/lint-records.js";

/** The shingle set minhashSignature samples, computed as strings: word 5-grams from 30 words, else character 5-grams. */
function shingles(text: string): Set<string> {
  const s = normalizeText(text, "loose");
  const words = s.split(" ");
  const out = new Set<string>();
  if (words.length < 30) {
    if (s.length <= 5) out.add(s);
    else for (let i = 0; i + 5 <= s.length; i++) out.add(s.slice(i, i + 5));
  } else for (let i = 0; i + 5 <= words.length; i++) out.add(words.slice(i, i + 5).join(" "));
  return out;
}

function exactJaccard(a: string, b: string): number {
  const x = shingles(a);
  const y = shingles(b);
  let both = 0;
  for (const s of x) if (y.has(s)) both++;
  return both / (x.size + y.size - both);
}

function estimate(a: string, b: string): number {
  return estimateJaccard(minhashSignature(a)!.slice(), 0, minhashSignature(b)!.slice(), 0);
}

// Short words over a small alphabet so random texts share shingles; pairs are either two random texts
// or a text and an edit of it (a few words replaced), to cover the whole range of similarities.
const word = fc.stringMatching(/^[a-f]{1,5}$/);
const text = fc.oneof(fc.array(word, { minLength: 1, maxLength: 3 }), fc.array(word, { minLength: 4, maxLength: 25 }), fc.array(word, { minLength: 30, maxLength: 250 }));
const short = fc.stringMatching(/^[a-z0-9]{1,5}$/);
const pair = fc.oneof(
  fc.tuple(short, short),
  fc.tuple(text, text).map(([a, b]) => [a.join(" "), b.join(" ")] as const),
  fc
    .tuple(text, fc.array(fc.tuple(fc.nat(), word), { maxLength: 40 }))
    .map(([a, edits]) => {
      const b = [...a];
      for (const [i, w] of edits) b[i % b.length] = w;
      return [a.join(" "), b.join(" ")] as const;
    }),
);

describe("MinHash estimate against the exact Jaccard similarity of the shingle sets", () => {
  // 128 permutations give a standard error of up to 0.044 (at J = 0.5): ±0.1 is 2.3 standard errors,
  // so a few pairs in a hundred at mid similarities may miss it by chance; ±0.16 (3.6) is the hard bound.
  it("stays within ±0.16 on every pair, and never reports a pair under 0.5 as 0.9 or more", () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const exact = exactJaccard(a, b);
        const est = estimate(a, b);
        expect(Math.abs(est - exact)).toBeLessThanOrEqual(0.16);
        if (exact < 0.5) expect(est).toBeLessThan(0.9);
      }),
      { seed: 15, numRuns: 2000 },
    );
  });

  it("stays within ±0.1 on at least 98% of pairs, without bias", () => {
    const pairs = fc.sample(pair, { seed: 1515, numRuns: 1000 });
    const errors = pairs.map(([a, b]) => estimate(a, b) - exactJaccard(a, b));
    expect(errors.filter((e) => Math.abs(e) > 0.1).length).toBeLessThanOrEqual(20);
    expect(Math.abs(errors.reduce((s, e) => s + e, 0) / errors.length)).toBeLessThan(0.01);
  });

  it("does not call two different texts of five characters or fewer similar", () => {
    const texts = fc.sample(fc.stringMatching(/^[a-z0-9]{1,5}$/), { seed: 7, numRuns: 300 });
    const distinct = [...new Set(texts)];
    const sigs = distinct.map((t) => minhashSignature(t)!.slice());
    let similar = 0;
    for (let i = 0; i < sigs.length; i++) for (let j = i + 1; j < sigs.length; j++) if (estimateJaccard(sigs[i]!, 0, sigs[j]!, 0) >= 0.5) similar++;
    expect(similar).toBe(0);
  });
});

describe("150 distinct two-letter prompts all answered \"ok\"", () => {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const rows = Array.from({ length: 150 }, (_, i) => ({
    messages: [
      { role: "user", content: letters[i % 26]! + letters[Math.floor(i / 26)]! },
      { role: "assistant", content: "ok" },
    ],
  }));

  it("lint reports no near duplicates", async () => {
    expect(await findings("example-near-duplicate", rows)).toEqual([]);
  });

  it("dedupe --near deletes none", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-near-short-"));
    writeFileSync(path.join(dir, "data.jsonl"), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const r = await dedupe("data.jsonl", { out: "clean.jsonl", cwd: dir, near: true });
    expect(r.removed).toEqual([]);
    expect(readFileSync(path.join(dir, "clean.jsonl"), "utf8").trim().split("\n")).toHaveLength(150);
  });
});
