/**
 * Hand-written pre-tokenizers for the o200k_base and cl100k_base patterns, on any text.
 *
 * Splitting text with the encoding's regular expression (Unicode property classes, alternation,
 * backtracking, a lookahead) cost half the counting time on English and more on Chinese. A scanner
 * returns the end of the piece the pattern matches at a position. Each branch below is one
 * alternative of the pattern, tried in the pattern's order, with the regex's backtracking worked out
 * by hand (see `upperLower`). Characters are classified by the same Unicode property classes the
 * regular expression uses (asked of the JS regex engine once per code point and remembered), so the
 * pieces are the regex's: test/pretokenize.property.test.ts checks it on random Unicode text and on
 * real Chinese data.
 */

/** End of the piece starting at `p` (exclusive); the pieces of a text tile it, like the regex's matches. */
export type Scanner = (text: string, p: number) => number;

/**
 * After a scan, where the scanner first read a non-ASCII code unit (or a larger number): a piece
 * [p, e) is ASCII when `firstNonAscii >= e`, so a caller can use a byte-equals-char fast path.
 */
export const scanState = { firstNonAscii: 0 };

// Character classes, as bit flags of one code point.
/** In `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]` (o200k's upper-case run). */
const UP = 1;
/** In `[\p{Ll}\p{Lm}\p{Lo}\p{M}]` (o200k's lower-case run). */
const LO = 2;
/** `\p{L}` (marks are not letters). */
const LETTER = 4;
/** `\p{N}` */
const NUM = 8;
/** Unicode White_Space, as tiktoken's (Rust) `\s`: see bpe.ts `rustWhitespacePattern`. */
const WS = 16;
/** \r or \n */
const NL = 32;
/** Set on every computed entry, so 0 in the table means "not looked up yet". */
const KNOWN = 64;
/** Past the end of the text: no class at all. */
const END = 128;

/** `[^\r\n\p{L}\p{N}]`, the optional character before letters. */
const notPrefix = LETTER | NUM | NL | END;
/** `[^\s\p{L}\p{N}]`, a symbol. */
const notSymbol = WS | LETTER | NUM | END;

// The same White_Space list as bpe.ts (U+0085 in, U+FEFF out).
const WHITE_SPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
const RE_UP = /^[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]$/u;
const RE_LO = /^[\p{Ll}\p{Lm}\p{Lo}\p{M}]$/u;
const RE_LETTER = /^\p{L}$/u;
const RE_NUM = /^\p{N}$/u;

/** Classifies one code point with the regex engine (once per code point; the tables remember it). */
function classify(cp: number): number {
  // A lone surrogate is a code point of its own class (Cs) for a `u` regex: none of the above.
  const s = cp >= 0xd800 && cp < 0xe000 ? "" : String.fromCodePoint(cp);
  let f = KNOWN;
  if (s === "") return f;
  if (RE_UP.test(s)) f |= UP;
  if (RE_LO.test(s)) f |= LO;
  if (RE_LETTER.test(s)) f |= LETTER;
  if (RE_NUM.test(s)) f |= NUM;
  if (WHITE_SPACE.test(s)) f |= WS;
  if (cp === 10 || cp === 13) f |= NL;
  return f;
}

/** Flags of the BMP code points (filled on first sight; ASCII up front). */
const BMP = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) BMP[c] = classify(c);
const ASTRAL = new Map<number, number>();

/** Width in code units of the code point read by the last `at` (0 past the end). */
let W = 1;

/** Flags of the code point at i (END past the end); sets W. */
function at(text: string, i: number): number {
  if (i >= text.length) {
    W = 0;
    return END;
  }
  const c = text.charCodeAt(i);
  W = 1;
  if (c < 128) return BMP[c]!;
  if (i < scanState.firstNonAscii) scanState.firstNonAscii = i;
  if ((c & 0xfc00) === 0xd800 && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if ((d & 0xfc00) === 0xdc00) {
      W = 2;
      const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      let f = ASTRAL.get(cp);
      if (f === undefined) {
        // Bounded: a text could hold a million distinct astral characters.
        if (ASTRAL.size >= 16_384) ASTRAL.clear();
        ASTRAL.set(cp, (f = classify(cp)));
      }
      return f;
    }
  }
  const f = BMP[c]!;
  return f !== 0 ? f : (BMP[c] = classify(c));
}

/** `(?:'s|'t|'re|'ve|'m|'ll|'d)` in any (ASCII) case at i: its end, or i when there is none. */
function contraction(text: string, i: number): number {
  // Reads stay inside the text: V8 compiles charCodeAt for in-bounds reads and drops the compiled
  // code the first time one falls off the end.
  if (i + 1 >= text.length || text.charCodeAt(i) !== 39) return i;
  // `| 32` folds ASCII case; no non-ASCII code unit folds onto these letters.
  const a = text.charCodeAt(i + 1) | 32;
  if (a === 115 || a === 116 || a === 109 || a === 100) return i + 2; // s t m d
  if (i + 2 >= text.length) return i;
  const b = text.charCodeAt(i + 2) | 32;
  if ((a === 114 && b === 101) || (a === 118 && b === 101) || (a === 108 && b === 108)) return i + 3; // re ve ll
  return i;
}

/**
 * `[UP]*[LO]+` from q: its end, or -1 when it does not match. The star takes the whole UP run
 * first; when no LO character follows, the regex gives back characters until the plus can take one:
 * the end is then just after the run's last character that is also LO (Lm, Lo, marks).
 */
function upperLower(text: string, q: number): number {
  let e = q;
  let lastLoEnd = -1;
  let f = at(text, e);
  while ((f & UP) !== 0) {
    e += W;
    if ((f & LO) !== 0) lastLoEnd = e;
    f = at(text, e);
  }
  if ((f & LO) === 0) return lastLoEnd;
  do {
    e += W;
    f = at(text, e);
  } while ((f & LO) !== 0);
  return e;
}

/** `[UP]+[LO]*` from q: its end, or -1. */
function upperPlus(text: string, q: number): number {
  let f = at(text, q);
  if ((f & UP) === 0) return -1;
  let e = q;
  while ((f & UP) !== 0) {
    e += W;
    f = at(text, e);
  }
  while ((f & LO) !== 0) {
    e += W;
    f = at(text, e);
  }
  return e;
}

/** `\p{N}{1,3}` from a number at p whose width is w. */
function digits(text: string, p: number, w: number): number {
  let e = p + w;
  for (let k = 1; k < 3; k++) {
    if ((at(text, e) & NUM) === 0) break;
    e += W;
  }
  return e;
}

/**
 * The whitespace alternatives from p, in order: `\s*[\r\n]+` (up to the run's last newline),
 * `\s+(?!\S)` (the run, less its last character unless the text ends), `\s+`. White_Space is all
 * in the BMP: one code unit per character.
 */
function whitespace(text: string, p: number): number {
  let e = p;
  let lastNewline = -1;
  for (;;) {
    const f = at(text, e);
    if ((f & WS) === 0) break;
    if ((f & NL) !== 0) lastNewline = e;
    e++;
  }
  if (lastNewline >= 0) return lastNewline + 1;
  if (e === text.length || e - p === 1) return e;
  return e - 1;
}

/** A run of `[^\s\p{L}\p{N}]+` from p (known to hold one), then `[\r\n/]*` (o200k) or `[\r\n]*` (cl100k). */
function symbols(text: string, p: number, slash: boolean): number {
  let e = p;
  let f = at(text, e);
  while ((f & notSymbol) === 0) {
    e += W;
    f = at(text, e);
  }
  for (;;) {
    const ch = e < text.length ? text.charCodeAt(e) : 0;
    if (ch === 10 || ch === 13 || (slash && ch === 47)) e++;
    else return e;
  }
}

/** The alternatives after the letters, shared by both patterns: numbers, symbols, whitespace. */
function rest(text: string, p: number, f: number, w: number, slash: boolean): number {
  if ((f & NUM) !== 0) return digits(text, p, w);
  if (text.charCodeAt(p) === 32 && (at(text, p + 1) & notSymbol) === 0) return symbols(text, p + 1, slash);
  if ((f & notSymbol) === 0) return symbols(text, p, slash);
  return whitespace(text, p);
}

/**
 * o200k_base: `P?[UP]*[LO]+C?`, `P?[UP]+[LO]*C?` (P = `[^\r\n\p{L}\p{N}]`, C a contraction), then
 * the shared alternatives. Each letter alternative first tries with the optional P taken (when the
 * character is one), then without: a mark is both a P and a letter of either run.
 */
export const scanO200k: Scanner = (text, p) => {
  scanState.firstNonAscii = text.length;
  const f = at(text, p);
  const w = W;
  const prefix = (f & notPrefix) === 0;
  let e: number;
  if (prefix && (e = upperLower(text, p + w)) >= 0) return contraction(text, e);
  if ((f & (UP | LO)) !== 0 && (e = upperLower(text, p)) >= 0) return contraction(text, e);
  if (prefix && (e = upperPlus(text, p + w)) >= 0) return contraction(text, e);
  if ((f & UP) !== 0) return contraction(text, upperPlus(text, p));
  return rest(text, p, f, w, true);
};

/** `\p{L}+` from q (known to start with a letter). */
function letters(text: string, q: number): number {
  let e = q;
  let f = at(text, e);
  while ((f & LETTER) !== 0) {
    e += W;
    f = at(text, e);
  }
  return e;
}

/** cl100k_base: a contraction, `P?\p{L}+`, then the shared alternatives. */
export const scanCl100k: Scanner = (text, p) => {
  scanState.firstNonAscii = text.length;
  const c = contraction(text, p);
  if (c > p) return c;
  const f = at(text, p);
  const w = W;
  if ((f & notPrefix) === 0 && (at(text, p + w) & LETTER) !== 0) return letters(text, p + w);
  if ((f & LETTER) !== 0) return letters(text, p);
  return rest(text, p, f, w, false);
};

const O200K =
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const CL100K =
  "('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** The scanner written for this exact pattern (as in the rank file), if there is one. */
export function scannerFor(pattern: string): Scanner | undefined {
  if (pattern === O200K) return scanO200k;
  if (pattern === CL100K) return scanCl100k;
  return undefined;
}
