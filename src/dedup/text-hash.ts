/**
 * Hashes of normalised texts without building the normalised string: one pass over the characters
 * that applies the `standard` or `loose` normalisation of keys.ts and feeds what it would emit to a
 * two-lane 32-bit hash. `normalizedHash(t, level)` equals `normalizedHash(normalizeText(t, level),
 * "none")` for every text (a test holds the two implementations to that).
 *
 * Why: the duplicate rules used to build each key text (normalised copies of every message, then
 * one long concatenation per key) and SHA-1 it, three keys per record: about half of a default lint.
 * This loop costs about one pass over the text, with no garbage.
 */

export type HashLevel = "none" | "standard" | "loose";

/** Lanes and length of the last normalised text hashed. */
export const textHash = { h1: 0, h2: 0, length: 0 };

// Character classes of the normalisation (see keys.ts normalizeText).
const KEEP = 0;
/** Whitespace (JS `\s`) and U+0085: a run of them is one space, none at either end. */
const SPACE = 1;
/** Zero-width characters removed before anything else. */
const DROP = 2;
/** Unicode punctuation and symbols: kept by `standard`, a separator like SPACE under `loose`. */
const PUNCT = 3;
const UNKNOWN = 255;

const ZERO_WIDTH = /[\uFEFF\u200B-\u200D\u2060]/;
const WHITESPACE = /[\s\u0085]/;
const PUNCT_OR_SYMBOL = /[\p{P}\p{S}]/u;

function classify(ch: string): number {
  if (ZERO_WIDTH.test(ch)) return DROP;
  if (WHITESPACE.test(ch)) return SPACE;
  if (PUNCT_OR_SYMBOL.test(ch)) return PUNCT;
  return KEEP;
}

/** BMP classes, filled the first time a character is seen (most files use a few thousand). */
const BMP = new Uint8Array(65536).fill(UNKNOWN);
// ASCII, without the regexes (compiling the \p{P}\p{S} one at import cost ~1 ms of every start-up):
// tab to CR and space are whitespace, the 32 printable non-alphanumerics are punctuation or symbols
// (test/text-hash.property.test.ts checks this against classify()).
for (let c = 0; c < 128; c++) {
  BMP[c] = (c >= 9 && c <= 13) || c === 32 ? SPACE : (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) ? PUNCT : KEEP;
}
const ASTRAL = new Map<number, number>();
/** Astral characters remembered per table (a text could hold a million distinct ones). */
const ASTRAL_MAX = 16_384;

function bmpClass(c: number): number {
  let k = BMP[c]!;
  if (k === UNKNOWN) BMP[c] = k = classify(String.fromCharCode(c));
  return k;
}

function astralClass(cp: number): number {
  let k = ASTRAL.get(cp);
  if (k === undefined) {
    if (ASTRAL.size >= ASTRAL_MAX) ASTRAL.clear();
    ASTRAL.set(cp, (k = classify(String.fromCodePoint(cp))));
  }
  return k;
}

/**
 * What an ASCII character becomes, per level: itself, lower-cased (loose), or 32 for a separator
 * (whitespace; loose adds punctuation and symbols), a run of which is one space, none at either end.
 */
function asciiTable(loose: boolean): Uint8Array {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const k = BMP[c]!;
    t[c] = k === SPACE || (loose && k === PUNCT) ? 32 : loose && c >= 65 && c <= 90 ? c + 32 : c;
  }
  return t;
}
const ASCII_STANDARD = asciiTable(false);
const ASCII_LOOSE = asciiTable(true);

/**
 * ASCII texts (nearly all English and code): normalisation is a character map (whitespace; for
 * loose also case and punctuation) and separator runs, done in the loop. Returns false when the
 * text has a non-ASCII character.
 *
 * Branch-free: a skipped character (a separator after a separator) is hashed anyway and the old
 * lanes are kept by a mask. Measured ~1.7x faster than branching on separators (5.0 → 2.9 ns per
 * character here), whose mispredictions at every word boundary cost more than the extra multiply.
 */
function hashAscii(s: string, table: Uint8Array): boolean {
  // Separators at either end are dropped: the loop then only has to fold runs inside the text.
  let start = 0;
  let end = s.length;
  while (start < end) {
    const c = s.charCodeAt(start);
    if (c >= 128 || table[c] !== 32) break;
    start++;
  }
  while (end > start) {
    const c = s.charCodeAt(end - 1);
    if (c >= 128 || table[c] !== 32) break;
    end--;
  }
  let h1 = 0x811c9dc5;
  let h2 = 0x2545f491;
  let n = 0;
  let prevSep = 0;
  let high = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    high |= c;
    const x = table[c & 127]!;
    const sep = ((x ^ 32) - 1) >>> 31; // 1 when x is the separator
    const keep = (prevSep & sep) - 1; // all ones: hash x; 0: skip it (a separator after a separator)
    prevSep = sep;
    const m1 = Math.imul(h1 ^ x, 0x01000193);
    let m2 = Math.imul(h2 ^ x, 0x5bd1e995);
    m2 ^= m2 >>> 15;
    h1 ^= (m1 ^ h1) & keep;
    h2 ^= (m2 ^ h2) & keep;
    n -= keep;
  }
  if (high >= 128) return false;
  textHash.h1 = h1 >>> 0;
  textHash.h2 = h2 >>> 0;
  textHash.length = n;
  return true;
}

/** A text as it is (level "none"): every UTF-16 code unit. */
function hashRaw(s: string): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x2545f491;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  textHash.h1 = h1 >>> 0;
  textHash.h2 = h2 >>> 0;
  textHash.length = s.length;
}

/** Any text, already NFKC (and lower-cased for loose): classes from the tables. */
function hashGeneral(s: string, loose: boolean): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x2545f491;
  let n = 0;
  let pending = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let c2 = -1;
    let k: number;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c2 = d;
        k = astralClass(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
      } else k = KEEP;
    } else k = bmpClass(c);
    if (k === DROP) continue;
    if (k === SPACE || (loose && k === PUNCT)) {
      if (c2 >= 0) i++;
      pending = n > 0;
      continue;
    }
    if (pending) {
      h1 = Math.imul(h1 ^ 32, 0x01000193);
      h2 = Math.imul(h2 ^ 32, 0x5bd1e995);
      h2 ^= h2 >>> 15;
      n++;
      pending = false;
    }
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
    n++;
    if (c2 >= 0) {
      i++;
      h1 = Math.imul(h1 ^ c2, 0x01000193);
      h2 = Math.imul(h2 ^ c2, 0x5bd1e995);
      h2 ^= h2 >>> 15;
      n++;
    }
  }
  textHash.h1 = h1 >>> 0;
  textHash.h2 = h2 >>> 0;
  textHash.length = n;
}

// ---------------------------------------------------------------------------------------------
// Non-ASCII texts without the native NFKC and lower-casing passes.
//
// NFKC works on the whole string because of composition and reordering (e + U+0301 → é, ㄱ + ㅏ
// → 가), but those only happen around marks and Hangul jamo. A text whose characters are all
// "simple" (not a mark or a conjoining jamo, and mapping under NFKC to characters that are not
// either) normalises character by character: NFKC(text) = the concatenation of NFKC(c). Likewise
// lower-casing is per character except for Σ (final sigma depends on the neighbours). So such
// texts are hashed in one pass over a per-character table; any other text takes the native path.

/** How a BMP character normalises: not looked up yet, as itself, to MAPPED_TO, or "use the native path". */
const K_UNKNOWN = 0;
const K_SAME = 1;
const K_MAPPED = 2;
const K_COMPLEX = 3;

const MARK_OR_JAMO = /[\p{M}\u1100-\u11FF\uD7B0-\uD7FF]/u;
const NFKC_KIND = new Uint8Array(65536);
const MAPPED_TO = new Map<number, string>();
/** Lower case of a BMP character as one code unit (its own code when unchanged), or -1: native path. */
const LOWER = new Int32Array(65536).fill(-2);

function nfkcKind(c: number): number {
  let k = NFKC_KIND[c]!;
  if (k !== K_UNKNOWN) return k;
  const ch = String.fromCharCode(c);
  if ((c & 0xf800) === 0xd800 || MARK_OR_JAMO.test(ch)) k = K_COMPLEX;
  else {
    const m = ch.normalize("NFKC");
    if (m === ch) k = K_SAME;
    else if (MARK_OR_JAMO.test(m) || /[\uD800-\uDFFF]/.test(m)) k = K_COMPLEX;
    else {
      k = K_MAPPED;
      MAPPED_TO.set(c, m);
    }
  }
  NFKC_KIND[c] = k;
  return k;
}

function lowerOf(c: number): number {
  let l = LOWER[c]!;
  if (l !== -2) return l;
  const low = String.fromCharCode(c).toLowerCase();
  l = c === 0x03a3 || low.length !== 1 ? -1 : low.charCodeAt(0);
  LOWER[c] = l;
  return l;
}

const ASTRAL_SIMPLE = new Map<number, boolean>();
/** An astral character that is its own NFKC form and lower case, and not a mark (most emoji). */
function astralSimple(cp: number): boolean {
  let simple = ASTRAL_SIMPLE.get(cp);
  if (simple === undefined) {
    const ch = String.fromCodePoint(cp);
    simple = !MARK_OR_JAMO.test(ch) && ch.normalize("NFKC") === ch && ch.toLowerCase() === ch;
    if (ASTRAL_SIMPLE.size >= ASTRAL_MAX) ASTRAL_SIMPLE.clear();
    ASTRAL_SIMPLE.set(cp, simple);
  }
  return simple;
}

/** Lanes and length of the loose form, set by `normalizedHashes` beside `textHash` (standard). */
export const looseHash = { h1: 0, h2: 0, length: 0 };

/** A mapped character's NFKC characters, into `simple`'s lanes (module state: the rare path). */
let s1 = 0, s2 = 0, sn = 0, sp = false;
let l1 = 0, l2 = 0, ln = 0, lp = false;

function feedMapped(m: string, loose: boolean): boolean {
  for (let j = 0; j < m.length; j++) {
    const x = m.charCodeAt(j);
    const k = bmpClass(x);
    if (k !== DROP) {
      if (k === SPACE) sp = sn > 0;
      else {
        if (sp) {
          s1 = Math.imul(s1 ^ 32, 0x01000193);
          s2 = Math.imul(s2 ^ 32, 0x5bd1e995);
          s2 ^= s2 >>> 15;
          sn++;
          sp = false;
        }
        s1 = Math.imul(s1 ^ x, 0x01000193);
        s2 = Math.imul(s2 ^ x, 0x5bd1e995);
        s2 ^= s2 >>> 15;
        sn++;
      }
    }
    if (!loose) continue;
    const y = lowerOf(x);
    if (y < 0) return false;
    const ky = y === x ? k : bmpClass(y);
    if (ky === DROP) continue;
    if (ky === SPACE || ky === PUNCT) {
      lp = ln > 0;
      continue;
    }
    if (lp) {
      l1 = Math.imul(l1 ^ 32, 0x01000193);
      l2 = Math.imul(l2 ^ 32, 0x5bd1e995);
      l2 ^= l2 >>> 15;
      ln++;
      lp = false;
    }
    l1 = Math.imul(l1 ^ y, 0x01000193);
    l2 = Math.imul(l2 ^ y, 0x5bd1e995);
    l2 ^= l2 >>> 15;
    ln++;
  }
  return true;
}

/**
 * The per-character pass over a text of simple characters (see above): standard lanes, and loose
 * ones when asked. False when the text needs the native path (a mark, a jamo, a lone surrogate, Σ,
 * an astral character that NFKC or lower-casing changes); the lanes are then left unfinished. The common step (a character that is
 * its own NFKC form) is written out here with the lanes in locals.
 */
function hashSimple(text: string, loose: boolean): boolean {
  // `| 0`: the lanes are int32 from the start (0x811c9dc5 alone is a double), so V8 keeps them in registers.
  let h1 = 0x811c9dc5 | 0, h2 = 0x2545f491, n = 0, pend = false;
  let g1 = 0x811c9dc5 | 0, g2 = 0x2545f491, gn = 0, gpend = false;
  for (let i = 0; i < text.length; i++) {
    const x = text.charCodeAt(i);
    let k: number;
    if (x < 128) k = BMP[x]!;
    else if ((x & 0xfc00) === 0xd800) {
      // A surrogate pair (emoji and the like): both units hashed as they are, if it is simple.
      const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if ((d & 0xfc00) !== 0xdc00) return false;
      const cp = ((x - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      if (!astralSimple(cp)) return false;
      i++;
      k = astralClass(cp);
      if (k === DROP) continue;
      if (k === SPACE) pend = n > 0;
      else {
        if (pend) {
          h1 = Math.imul(h1 ^ 32, 0x01000193);
          h2 = Math.imul(h2 ^ 32, 0x5bd1e995);
          h2 ^= h2 >>> 15;
          n++;
          pend = false;
        }
        h1 = Math.imul(Math.imul(h1 ^ x, 0x01000193) ^ d, 0x01000193);
        h2 = Math.imul(h2 ^ x, 0x5bd1e995);
        h2 ^= h2 >>> 15;
        h2 = Math.imul(h2 ^ d, 0x5bd1e995);
        h2 ^= h2 >>> 15;
        n += 2;
      }
      if (!loose) continue;
      // Simple astral characters have no lower case of their own: the same class in the loose form.
      if (k === SPACE || k === PUNCT) {
        gpend = gn > 0;
        continue;
      }
      if (gpend) {
        g1 = Math.imul(g1 ^ 32, 0x01000193);
        g2 = Math.imul(g2 ^ 32, 0x5bd1e995);
        g2 ^= g2 >>> 15;
        gn++;
        gpend = false;
      }
      g1 = Math.imul(Math.imul(g1 ^ x, 0x01000193) ^ d, 0x01000193);
      g2 = Math.imul(g2 ^ x, 0x5bd1e995);
      g2 ^= g2 >>> 15;
      g2 = Math.imul(g2 ^ d, 0x5bd1e995);
      g2 ^= g2 >>> 15;
      gn += 2;
      continue;
    } else {
      const kind = NFKC_KIND[x] !== K_UNKNOWN ? NFKC_KIND[x]! : nfkcKind(x);
      if (kind !== K_SAME) {
        if (kind !== K_MAPPED) return false;
        s1 = h1, s2 = h2, sn = n, sp = pend, l1 = g1, l2 = g2, ln = gn, lp = gpend;
        if (!feedMapped(MAPPED_TO.get(x)!, loose)) return false;
        h1 = s1, h2 = s2, n = sn, pend = sp, g1 = l1, g2 = l2, gn = ln, gpend = lp;
        continue;
      }
      k = bmpClass(x);
    }
    if (k !== DROP) {
      if (k === SPACE) pend = n > 0;
      else {
        if (pend) {
          h1 = Math.imul(h1 ^ 32, 0x01000193);
          h2 = Math.imul(h2 ^ 32, 0x5bd1e995);
          h2 ^= h2 >>> 15;
          n++;
          pend = false;
        }
        h1 = Math.imul(h1 ^ x, 0x01000193);
        h2 = Math.imul(h2 ^ x, 0x5bd1e995);
        h2 ^= h2 >>> 15;
        n++;
      }
    }
    if (!loose) continue;
    let y: number;
    let ky: number;
    if (x < 128) {
      y = x >= 65 && x <= 90 ? x + 32 : x;
      ky = k;
    } else {
      y = LOWER[x] !== -2 ? LOWER[x]! : lowerOf(x);
      if (y < 0) return false;
      ky = y === x ? k : bmpClass(y);
    }
    if (ky === DROP) continue;
    if (ky === SPACE || ky === PUNCT) {
      gpend = gn > 0;
      continue;
    }
    if (gpend) {
      g1 = Math.imul(g1 ^ 32, 0x01000193);
      g2 = Math.imul(g2 ^ 32, 0x5bd1e995);
      g2 ^= g2 >>> 15;
      gn++;
      gpend = false;
    }
    g1 = Math.imul(g1 ^ y, 0x01000193);
    g2 = Math.imul(g2 ^ y, 0x5bd1e995);
    g2 ^= g2 >>> 15;
    gn++;
  }
  textHash.h1 = h1 >>> 0;
  textHash.h2 = h2 >>> 0;
  textHash.length = n;
  if (loose) {
    looseHash.h1 = g1 >>> 0;
    looseHash.h2 = g2 >>> 0;
    looseHash.length = gn;
  }
  return true;
}

/** Whether a text is worth the ASCII loop: its first characters are ASCII (a guess; the loop checks). */
function looksAscii(text: string): boolean {
  const n = text.length;
  return n === 0 || (text.charCodeAt(0) | text.charCodeAt(n >> 1) | text.charCodeAt(n - 1)) < 128;
}

/**
 * Hashes `text` as normalised at `level` (keys.ts `normalizeText`): the result is in `textHash`.
 * Equal normalised texts give equal lanes and length; different ones collide with a chance of
 * about 2^-64 per pair.
 */
export function normalizedHash(text: string, level: HashLevel): void {
  if (level === "none") return hashRaw(text);
  if (looksAscii(text) && hashAscii(text, level === "loose" ? ASCII_LOOSE : ASCII_STANDARD)) return;
  if (level === "standard" ? hashSimple(text, false) : hashLooseSimple(text)) return;
  nativeHash(text, level);
}

/** Loose lanes only, through the one pass (which leaves them in looseHash). */
function hashLooseSimple(text: string): boolean {
  if (!hashSimple(text, true)) return false;
  textHash.h1 = looseHash.h1;
  textHash.h2 = looseHash.h2;
  textHash.length = looseHash.length;
  return true;
}

/** The plain definition: native NFKC (and lower-casing) on the whole text, then the class loop. */
function nativeHash(text: string, level: "standard" | "loose"): void {
  // NFKC and lower-casing change lengths (ﬁ → fi, İ → i̇): done natively on the whole text first.
  // Lower-casing commutes with the whitespace and zero-width steps, so the order keeps the result.
  let s = text.normalize("NFKC");
  if (level === "loose") s = s.toLowerCase();
  hashGeneral(s, level === "loose");
}

/**
 * Both forms of a text in one pass: the standard lanes in `textHash`, the loose ones in
 * `looseHash` (what `normalizedHash(text, "standard")` and `normalizedHash(text, "loose")` give).
 */
export function normalizedHashes(text: string): void {
  if (looksAscii(text) && hashAscii2(text)) return;
  if (hashSimple(text, true)) return;
  nativeHash(text, "loose");
  const { h1, h2, length } = textHash;
  nativeHash(text, "standard");
  looseHash.h1 = h1;
  looseHash.h2 = h2;
  looseHash.length = length;
}

/** ASCII texts, both forms: the standard pass, then the loose one (false, untouched, on non-ASCII). */
function hashAscii2(text: string): boolean {
  if (!hashAscii(text, ASCII_LOOSE)) return false;
  looseHash.h1 = textHash.h1;
  looseHash.h2 = textHash.h2;
  looseHash.length = textHash.length;
  hashAscii(text, ASCII_STANDARD);
  return true;
}

/**
 * Folds 32-bit words into a 96-bit key, for the structure around the text hashes (roles, message
 * boundaries, lengths, flags). Three lanes, each a multiply-rotate of its own.
 */
export class KeyBuilder {
  private a = 0x9e3779b9;
  private b = 0x85ebca6b;
  private c = 0xc2b2ae35;

  reset(seed: number): this {
    this.a = 0x9e3779b9 ^ seed;
    this.b = 0x85ebca6b;
    this.c = 0xc2b2ae35;
    return this;
  }

  word(w: number): this {
    this.a = Math.imul(rotl(this.a ^ w, 13), 0xcc9e2d51) + 0xe6546b64;
    this.b = Math.imul(rotl(this.b + w, 17), 0x1b873593) ^ this.a;
    this.c = Math.imul(rotl(this.c ^ (w + 0x7f4a7c15), 11), 0x27d4eb2f) + this.b;
    return this;
  }

  /** A normalised text: its two lanes and its length (so texts can't run into each other). */
  text(text: string, level: HashLevel): this {
    normalizedHash(text, level);
    return this.word(textHash.h1).word(textHash.h2).word(textHash.length);
  }

  /** A string taken as it is (names, JSON of tool calls and tools). */
  raw(s: string): this {
    return this.text(s, "none");
  }

  finish(out: Uint32Array = new Uint32Array(3)): Uint32Array {
    out[0] = fmix32(this.a ^ this.c);
    out[1] = fmix32(this.b + this.a);
    out[2] = fmix32(this.c ^ rotl(this.b, 16));
    return out;
  }
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
