import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadRankFile, rustWhitespacePattern } from "../src/tokenizer/bpe.js";
import { scannerFor, type Scanner } from "../src/tokenizer/pretokenize.js";

// The ASCII scanners stand in for the encodings' regular expressions: the pieces they give (with
// the regex taking every piece they leave) must be the regex's pieces, on any text.

const byRegex = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[0]);

function byScanner(scan: Scanner, re: RegExp, text: string): string[] {
  const out: string[] = [];
  let p = 0;
  while (p < text.length) {
    const e = scan(text, p);
    if (e > p) {
      out.push(text.slice(p, e));
      p = e;
      continue;
    }
    re.lastIndex = p;
    const m = re.exec(text)!;
    out.push(m[0]);
    p = re.lastIndex;
  }
  return out;
}

// Every class the patterns tell apart, ASCII and not: cases, digits, newlines, each kind of space,
// apostrophes and contractions, symbols, '/', non-ASCII letters, marks, numbers and spaces.
const parts = ["a", "Z", "hello", "HELLO", "Hello", "hELLO", "7", "42", "1234", "\n", "\r\n", "\n\n", " ", "  ", "\t", "\v", "\f", "   ",
  "'", "'s", "'S", "'t", "'re", "'RE", "'Ve", "'m", "'ll", "'lL", "'d", "'x", ".", "...", "/", "//", "-", "_", "\x00", "\x1f", "\x7f",
  "é", "É", "ß", "你好", "ｈ", "e\u0301", "\u0301", "²", "٣", "Ⅻ", "\u0085", "\u00a0", "\u3000", "\u2028", "—", "“", "😀", "\uD800", "\uFEFF"];
const text = fc.array(fc.oneof(fc.constantFrom(...parts), fc.string({ maxLength: 4 })), { maxLength: 16 }).map((a) => a.join(""));

describe("ASCII pre-tokenizers", () => {
  for (const encoding of ["o200k_base", "cl100k_base"]) {
    const { pat_str } = loadRankFile(encoding);
    const scan = scannerFor(pat_str)!;
    const re = () => new RegExp(rustWhitespacePattern(pat_str), "gu");

    it(`split exactly like the ${encoding} regular expression`, () => {
      expect(scan).toBeDefined();
      const g = re();
      fc.assert(fc.property(text, (t) => {
          expect(byScanner(scan, g, t)).toEqual(byRegex(re(), t));
        }), { numRuns: 20_000 });
    });

    it(`handle the pattern's corners (${encoding})`, () => {
      const g = re();
      const corners = ["  Hello", " \n\n  x", "a  ", "x \t y", "..Hello", ".Hello", " .Hello", "I'd they're HE'LL 'sup", "./\n\nfoo", "1234567", "x\u00a0 y", "ab\u0301c", "1²3", "A\u3000 b", "end "];
      for (const t of corners) expect(byScanner(scan, g, t)).toEqual(byRegex(re(), t));
    });
  }

  it("has no scanner for a pattern it was not written for", () => {
    expect(scannerFor("\\p{L}+|\\s+")).toBeUndefined();
  });
});
