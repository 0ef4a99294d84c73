/**
 * Hand-written pre-tokenizers for the o200k_base and cl100k_base patterns, for ASCII text.
 *
 * Splitting text with the encoding's regular expression (Unicode property classes, alternation,
 * a lookahead) was half the counting time. A scanner returns the end of the piece the pattern would
 * match at a position, reading ASCII only; whenever the answer could depend on a non-ASCII
 * character (a letter, digit or space beyond ASCII), it returns -1 and the caller runs the regular
 * expression for that one piece. So the pieces are the regex's, by construction: each branch below
 * is one alternative of the pattern, tried in the pattern's order, restricted to ASCII.
 */

/** End of the piece starting at `p` (exclusive), or -1: ask the regular expression. */
export type Scanner = (text: string, p: number) => number;

const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;
/** \r and \n */
const NEWLINE = 4;
/** The other ASCII White_Space: tab, vertical tab, form feed, space. */
const SPACE = 5;
/** Everything else in ASCII: punctuation, symbols, control characters. */
const OTHER = 6;

const CLASS = (() => {
  const t = new Uint8Array(128).fill(OTHER);
  for (let c = 65; c <= 90; c++) t[c] = UPPER;
  for (let c = 97; c <= 122; c++) t[c] = LOWER;
  for (let c = 48; c <= 57; c++) t[c] = DIGIT;
  t[10] = t[13] = NEWLINE;
  t[9] = t[11] = t[12] = t[32] = SPACE;
  return t;
})();

/** Class of the character at i: 0 past the end, -1 for non-ASCII. */
function cls(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  return c < 128 ? CLASS[c]! : -1;
}

const isLetter = (k: number) => k === UPPER || k === LOWER;

/** `(?:'s|'t|'re|'ve|'m|'ll|'d)` in any case at i: its end, or i when there is none. */
function contraction(text: string, i: number): number {
  if (text.charCodeAt(i) !== 39) return i;
  const a = text.charCodeAt(i + 1) | 32;
  if (a === 115 || a === 116 || a === 109 || a === 100) return i + 2; // s t m d
  const b = text.charCodeAt(i + 2) | 32;
  if ((a === 114 && b === 101) || (a === 118 && b === 101) || (a === 108 && b === 108)) return i + 3; // re ve ll
  return i;
}

/** `\p{N}{1,3}` from a digit at p. */
function digits(text: string, p: number): number {
  let e = p + 1;
  for (let k = 1; k < 3; k++, e++) {
    const c = cls(text, e);
    if (c === -1) return -1;
    if (c !== DIGIT) break;
  }
  return e;
}

/**
 * The whitespace alternatives from p, in order: `\s*[\r\n]+` (up to the run's last newline),
 * `\s+(?!\S)` (the run, less its last character unless the text ends), `\s+`.
 */
function whitespace(text: string, p: number): number {
  let e = p;
  let lastNewline = -1;
  for (;;) {
    const c = cls(text, e);
    if (c === NEWLINE) lastNewline = e;
    else if (c !== SPACE) {
      // A non-ASCII character could be White_Space too (U+0085, U+00A0, U+3000…).
      if (c === -1) return -1;
      break;
    }
    e++;
  }
  if (lastNewline >= 0) return lastNewline + 1;
  if (e === text.length || e - p === 1) return e;
  return e - 1;
}

/**
 * A run of `[^\s\p{L}\p{N}]+` from p, then the tail class (`[\r\n/]*` for o200k, `[\r\n]*` for
 * cl100k). A non-ASCII character inside the run could continue it or end it: -1.
 */
function symbols(text: string, p: number, slash: boolean): number {
  let e = p;
  for (;;) {
    const c = cls(text, e);
    if (c === -1) return -1;
    if (c !== OTHER) break;
    e++;
  }
  for (;;) {
    const ch = e < text.length ? text.charCodeAt(e) : 0;
    if (ch === 10 || ch === 13 || (slash && ch === 47)) e++;
    else return e;
  }
}

/** o200k letters from q: `[\p{Lu}…]*[\p{Ll}…]+` or `[\p{Lu}…]+[\p{Ll}…]*`, then a contraction. */
function o200kLetters(text: string, q: number): number {
  let e = q;
  let c = cls(text, e);
  while (c === UPPER) c = cls(text, ++e);
  while (c === LOWER) c = cls(text, ++e);
  // Non-ASCII letters and marks belong to both classes: the run could go on.
  if (c === -1) return -1;
  return contraction(text, e);
}

/** cl100k letters from q: `\p{L}+`. */
function cl100kLetters(text: string, q: number): number {
  let e = q;
  let c = cls(text, e);
  while (isLetter(c)) c = cls(text, ++e);
  return c === -1 ? -1 : e;
}

/**
 * The two patterns differ in their letters, in the tail after symbols (o200k also takes '/') and in
 * cl100k's contractions, which come first as pieces of their own; the rest is shared.
 */
function scanner(letters: (text: string, q: number) => number, slash: boolean, contractionsFirst: boolean): Scanner {
  return (text, p) => {
    const c = cls(text, p);
    if (c === -1) return -1;
    if (isLetter(c)) return letters(text, p);
    if (c === DIGIT) return digits(text, p);
    if (c === NEWLINE) return whitespace(text, p);
    if (contractionsFirst && c === OTHER) {
      const e = contraction(text, p);
      if (e > p) return e;
    }
    // A space or a symbol: the optional `[^\r\n\p{L}\p{N}]` before letters, else its own alternatives.
    const next = cls(text, p + 1);
    if (next === -1) return -1;
    if (isLetter(next)) return letters(text, p + 1);
    if (c === OTHER) return symbols(text, p, slash);
    if (text.charCodeAt(p) === 32 && next === OTHER) return symbols(text, p + 1, slash);
    return whitespace(text, p);
  };
}

/** The o200k_base pattern, restricted to ASCII. */
export const scanO200k: Scanner = scanner(o200kLetters, true, false);
/** The cl100k_base pattern, restricted to ASCII. */
export const scanCl100k: Scanner = scanner(cl100kLetters, false, true);

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
