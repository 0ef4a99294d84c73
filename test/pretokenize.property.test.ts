import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonStrings, LF_DEMO_DIR } from "./helpers/lf-demo.js";
import { loadRankFile, rustWhitespacePattern } from "../src/tokenizer/bpe.js";
import { scannerFor, type Scanner } from "../src/tokenizer/pretokenize.js";

// The scanners stand in for the encodings' regular expressions: the pieces they give must be the
// regex's pieces, on any text (ASCII or not).

const byRegex = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[0]);

function byScanner(scan: Scanner, text: string): string[] {
  const out: string[] = [];
  let p = 0;
  while (p < text.length) {
    const e = scan(text, p);
    if (e <= p) throw new Error(`no progress at ${p} in ${JSON.stringify(text)}`);
    out.push(text.slice(p, e));
    p = e;
  }
  return out;
}

// Every class the patterns tell apart, ASCII and not: cases, digits, newlines, each kind of space,
// apostrophes and contractions, symbols, '/', non-ASCII letters of every case class (Lu, Ll, Lt, Lm,
// Lo), marks (also after an upper-case letter, and at the start of a piece), numbers, spaces,
// astral letters and digits, emoji with their variation selectors, skin tones and joiners, and
// lone surrogates.
const parts = ["a", "Z", "hello", "HELLO", "Hello", "hELLO", "7", "42", "1234", "\n", "\r\n", "\n\n", " ", "  ", "\t", "\v", "\f", "   ",
  "'", "'s", "'S", "'t", "'re", "'RE", "'Ve", "'m", "'ll", "'lL", "'d", "'x", ".", "...", "/", "//", "-", "_", "\x00", "\x1f", "\x7f",
  "é", "É", "ß", "你好", "ｈ", "e\u0301", "\u0301", "²", "٣", "Ⅻ", "\u0085", "\u00a0", "\u3000", "\u2028", "—", "“", "😀", "\uD800", "\uFEFF",
  "Привет", "ПРИВЕТ", "мир", "Ω", "ǅ", "ǆ", "ʰ", "ー", "カタカナ", "ひらがな", "E\u0301", "É\u0301A", "\u0301\u0301", "नमस्ते", "ि", "안녕", "ไทย",
  "مرحبا", "\u200b", "\u200d", "\ufe0f", "👍🏽", "👨‍👩‍👧", "❤️", "𝐀", "𝐚", "𠀀", "𝟙", "１２３", "，", "。", "！？", "“你”", "\uDC00", "\uDBFF\uDFFF",
  "Ⅻ", "½", "〇", "ᾼ", "\u1680", "\u2000", "\u202f", "\u205f"];
const text = fc
  .array(fc.oneof(fc.constantFrom(...parts), fc.string({ maxLength: 4 }), fc.string({ unit: "binary", maxLength: 3 })), { maxLength: 16 })
  .map((a) => a.join(""));

const DEMO = LF_DEMO_DIR;
const demoFiles = ["alpaca_zh_demo.json", "glaive_toolcall_zh_demo.json", "dpo_zh_demo.json", "alpaca_en_demo.json"];

describe("pre-tokenizers", () => {
  for (const encoding of ["o200k_base", "cl100k_base"]) {
    const { pat_str } = loadRankFile(encoding);
    const scan = scannerFor(pat_str)!;
    const re = () => new RegExp(rustWhitespacePattern(pat_str), "gu");

    it(`split exactly like the ${encoding} regular expression`, () => {
      expect(scan).toBeDefined();
      fc.assert(fc.property(text, (t) => {
          expect(byScanner(scan, t)).toEqual(byRegex(re(), t));
        }), { numRuns: 20_000 });
    });

    it(`handle the pattern's corners (${encoding})`, () => {
      const corners = ["  Hello", " \n\n  x", "a  ", "x \t y", "..Hello", ".Hello", " .Hello", "I'd they're HE'LL 'sup", "./\n\nfoo", "1234567", "x\u00a0 y", "ab\u0301c", "1²3", "A\u3000 b", "end ",
        "ÉCOLE's", "ПРИВЕТмир", "HELLOカ", "Ａ\u0301\u0301", " \u0301x", "\u0301", "x\u0301A", "你好，世界！\n\n", "数字１２３４", "🙂🙂 /x", "ǅa", "ʰʰA", "𝐀𝐀𝐚", "\uD800a", "a\uDC00", "\u3000\u3000你", "it'", "IT'L", "'", "x'r", "中'"];
      for (const t of corners) expect(byScanner(scan, t)).toEqual(byRegex(re(), t));
    });

    it.skipIf(!existsSync(DEMO))(`split LLaMA-Factory's Chinese and English demo data like the ${encoding} regex`, () => {
      for (const f of demoFiles) {
        const all = jsonStrings(JSON.parse(readFileSync(`${DEMO}/${f}`, "utf8")));
        expect(all.length).toBeGreaterThan(100);
        for (const t of all) expect(byScanner(scan, t)).toEqual(byRegex(re(), t));
      }
    });
  }

  it("has no scanner for a pattern it was not written for", () => {
    expect(scannerFor("\\p{L}+|\\s+")).toBeUndefined();
  });
});
