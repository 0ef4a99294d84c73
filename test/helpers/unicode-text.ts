import fc from "fast-check";

// Random text for the key property tests (test/text-hash.property.test.ts, test/dedup-keys.test.ts).

/**
 * Code points from the ranges users' data holds, and from the ones the normalisation treats
 * specially. Marks, jamo and lone surrogates send a text to the native path: they are drawn rarely,
 * so that most texts exercise the per-character tables.
 */
const fromRanges = (ranges: Array<[number, number]>) => ranges.map(([lo, hi]) => fc.integer({ min: lo, max: hi }).map((cp) => String.fromCodePoint(cp)));
const common = fc.oneof(
  ...fromRanges([
    [0x20, 0x7e], // ASCII
    [0x4e00, 0x9fff], // CJK unified ideographs
    [0x3000, 0x303f], // CJK punctuation (U+3000 ideographic space)
    [0xff00, 0xffef], // fullwidth and halfwidth forms (ｶ; ﾞ NFKC-maps to a mark)
    [0x0400, 0x04ff], // Cyrillic
    [0x00a0, 0x017f], // Latin-1 and Extended-A: accents, ß, İ, ¨ (NFKC: space + mark)
    [0x0370, 0x03ff], // Greek: Σ and final sigma
    [0xac00, 0xd7a3], // Hangul syllables
    [0x2000, 0x206f], // general punctuation: spaces, zero-width, …, U+2028/2029
    [0x2100, 0x24ff], // letterlike, number forms (Ⅻ), arrows, circled (①)
    [0xf900, 0xfaff], // CJK compatibility ideographs (NFKC maps them)
    [0xfb00, 0xfb06], // ligatures (ﬁ)
    [0x1f300, 0x1faff], // emoji and pictographs, skin tones
    [0x1d400, 0x1d7ff], // mathematical alphanumerics (NFKC maps them)
    [0x10400, 0x1044f], // Deseret (astral upper and lower case)
    [0x20000, 0x2a6df], // CJK extension B
  ]),
  fc.constantFrom(" ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\u0085", "\u00a0", "\u1680", "\u180e", "\u2007", "\u202f", "\u205f", "\u3000", "\ufeff",
    "\u200b", "\u200d", "\ufe0f", "👨‍👩‍👧", "🇨🇳", "……", "——", "Σ", "ΟΔΟΣ", "İ", "ẞ", "ǅ", "㎏", "¼"),
);
const rare = fc.oneof(
  ...fromRanges([
    [0x0300, 0x036f], // combining marks
    [0x1100, 0x11ff], // conjoining jamo
    [0x3130, 0x318f], // Hangul compatibility jamo
    [0x0e00, 0x0e7f], // Thai (marks)
    [0x0900, 0x097f], // Devanagari (marks)
  ]),
  fc.constantFrom("\u20e3", "1️⃣", "\ud800", "\udc00", "\ud83d", "e\u0301"),
);
export const unicodeText = fc.array(fc.oneof({ arbitrary: common, weight: 40 }, { arbitrary: rare, weight: 1 }), { maxLength: 24 }).map((a) => a.join(""));
/** Texts the tables cannot answer for (an approximation, to check the generator's mix). */
export const NATIVE_PATH = /[\p{M}\u1100-\u11FF\u3130-\u318F\uFF9E\uFF9F\u00A8\u03A3]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/**
 * Variants of a text that often normalise alike: as it is, upper-cased, padded with whitespace,
 * spaces made ideographic, decomposed (NFKD: NFKC gives the same), punctuation made fullwidth.
 */
export const variants: Array<(t: string) => string> = [
  (t) => t,
  (t) => t.toUpperCase(),
  (t) => ` \u00a0${t}\n\t`,
  (t) => t.replace(/ /g, "\u3000"),
  (t) => t.normalize("NFKD"),
  (t) => t.replace(/[!-\/:-@]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
];
