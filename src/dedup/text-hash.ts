/**
 * Hashes of normalised texts without building the normalised string: one pass over the characters
 * that applies the `standard` and `loose` normalisations of keys.ts (`normalizeText`) and feeds what
 * they would emit to two-lane 32-bit hashes, both forms at once. `normalizedHash(t, level)` equals
 * `normalizedHash(normalizeText(t, level), "none")` for every text (property tests hold the two
 * implementations to that), so the keys mean what their definitions in keys.ts say.
 *
 * Why: the duplicate rules used to build each key text (normalised copies of every message, then
 * one long concatenation per key) and SHA-1 it, three keys per record: about half of a default lint.
 * This loop costs about one pass over the text, with no garbage, whatever the script.
 */

export type HashLevel = "none" | "standard" | "loose";

/** Lanes and length of the last normalised text hashed (the standard form for `normalizedHashes`). */
export const textHash = { h1: 0, h2: 0, length: 0 };
/** Lanes and length of the loose form, set by `normalizedHashes` beside `textHash`. */
export const looseHash = { h1: 0, h2: 0, length: 0 };

// The fold of one code unit x into the lanes: h1 = (h1 ^ x) * P1, h2 = xorshift15((h2 ^ x) * P2).
const SEED1 = 0x811c9dc5 | 0; // `| 0`: int32 from the start (0x811c9dc5 alone is a double), so V8 keeps lanes in registers
const SEED2 = 0x2545f491;
const P1 = 0x01000193;
const P2 = 0x5bd1e995;

// ---------------------------------------------------------------------------------------------
// Per-character tables.
//
// NFKC works on the whole string because of composition and reordering (e + U+0301 → é, ㄱ + ㅏ
// → 가), but those only happen around marks and Hangul jamo. A text whose characters are not marks
// or conjoining jamo, and map under NFKC to characters that are not either, normalises character by
// character: NFKC(text) = the concatenation of NFKC(c). Likewise lower-casing is per character
// except for Σ (final sigma depends on the neighbours), and dropping zero-width characters, making
// whitespace (loose: also punctuation and symbols) a separator and folding separator runs are per
// character by nature. So each form has a table of what every BMP character becomes, filled the
// first time the character is seen; a text with a character the table cannot answer for is
// normalised natively as a whole (`nativeHashes`), the plain definition.

/** Whitespace (JS `\s`) and U+0085: a run of them is one space, none at either end. */
const WHITESPACE = /[\s\u0085]/;
/** Zero-width characters, removed before anything else (U+FEFF is JS whitespace: tested first). */
const ZERO_WIDTH = /[\uFEFF\u200B-\u200D\u2060]/;
/** Unicode punctuation and symbols: kept by `standard`, a separator like whitespace under `loose`. */
const PUNCT_OR_SYMBOL = /[\p{P}\p{S}]/u;
const MARK_OR_JAMO = /[\p{M}\u1100-\u11FF\uD7B0-\uD7FF]/u;

// Table values: below MARKER, the one code unit the character becomes (32: a separator); else:
const MARKER = 0xd800;
/** Not looked up yet. */
const UNKNOWN = 0xd800;
/** Becomes the string in `Form.multi` (none, or several units: ﬁ → fi, … → ...). */
const MULTI = 0xd801;
/** A surrogate: with the next unit, a pair looked up in `Form.astral`; alone, itself (or the native path). */
const PAIR = 0xd802;
/** The text needs the native path. */
const NATIVE = 0xd803;

interface Form {
  /** NFKC (and lower-casing, when loose) per character; false: the text is normalised already. */
  nfkc: boolean;
  loose: boolean;
  units: Uint16Array;
  multi: Map<number, string>;
  /**
   * What characters of planes 1 and 2 (emoji, mathematical letters, CJK extension B) become, made
   * when first needed: AS_IS, SEPARATOR, or OTHER (see `astral`); 0: not looked up yet.
   */
  planes12: Uint8Array | undefined;
  /** What other astral characters become (null: the native path), bounded by ASTRAL_MAX entries. */
  astral: Map<number, string | null>;
}
const AS_IS = 1;
const SEPARATOR = 2;
const OTHER = 3;
/** Astral characters remembered per form (a text could hold a million distinct ones). */
const ASTRAL_MAX = 16_384;

const SELF_RANGES = [
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
] as const;

function form(nfkc: boolean, loose: boolean): Form {
  const units = new Uint16Array(65536).fill(UNKNOWN);
  units.fill(PAIR, 0xd800, 0xe000);
  // ASCII, as fill() makes it, without running the regexes (compiling \p{P}\p{S} and \p{M} is most
  // of a small lint's first key): NFKC keeps ASCII; tab to CR and space are whitespace; the 32
  // printable non-alphanumerics are punctuation or symbols (separators when loose).
  for (let c = 0; c < 128; c++) {
    const space = (c >= 9 && c <= 13) || c === 32;
    const punct = (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
    units[c] = space || (loose && punct) ? 32 : nfkc && loose && c >= 65 && c <= 90 ? c + 32 : c;
  }
  return { nfkc, loose, units, multi: new Map(), planes12: undefined, astral: new Map() };
}

const STANDARD = form(true, false);
const LOOSE = form(true, true);
// The tables for texts normalised natively (NFKC, and lower-cased for loose): made when first needed.
let postStandard: Form | undefined;
let postLoose: Form | undefined;

/**
 * What a character (one code point) becomes in a form: separators as one space, zero-width
 * characters dropped; null when it must go the native path.
 */
function outputOf(ch: string, f: Form): string | null {
  let m = ch;
  if (f.nfkc) {
    m = ch.normalize("NFKC");
    // A mark or jamo (NFKC keeps every one a mark or jamo), or a character that becomes one.
    if (MARK_OR_JAMO.test(m)) return null;
    if (f.loose) {
      if (m.includes("\u03a3")) return null;
      m = m.toLowerCase();
    }
  }
  let out = "";
  for (const u of m) {
    if (ZERO_WIDTH.test(u)) continue;
    if (WHITESPACE.test(u) || (f.loose && PUNCT_OR_SYMBOL.test(u))) {
      if (!out.endsWith(" ")) out += " ";
    } else out += u;
  }
  return out;
}

/** Fills the table entry of BMP character `c` (not a surrogate). */
function fill(f: Form, c: number): void {
  // Known without looking: CJK unified ideographs and Hangul syllables are letters that NFKC and
  // lower-casing keep as they are (a test holds every one to the definition). Filling the whole range
  // at its first character spares a file of Chinese text a few thousand lookups of ~5 µs each before
  // the code is warm (and a file without any, the loop at start-up).
  for (const [from, to] of SELF_RANGES) {
    if (c >= from && c <= to) {
      for (let k = from; k <= to; k++) if (f.units[k] === UNKNOWN) f.units[k] = k;
      return;
    }
  }
  const out = outputOf(String.fromCharCode(c), f);
  if (out === null) f.units[c] = NATIVE;
  else if (out.length === 1 && out.charCodeAt(0) < MARKER) f.units[c] = out.charCodeAt(0);
  else {
    f.units[c] = MULTI;
    f.multi.set(c, out);
  }
}

function astralOutput(f: Form, cp: number): string | null {
  let out = f.astral.get(cp);
  if (out === undefined) {
    if (f.astral.size >= ASTRAL_MAX) f.astral.clear();
    f.astral.set(cp, (out = outputOf(String.fromCodePoint(cp), f)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The fold of a text into both forms' lanes.

/**
 * The lanes of the two forms being folded, [h1, h2, length, after a separator (1/0)] each, handed
 * between `run` (which keeps them in locals while it loops) and `special`.
 */
const lanes = new Int32Array(8);
const A = 0;
const B = 4;

/**
 * The common step, until a character the tables mark: hashes what each form makes of every
 * character. Branch-free: a separator after a separator (or at the start) is hashed anyway and the
 * old lanes kept by a mask, which was measured ~1.7x faster than branching on separators (whose
 * mispredictions at every word boundary cost more than the extra multiply). Returns where it stopped.
 */
function run(s: string, i: number, a: Form, b: Form): number {
  const ta = a.units, tb = b.units, pa = a.planes12, pb = b.planes12;
  let a1 = lanes[0]!, a2 = lanes[1]!, an = lanes[2]!, ap = lanes[3]!;
  let b1 = lanes[4]!, b2 = lanes[5]!, bn = lanes[6]!, bp = lanes[7]!;
  for (const n = s.length; i < n; i++) {
    const c = s.charCodeAt(i);
    let x = ta[c]!;
    let y = tb[c]!;
    if ((x | y) >= MARKER) {
      // A surrogate pair of planes 1 and 2 whose kinds are known (emoji): its units go through the
      // step one at a time, as themselves, or as a separator twice (the second one is a no-op).
      if ((c & 0xf800) !== 0xd800 || pa === undefined || pb === undefined) break;
      const high = c < 0xdc00;
      const hi = high ? c : s.charCodeAt(i - 1);
      const lo = high ? (i + 1 < n ? s.charCodeAt(i + 1) : 0) : c;
      const k = ((hi - 0xd800) << 10) + (lo - 0xdc00);
      if ((hi & 0xfc00) !== 0xd800 || (lo & 0xfc00) !== 0xdc00 || k >= 0x20000) break;
      const ka = pa[k]!, kb = pb[k]!;
      if (ka === 0 || ka === OTHER || kb === 0 || kb === OTHER) break;
      x = ka === AS_IS ? c : 32;
      y = kb === AS_IS ? c : 32;
    }
    // Form A. sep: 1 when x is the separator; keep: all ones to hash x, 0 to skip it.
    const sa = ((x ^ 32) - 1) >>> 31, ka = (ap & sa) - 1, ma = Math.imul(a1 ^ x, P1);
    let na = Math.imul(a2 ^ x, P2);
    na ^= na >>> 15;
    (a1 ^= (ma ^ a1) & ka), (a2 ^= (na ^ a2) & ka), (an -= ka), (ap = sa);
    // Form B, the same.
    const sb = ((y ^ 32) - 1) >>> 31, kb = (bp & sb) - 1, mb = Math.imul(b1 ^ y, P1);
    let nb = Math.imul(b2 ^ y, P2);
    nb ^= nb >>> 15;
    (b1 ^= (mb ^ b1) & kb), (b2 ^= (nb ^ b2) & kb), (bn -= kb), (bp = sb);
  }
  (lanes[0] = a1), (lanes[1] = a2), (lanes[2] = an), (lanes[3] = ap);
  (lanes[4] = b1), (lanes[5] = b2), (lanes[6] = bn), (lanes[7] = bp);
  return i;
}

/** Folds unit `x` into the lanes at `o` (the marked characters: the rare path). */
function emitUnit(x: number, o: number): void {
  if (x === 32) {
    if (lanes[o + 3]) return;
    lanes[o + 3] = 1;
  } else lanes[o + 3] = 0;
  lanes[o] = Math.imul(lanes[o]! ^ x, P1);
  const m = Math.imul(lanes[o + 1]! ^ x, P2);
  lanes[o + 1] = m ^ (m >>> 15);
  lanes[o + 2]!++;
}

function emit(out: string, o: number): void {
  for (let j = 0; j < out.length; j++) emitUnit(out.charCodeAt(j), o);
}

/** What astral character `cp` of planes 1 and 2 becomes in a form: AS_IS, SEPARATOR or OTHER. */
function planes12Kind(f: Form, cp: number): number {
  const t = (f.planes12 ??= new Uint8Array(0x20000));
  let k = t[cp - 0x10000]!;
  if (k === 0) {
    const ch = String.fromCodePoint(cp);
    const out = outputOf(ch, f);
    t[cp - 0x10000] = k = out === ch ? AS_IS : out === " " ? SEPARATOR : OTHER;
  }
  return k;
}

/**
 * A surrogate pair of planes 1 and 2 that both forms keep as it is or make a separator (emoji,
 * CJK extension B): folded without building strings. False: any other character.
 */
function simplePair(a: Form, b: Form, c: number, d: number): boolean {
  const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  if (cp >= 0x30000) return false;
  const ka = planes12Kind(a, cp);
  const kb = planes12Kind(b, cp);
  if (ka === OTHER || kb === OTHER) return false;
  if (ka === AS_IS) (emitUnit(c, A), emitUnit(d, A));
  else emitUnit(32, A);
  if (kb === AS_IS) (emitUnit(c, B), emitUnit(d, B));
  else emitUnit(32, B);
  return true;
}

/** What character `c` at `i` of `s` becomes in a form (null: native path); sets `pairLength`. */
function outputAt(f: Form, s: string, i: number, c: number): string | null {
  let v = f.units[c]!;
  if (v === UNKNOWN) {
    fill(f, c);
    v = f.units[c]!;
  }
  if (v < MARKER) return String.fromCharCode(v);
  if (v === MULTI) return f.multi.get(c)!;
  if (v === NATIVE) return null;
  const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
  // A lone surrogate: kept as it is in a normalised text; NFKC per character is not sure of it.
  if ((c & 0xfc00) !== 0xd800 || (d & 0xfc00) !== 0xdc00) return f.nfkc ? null : String.fromCharCode(c);
  pairLength = 2;
  return astralOutput(f, ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
}
let pairLength = 1;

/** A character one of the tables marks, at `i`: folded, returns the next index; -1: native path. */
function special(s: string, i: number, a: Form, b: Form): number {
  const c = s.charCodeAt(i);
  if ((c & 0xfc00) === 0xd800 && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if ((d & 0xfc00) === 0xdc00 && simplePair(a, b, c, d)) return i + 2;
  }
  pairLength = 1;
  const oa = outputAt(a, s, i, c);
  const ob = outputAt(b, s, i, c);
  if (oa === null || ob === null) return -1;
  emit(oa, A);
  emit(ob, B);
  return i + pairLength;
}

const INV_P1 = inverse(P1);
const INV_P2 = inverse(P2);
/** The inverse of an odd multiplier modulo 2^32 (Newton's iteration: 3, 6, 12, 24, 48 correct bits). */
function inverse(p: number): number {
  let x = p;
  for (let k = 0; k < 4; k++) x = Math.imul(x, 2 - Math.imul(p, x));
  return x;
}

/**
 * The lanes at `o` into `out`. A text ending in separators has had one of them hashed (the loop
 * does not look ahead): it is taken back out, the step being invertible (odd multipliers, xorshift).
 */
function finish(o: number, out: { h1: number; h2: number; length: number }): void {
  let h1 = lanes[o]!, h2 = lanes[o + 1]!, n = lanes[o + 2]!;
  if (lanes[o + 3] && n > 0) {
    h1 = Math.imul(h1, INV_P1) ^ 32;
    h2 ^= (h2 >>> 15) ^ (h2 >>> 30);
    h2 = Math.imul(h2, INV_P2) ^ 32;
    n--;
  }
  out.h1 = h1 >>> 0;
  out.h2 = h2 >>> 0;
  out.length = n;
}

/** Folds `s` in forms `a` (into textHash) and `b` (into looseHash); false when it needs the native path. */
function fold(s: string, a: Form, b: Form): boolean {
  lanes[0] = lanes[4] = SEED1;
  lanes[1] = lanes[5] = SEED2;
  lanes[2] = lanes[6] = 0;
  lanes[3] = lanes[7] = 1; // separators at the start are dropped
  for (let i = run(s, 0, a, b); i < s.length; i = run(s, i, a, b)) {
    i = special(s, i, a, b);
    if (i < 0) return false;
  }
  finish(A, textHash);
  finish(B, looseHash);
  return true;
}

/**
 * Both forms of a text: the standard lanes in `textHash`, the loose ones in `looseHash` (what
 * `normalizedHash(text, "standard")` and `normalizedHash(text, "loose")` give), in one pass.
 */
export function normalizedHashes(text: string): void {
  if (!fold(text, STANDARD, LOOSE)) nativeHashes(text);
}

/**
 * The plain definition, for texts with marks, jamo, Σ or lone surrogates: native NFKC (and
 * lower-casing) on the whole text, then the per-character classes. NFKC and lower-casing change
 * lengths (ﬁ → fi, İ → i̇); lower-casing commutes with the whitespace and zero-width steps.
 */
function nativeHashes(text: string): void {
  const ps = (postStandard ??= form(false, false));
  const pl = (postLoose ??= form(false, true));
  const s = text.normalize("NFKC");
  fold(s.toLowerCase(), pl, pl);
  const { h1, h2, length } = textHash;
  fold(s, ps, ps);
  looseHash.h1 = h1;
  looseHash.h2 = h2;
  looseHash.length = length;
}

/** A text as it is (level "none"): every UTF-16 code unit. */
function hashRaw(s: string): void {
  let h1 = SEED1;
  let h2 = SEED2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, P1);
    h2 = Math.imul(h2 ^ c, P2);
    h2 ^= h2 >>> 15;
  }
  textHash.h1 = h1 >>> 0;
  textHash.h2 = h2 >>> 0;
  textHash.length = s.length;
}

/**
 * Hashes `text` as normalised at `level` (keys.ts `normalizeText`): the result is in `textHash`.
 * Equal normalised texts give equal lanes and length; different ones collide with a chance of
 * about 2^-64 per pair.
 */
export function normalizedHash(text: string, level: HashLevel): void {
  if (level === "none") return hashRaw(text);
  normalizedHashes(text);
  if (level === "loose") {
    textHash.h1 = looseHash.h1;
    textHash.h2 = looseHash.h2;
    textHash.length = looseHash.length;
  }
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
