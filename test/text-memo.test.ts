import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textMemo } from "../src/core/text-memo.js";

// The memo finds texts by a fingerprint of a few characters, then compares them whole: texts that
// share a fingerprint must still get their own results.
describe("textMemo", () => {
  it("returns what the function returns, for texts that share length and sampled characters too", () => {
    // 40-character texts over two letters; one in two keeps every 8th character at "a", so many texts
    // agree on whatever few characters a fingerprint would sample, and differ elsewhere.
    const text = fc
      .tuple(fc.array(fc.constantFrom("a", "b"), { minLength: 40, maxLength: 40 }), fc.boolean())
      .map(([a, fixed]) => a.map((c, i) => (fixed && i % 8 !== 1 ? "a" : c)).join(""));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), (texts) => {
        const f = (t: string) => t.split("").reverse().join("");
        const memo = textMemo(f, 400);
        for (const t of [...texts, ...texts]) expect(memo(t)).toBe(f(t));
      }),
      { numRuns: 300, seed: 19 },
    );
  });

  it("computes a repeated text once (an equal string, not the same object), until its budget is spent", () => {
    let calls = 0;
    const memo = textMemo((t: string) => ++calls + t.length, 100);
    const sys = "You are a helpful assistant. ".repeat(2);
    expect(memo(sys)).toBe(1 + sys.length);
    expect(memo(JSON.parse(JSON.stringify(sys)) as string)).toBe(1 + sys.length);
    expect(memo("")).toBe(2);
    expect(memo("")).toBe(2);
    expect(calls).toBe(2);
    memo("x".repeat(60)); // past the 100-character budget: everything remembered is dropped
    expect(memo(sys)).toBe(4 + sys.length);
  });

  it("is bounded by the number of texts too (short texts cost a Map entry each)", () => {
    let calls = 0;
    const memo = textMemo((t: string) => ++calls + t.length, 1_000_000, 2);
    memo("a");
    memo("b");
    expect(memo("a")).toBe(1 + 1); // still remembered
    memo("c"); // a third text: everything remembered is dropped
    expect(calls).toBe(3);
    expect(memo("a")).toBe(4 + 1);
  });
});
