import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerHash, answerKeyText, answerMessages, exampleHash, exampleKeyText, looseAnswerHash, messagesText, normalizeText, promptHash, promptKeyText } from "../src/dedup/keys.js";
import { looseHash, normalizedHash, normalizedHashes, textHash } from "../src/dedup/text-hash.js";
import { readFileSync } from "node:fs";
import { openaiChat } from "../src/formats/openai-chat.js";
import type { CanonicalExample, JsonObject } from "../src/core/canonical.js";
import { NATIVE_PATH, unicodeText, variants } from "./helpers/unicode-text.js";

// The duplicate rules hash texts as normalised in one pass (text-hash.ts) instead of building the
// normalised strings (keys.ts normalizeText): the two must agree on every text, or a duplicate
// would be missed or invented.

const lanes = (t: string, level: "none" | "standard" | "loose") => {
  normalizedHash(t, level);
  return [textHash.h1, textHash.h2, textHash.length];
};

/** The plain definition: the per-character fold of the string keys.ts normalises natively. */
const fold = (s: string) => {
  let h1 = 0x811c9dc5;
  let h2 = 0x2545f491;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return [h1 >>> 0, h2 >>> 0, s.length];
};
const plain = (t: string, level: "standard" | "loose") => fold(normalizeText(t, level));
const both = (t: string) => {
  normalizedHashes(t);
  return [[textHash.h1, textHash.h2, textHash.length], [looseHash.h1, looseHash.h2, looseHash.length]];
};

// Characters the normalisation treats specially, mixed with plain ones.
const special = [" ", "  ", "\t", "\n", "\r\n", "\u0085", "\u00a0", "\u2028", "\u3000", "\uFEFF", "\u200B", "\u200D", "\u2060",
  "ﬁ", "Ｈ", "²", "e\u0301", "İ", "ΑΣ", "Σ.", "ß", "!", "?", "...", "€", "+", "—", "“", "你好，", "世界！", "😀", "👍🏽", "\uD800", "A", "z", "7", "_", "-", "Größe",
  // Characters whose NFKC or lower case depends on their neighbours or changes length: Hangul
  // compatibility and conjoining jamo, halfwidth katakana sound marks, Tamil vowel signs, marks after
  // mapped characters, final sigma, and text of the scripts users fine-tune on.
  "ㄱ", "ㅏ", "ᄀ", "ᅡ", "ᆨ", "가", "ｶ", "ﾞ", "ﾟ", "ொ", "ெ", "ா", "①\u0301", "ﬁ\u0301", "Σ", "ΣΑ", "İ", "Ϊ", "，", "：", "（）", "　",
  "数据", "Привет", "ÉCOLE", "ǅ", "ẞ", "Ⅻ", "㎏", "❤️", "\uFE0F", "𝐀", "\uDC00"];
const text = fc.array(fc.oneof(fc.constantFrom(...special), fc.string({ maxLength: 6 }), fc.string({ unit: "grapheme", maxLength: 4 })), { maxLength: 12 }).map((a) => a.join(""));

describe("normalised text hashes", () => {
  it("treat every ASCII character as normalizeText does", () => {
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      // The last two take the native path (a combining mark), where the post-NFKC tables apply.
      for (const t of [`a${ch}b`, `${ch}x${ch}${ch}`, `e\u0301${ch}Q${ch}`, `${ch}\u0301 Z`]) {
        for (const level of ["standard", "loose"] as const) expect(lanes(t, level), `char ${c} (${level})`).toEqual(lanes(normalizeText(t, level), "none"));
      }
    }
  });

  it("hash a text exactly as its normalised string (standard and loose)", () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const level of ["standard", "loose"] as const) {
          const norm = normalizeText(t, level);
          expect(lanes(t, level)).toEqual(lanes(norm, "none"));
          expect(textHash.length).toBe(norm.length);
        }
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  // The lanes are part of the keys' definition (a cached or spilled key must mean the same thing in
  // every version): the fast paths (the branch-free table loop, the raw loop) must give exactly what
  // the plain per-character fold (`fold` above) gives over the normalised string.
  it("give the lanes of the plain per-character fold of the normalised text", () => {
    // Mostly ASCII, with separator runs at the ends and inside, control characters and case.
    const ascii = fc.array(fc.constantFrom(" ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x00", "\x1f", "\x7f", "a", "Z", "q9", "Hello", ".", "!?", "-", "_", "~", "é", "\u00a0"), { maxLength: 16 }).map((a) => a.join(""));
    fc.assert(
      fc.property(fc.oneof(ascii, text), (t) => {
        expect(lanes(t, "none")).toEqual(fold(t));
        for (const level of ["standard", "loose"] as const) expect(lanes(t, level)).toEqual(fold(normalizeText(t, level)));
      }),
      { numRuns: 5000, seed: 5 },
    );
  });

  // The one-pass hash of both forms (prompt messages feed the loose prompt key and the standard
  // example key) must give each form's lanes exactly.
  it("hash both forms in one pass exactly as each form alone", () => {
    const both = (t: string) => {
      normalizedHashes(t);
      return [[textHash.h1, textHash.h2, textHash.length], [looseHash.h1, looseHash.h2, looseHash.length]];
    };
    fc.assert(
      fc.property(text, (t) => {
        expect(both(t)).toEqual([lanes(normalizeText(t, "standard"), "none"), lanes(normalizeText(t, "loose"), "none")]);
      }),
      { numRuns: 5000, seed: 13 },
    );
  });

  it("hash the texts NFKC composes across characters as their normalised strings", () => {
    // ㄱㅏ → 가, 가 + ᆨ → 각, ｶﾞ → ガ, ெ + ா → ொ, e + U+0301 → é; Σ lower-cases by its neighbours.
    for (const t of ["ㄱㅏ", "가\u11a8", "\u1100\u1161", "ｶﾞ", "\u0bc6\u0bbe", "e\u0301", "ΟΔΟΣ ΣΑ", "İ", "x ，y"]) {
      for (const level of ["standard", "loose"] as const) expect([t, lanes(t, level)]).toEqual([t, lanes(normalizeText(t, level), "none")]);
      normalizedHashes(t);
      expect([textHash.h1, looseHash.h1]).toEqual([lanes(normalizeText(t, "standard"), "none")[0], lanes(normalizeText(t, "loose"), "none")[0]]);
    }
  });

  it("hash LLaMA-Factory's demo texts (Chinese and English) as their normalised strings", () => {
    const all: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === "string") all.push(v);
      else if (v !== null && typeof v === "object") for (const x of Object.values(v)) walk(x);
    };
    const dir = "test/fixtures/llamafactory";
    for (const f of ["alpaca_zh_demo.json", "glaive_toolcall_zh_demo.json", "dpo_zh_demo.json", "alpaca_en_demo.json", "glaive_toolcall_en_demo.json"]) walk(JSON.parse(readFileSync(`${dir}/${f}`, "utf8")));
    expect(all.length).toBeGreaterThan(1000);
    for (const t of all) {
      for (const level of ["standard", "loose"] as const) expect([t, lanes(t, level)]).toEqual([t, plain(t, level)]);
      expect([t, both(t)]).toEqual([t, [plain(t, "standard"), plain(t, "loose")]]);
    }
  });

  // Random text from the scripts and characters users' data holds, drawn by code point: the table
  // pass (per character) must give what native NFKC, lower-casing and the regular expressions of
  // keys.ts give on the whole string, and send to the native path every text it cannot answer for.
  it("hash random Unicode text (CJK, Cyrillic, accents, emoji, marks, fullwidth, whitespace) as its normalised strings", () => {
    let perCharacter = 0;
    fc.assert(
      fc.property(unicodeText, (t) => {
        if (!NATIVE_PATH.test(t)) perCharacter++;
        for (const level of ["standard", "loose"] as const) expect([t, lanes(t, level)]).toEqual([t, plain(t, level)]);
        expect([t, both(t)]).toEqual([t, [plain(t, "standard"), plain(t, "loose")]]);
      }),
      { numRuns: 6000, seed: 17 },
    );
    // Most texts go the per-character way (the native path is the definition itself).
    expect(perCharacter).toBeGreaterThan(3000);
  });

  it("take back the separator a text ends with, whatever makes it one", () => {
    // Whitespace, zero-width after a space, punctuation (loose), an astral symbol (loose), a
    // character NFKC maps to several (… → ...), a fullwidth space, and the native path (a mark).
    for (const end of [" ", "\t\u200b", " \u200b", "!", "🙂", "👍🏽", "…", "\u3000", "\u0301 ", "，", "。\n", "\u00a8 "]) {
      for (const t of ["a" + end, "数据" + end, end, end + "x" + end + end]) {
        for (const level of ["standard", "loose"] as const) expect([t, lanes(t, level)]).toEqual([t, plain(t, level)]);
      }
    }
  });

  it("hash every CJK unified ideograph and Hangul syllable as its normalised string", () => {
    for (const [from, to] of [[0x4e00, 0x9fff], [0xac00, 0xd7a3]] as const) {
      let t = "";
      for (let c = from; c <= to; c++) t += String.fromCharCode(c) + (c % 5 === 0 ? " " : "");
      for (const level of ["standard", "loose"] as const) expect(lanes(t, level)).toEqual(plain(t, level));
      // And after native lower-casing and NFKC (a Σ sends the text to the native path).
      for (const level of ["standard", "loose"] as const) expect(lanes(t + "Σ", level)).toEqual(plain(t + "Σ", level));
    }
  });

  it("stay exact past the bound of remembered astral characters", () => {
    // 20,000 distinct CJK Extension B characters (more than the 16,384 each form remembers), twice.
    let t = "";
    for (let cp = 0x20000; cp < 0x20000 + 20_000; cp++) t += String.fromCodePoint(cp) + (cp % 7 === 0 ? "! " : "");
    for (let k = 0; k < 2; k++) for (const level of ["standard", "loose"] as const) expect(lanes(t, level)).toEqual(plain(t, level));
  });

  it("separate texts that normalise differently, and only those", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        for (const level of ["standard", "loose"] as const) {
          const same = normalizeText(a, level) === normalizeText(b, level);
          expect(lanes(a, level).join() === lanes(b, level).join()).toBe(same);
        }
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it("examples, prompts and answers share a key exactly when their key texts are equal", () => {
    const msg = fc.record({ role: fc.constantFrom("system", "user", "assistant"), content: text });
    const record = fc.record({ messages: fc.array(msg, { minLength: 1, maxLength: 4 }) }) as fc.Arbitrary<JsonObject>;
    const ex = (r: JsonObject): CanonicalExample | undefined => openaiChat.toCanonical(r);
    fc.assert(
      fc.property(record, record, (ra, rb) => {
        const a = ex(ra);
        const b = ex(rb);
        if (!a || !b) return;
        const eq = (x: Uint32Array | undefined, y: Uint32Array | undefined) => (x === undefined || y === undefined ? x === y : x.join() === y.join());
        const ha = [exampleHash(a), promptHash(a), answerHash(a)];
        const hb = [exampleHash(b), promptHash(b), answerHash(b)];
        expect(eq(ha[0], hb[0])).toBe(exampleKeyText(a, "standard") === exampleKeyText(b, "standard"));
        expect(eq(ha[1], hb[1])).toBe(promptKeyText(a) === promptKeyText(b));
        expect(eq(ha[2], hb[2])).toBe(answerKeyText(a) === answerKeyText(b));
        // Asked in another order (prompt first, then answer, then example), the keys are the same.
        const a2 = ex(ra)!;
        expect([promptHash(a2), answerHash(a2), exampleHash(a2)].map((k) => k?.join())).toEqual([ha[1], ha[2], ha[0]].map((k) => k?.join()));
      }),
      { numRuns: 2000, seed: 3 },
    );
  });

  it("examples, prompts, answers and loose answers share a key exactly when their key texts are equal (random Unicode, variants)", () => {
    const args = fc.constantFrom('{"a":1,"b":"x"}', '{"b":"x","a":1}', '{"a": 2}', "not json", "");
    const call = fc.record({ id: fc.constant("c1"), type: fc.constant("function"), function: fc.record({ name: fc.constantFrom("f", "g"), arguments: args }) });
    const msg = fc.oneof(
      fc.record({ role: fc.constantFrom("system", "user", "assistant"), content: unicodeText }),
      fc.record({ role: fc.constant("assistant"), content: unicodeText, tool_calls: fc.array(call, { minLength: 1, maxLength: 2 }) }),
    );
    const pair = fc.tuple(fc.array(msg, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(variants.length - 1), { minLength: 4, maxLength: 4 }), unicodeText);
    const ex = (messages: unknown[]): CanonicalExample | undefined => openaiChat.toCanonical({ messages } as JsonObject);
    const looseAnswerText = (e: CanonicalExample) => {
      const a = answerMessages(e);
      return a && a.length > 0 ? messagesText(a, "loose") : undefined;
    };
    // Chosen: all but the first message; rejected: a text of its own (and its variant in b).
    const pref = (x: CanonicalExample, rejected: string): CanonicalExample => ({
      ...x,
      kind: "preference",
      messages: x.messages.slice(0, 1),
      chosen: x.messages.slice(1),
      rejected: [{ ...x.messages[0]!, role: "assistant", trainable: true, text: rejected }],
    });
    let equalExamples = 0;
    let equalPrompts = 0;
    fc.assert(
      fc.property(pair, ([messages, vs, rejected]) => {
        const a = ex(messages);
        const b = ex(messages.map((m, i) => ({ ...m, content: variants[vs[i]!]!((m as { content: string }).content) })));
        if (!a || !b) return;
        const eq = (x: Uint32Array | number | undefined, y: Uint32Array | number | undefined) => String(x) === String(y);
        const ka = [exampleHash(a), promptHash(a), answerHash(a), looseAnswerHash(a)];
        const kb = [exampleHash(b), promptHash(b), answerHash(b), looseAnswerHash(b)];
        const sameExample = exampleKeyText(a, "standard") === exampleKeyText(b, "standard");
        const samePrompt = promptKeyText(a) === promptKeyText(b);
        if (sameExample) equalExamples++;
        if (samePrompt) equalPrompts++;
        expect(eq(ka[0], kb[0])).toBe(sameExample);
        expect(eq(ka[1], kb[1])).toBe(samePrompt);
        expect(eq(ka[2], kb[2])).toBe(answerKeyText(a) === answerKeyText(b));
        expect(eq(ka[3], kb[3])).toBe(looseAnswerText(a) === looseAnswerText(b));
        // The same messages as preference pairs (chosen and rejected answers have cache slots of their own).
        const pa = pref(a, rejected);
        const pb = pref(b, variants[vs[3]!]!(rejected));
        expect(eq(exampleHash(pa), exampleHash(pb))).toBe(exampleKeyText(pa, "standard") === exampleKeyText(pb, "standard"));
        expect(eq(answerHash(pa), answerHash(pb))).toBe(answerKeyText(pa) === answerKeyText(pb));
        expect(eq(looseAnswerHash(pa), looseAnswerHash(pb))).toBe(looseAnswerText(pa) === looseAnswerText(pb));
      }),
      { numRuns: 3000, seed: 19 },
    );
    // The variants make equal keys common, so both outcomes are tested.
    expect(Math.min(equalExamples, equalPrompts)).toBeGreaterThan(300);
  });

  it("tell apart examples that differ only in whitespace inside a word, message boundaries or roles", () => {
    const chat = (...m: Array<[string, string]>) => openaiChat.toCanonical({ messages: m.map(([role, content]) => ({ role, content })) })!;
    const key = (e: CanonicalExample) => exampleHash(e).join();
    expect(key(chat(["user", "ab"], ["assistant", "c"]))).not.toBe(key(chat(["user", "a b"], ["assistant", "c"])));
    expect(key(chat(["user", "ab"], ["assistant", "c"]))).not.toBe(key(chat(["user", "a"], ["assistant", "bc"])));
    expect(key(chat(["user", "q"], ["assistant", "a"]))).not.toBe(key(chat(["system", "q"], ["assistant", "a"])));
    expect(key(chat(["user", "q "], ["assistant", "a"]))).toBe(key(chat(["user", " q"], ["assistant", "a"])));
  });
});
