/**
 * An encoding's BPE ranks as flat typed arrays, with an open-addressing hash index over the token
 * bytes. A lookup hashes a span of the caller's byte buffer: no string per lookup, and no Map of
 * 200k strings to fill at start-up (the rank file's base64 is decoded in one pass over its text).
 * The arrays live in SharedArrayBuffers, so a worker thread receives the table by structured clone
 * and reads the same memory without building anything.
 */

/** Ranks as shipped by js-tiktoken: a JS-compatible pattern and base64 tokens grouped by offset. */
export interface RankFile {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

/** An encoding's ranks in a form that crosses threads as is (see the module comment). */
export interface RankTable {
  encoding: string;
  /** The encoding's pre-token pattern, as in the rank file (before the whitespace rewrite). */
  pattern: string;
  /** Number of tokens. */
  tokens: number;
  /** Token byte strings back to back. */
  bytes: Uint8Array;
  /**
   * Hash index, two numbers a slot: where the token's bytes start + 1 (0: an empty slot), then its
   * length << 22 | its rank. One slot holds all a lookup needs before comparing bytes.
   */
  slots: Int32Array;
}

/** Ranks and lengths packed into one slot number. */
const RANK_BITS = 22;
const RANK_MASK = (1 << RANK_BITS) - 1;
const MAX_TOKEN_BYTES = 511;

/** FNV-1a over bytes [s, e) of `b`, then a final mix so that the low bits spread. */
export function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return finalMix(h);
}

function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

const B64 = (() => {
  const t = new Int8Array(128).fill(-1);
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < abc.length; i++) t[abc.charCodeAt(i)] = i;
  return t;
})();

const SPACE = 32;
const NEWLINE = 10;

/** The first n bytes of `from`, copied into shared memory. */
function sharedCopy(from: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(n));
  out.set(from.subarray(0, n));
  return out;
}

/**
 * Decodes a rank file: lines of `<name> <offset> <base64 token> <base64 token> …`, token k of a line
 * having rank offset + k. Throws on anything else (the file ships inside js-tiktoken).
 */
export function buildRankTable(encoding: string, file: RankFile): RankTable {
  const s = file.bpe_ranks;
  const bytes = new Uint8Array(Math.ceil((s.length * 3) / 4));
  const ends = new Uint32Array(s.length >> 1);
  const ranks = new Uint32Array(s.length >> 1);
  let nb = 0;
  let nt = 0;
  let i = 0;
  const bad = () => new Error(`malformed rank file for ${encoding} at character ${i}`);
  while (i < s.length) {
    // Name field, then the offset.
    while (i < s.length && s.charCodeAt(i) !== SPACE) i++;
    i++;
    let offset = 0;
    let digits = 0;
    for (let c = s.charCodeAt(i); c >= 48 && c <= 57; c = s.charCodeAt(++i), digits++) offset = offset * 10 + (c - 48);
    if (digits === 0) throw bad();
    let rank = offset;
    while (i < s.length && s.charCodeAt(i) === SPACE) {
      i++;
      // One base64 token: groups of four characters, '=' padding at the end.
      let acc = 0;
      let n = 0;
      for (let c = s.charCodeAt(i); i < s.length && c !== SPACE && c !== NEWLINE; c = s.charCodeAt(++i)) {
        if (c === 61) continue;
        const v = c < 128 ? B64[c]! : -1;
        if (v < 0) throw bad();
        acc = (acc << 6) | v;
        if (++n === 4) {
          bytes[nb++] = acc >>> 16;
          bytes[nb++] = (acc >>> 8) & 255;
          bytes[nb++] = acc & 255;
          acc = 0;
          n = 0;
        }
      }
      if (n === 3) {
        bytes[nb++] = acc >>> 10;
        bytes[nb++] = (acc >>> 2) & 255;
      } else if (n === 2) bytes[nb++] = acc >>> 4;
      else if (n === 1) throw bad();
      ends[nt] = nb;
      ranks[nt++] = rank++;
    }
    if (i < s.length && s.charCodeAt(i) !== NEWLINE) throw bad();
    i++;
  }
  return tableOf(encoding, file.pat_str, bytes.subarray(0, nb), ends.subarray(0, nt), ranks.subarray(0, nt), `rank file for ${encoding}`);
}

/** Looks up byte spans in a RankTable. */
export class RankIndex {
  private readonly bytes: Uint8Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  constructor(readonly table: RankTable) {
    this.bytes = table.bytes;
    this.slots = table.slots;
    this.mask = (table.slots.length >> 1) - 1;
  }
  /** Number of tokens in the table. */
  get size(): number {
    return this.table.tokens;
  }

  /** The first slot from `slot` on that holds a token of `len` bytes, or -1 at an empty slot. */
  private candidate(slot: number, len: number): number {
    const { slots, mask } = this;
    for (;;) {
      if (slots[2 * slot] === 0) return -1;
      if (slots[2 * slot + 1]! >>> RANK_BITS === len) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The rank of the token spelled by text[s, e), which must be ASCII (its char codes are its
   * bytes), or -1: the same lookup as `rank` without encoding the text first.
   */
  rankOfAscii(text: string, s: number, e: number): number {
    const len = e - s;
    const { bytes, slots, mask } = this;
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    for (let slot = this.candidate(finalMix(h) & mask, len); slot >= 0; slot = this.candidate((slot + 1) & mask, len)) {
      const at = slots[2 * slot]! - 1;
      let k = 0;
      while (k < len && bytes[at + k] === text.charCodeAt(s + k)) k++;
      if (k === len) return slots[2 * slot + 1]! & RANK_MASK;
    }
    return -1;
  }

  /** The rank of the token whose bytes are b[s, e), or -1 when there is none. */
  rank(b: Uint8Array, s: number, e: number): number {
    const len = e - s;
    const { bytes, slots, mask } = this;
    for (let slot = this.candidate(hashBytes(b, s, e) & mask, len); slot >= 0; slot = this.candidate((slot + 1) & mask, len)) {
      const at = slots[2 * slot]! - 1;
      let k = 0;
      while (k < len && bytes[at + k] === b[s + k]) k++;
      if (k === len) return slots[2 * slot + 1]! & RANK_MASK;
    }
    return -1;
  }
}

/**
 * A RankTable from token byte strings laid back to back (`ends[k]`: where token k ends) and their ranks
 * (or ids): Hugging Face vocabularies, whose tokens are not in a rank file.
 */
export function rankTableFromTokens(encoding: string, pattern: string, bytes: Uint8Array, ends: Uint32Array, ranks: Uint32Array): RankTable {
  return tableOf(encoding, pattern, bytes, ends, ranks, encoding);
}

/** The open-addressing table over tokens laid back to back (shared by rank files and vocabularies). */
function tableOf(encoding: string, pattern: string, bytes: Uint8Array, ends: Uint32Array, ranks: Uint32Array, source: string): RankTable {
  const nt = ends.length;
  let size = 1024;
  while (size < 2 * nt) size *= 2;
  const slots = new Int32Array(new SharedArrayBuffer(8 * size));
  const mask = size - 1;
  let start = 0;
  for (let t = 0; t < nt; t++) {
    const end = ends[t]!;
    if (end - start > MAX_TOKEN_BYTES || ranks[t]! > RANK_MASK) throw new Error(`${source}: token ${t} is too long or its rank too large`);
    let slot = hashBytes(bytes, start, end) & mask;
    while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = start + 1;
    slots[2 * slot + 1] = ((end - start) << RANK_BITS) | ranks[t]!;
    start = end;
  }
  return { encoding, pattern, tokens: nt, bytes: sharedCopy(bytes, bytes.length), slots };
}

const isContinuation = (b: number) => (b & 0xc0) === 0x80;

/** What the merger needs to know about characters: see `charTables`. */
export interface CharTables {
  /**
   * The byte pairs (u << 8 | v) at which some token crosses a character boundary without being whole
   * characters: u ends a character inside the token, v starts the next one (v is no UTF-8
   * continuation byte), and the token starts with a continuation byte or ends inside a character.
   */
  splitPairs: Uint8Array;
  /**
   * Per BMP code point, the lowest rank of a token that holds the whole character and more bytes
   * (0x7fffffff: none).
   */
  minContaining: Int32Array;
  /**
   * A Bloom filter (two bits per entry) of the adjacent character pairs inside tokens where one of the two is
   * not ASCII: a pair missing here is inside no token (`hasCharPair`).
   */
  charPairs: Int32Array;
  /** The longest token with a non-ASCII byte, in bytes: a longer non-ASCII piece is no token. */
  longestNonAscii: number;
}

/** 64 KiB: o200k_base sets about 42k bits (21k pairs, two bits each), so few pairs pass wrongly. */
const CHAR_PAIR_BITS = 19;

function charPairHashes(c1: number, c2: number): number {
  return Math.imul(c1 ^ Math.imul(c2, 0x9e3779b1), 0x85ebca6b);
}

/** Might two adjacent characters (code points c1, c2; one of them not ASCII) be inside one token? */
export function hasCharPair(bits: Int32Array, c1: number, c2: number): boolean {
  const h = charPairHashes(c1, c2);
  const x = h >>> (32 - CHAR_PAIR_BITS);
  const y = (h & ((1 << CHAR_PAIR_BITS) - 1)) ^ (h >>> 7 & 0x3ff);
  return (bits[x >>> 5]! & (1 << (x & 31))) !== 0 && (bits[y >>> 5]! & (1 << (y & 31))) !== 0;
}

function addCharPair(bits: Int32Array, c1: number, c2: number): void {
  const h = charPairHashes(c1, c2);
  const x = h >>> (32 - CHAR_PAIR_BITS);
  const y = (h & ((1 << CHAR_PAIR_BITS) - 1)) ^ (h >>> 7 & 0x3ff);
  bits[x >>> 5]! |= 1 << (x & 31);
  bits[y >>> 5]! |= 1 << (y & 31);
}

/** One pass over the tokens (a few milliseconds; the merger builds it on its first non-ASCII piece). */
export function charTables(table: RankTable): CharTables {
  const splitPairs = new Uint8Array(65536);
  const minContaining = new Int32Array(65536).fill(0x7fffffff);
  const charPairs = new Int32Array(1 << (CHAR_PAIR_BITS - 5));
  let longestNonAscii = 0;
  const { bytes, slots } = table;
  for (let i = 0; i < slots.length; i += 2) {
    if (slots[i] === 0) continue;
    const s = slots[i]! - 1;
    const e = s + (slots[i + 1]! >>> RANK_BITS);
    let ascii = true;
    for (let j = s; j < e; j++) if (bytes[j]! >= 0x80) ascii = false;
    if (ascii) continue;
    if (e - s > longestNonAscii) longestNonAscii = e - s;
    const rank = slots[i + 1]! & RANK_MASK;
    let k = e - 1;
    while (k > s && isContinuation(bytes[k]!)) k--;
    const need = utf8Length(bytes[k]!);
    if (isContinuation(bytes[s]!) || e - k !== need) {
      for (let j = s + 1; j < e; j++) if (!isContinuation(bytes[j]!)) splitPairs[(bytes[j - 1]! << 8) | bytes[j]!] = 1;
    }
    // The whole characters inside the token: two- and three-byte ones in a longer token; adjacent pairs.
    let before = -1;
    for (let j = s; j < e; ) {
      const b = bytes[j]!;
      const len = isContinuation(b) ? 1 : utf8Length(b);
      let cp = -1;
      if (len > 0 && j + len <= e) {
        cp = len === 1 ? b : len === 2 ? b & 0x1f : len === 3 ? b & 0x0f : b & 0x07;
        for (let q = j + 1; q < j + len && cp >= 0; q++) cp = isContinuation(bytes[q]!) ? (cp << 6) | (bytes[q]! & 63) : -1;
        if (isContinuation(b)) cp = -1;
      }
      if (cp >= 0) {
        if ((len === 2 || len === 3) && e - s > len && rank < minContaining[cp]!) minContaining[cp] = rank;
        if (before >= 0 && (before >= 0x80 || cp >= 0x80)) addCharPair(charPairs, before, cp);
      }
      before = cp;
      j += Math.max(len, 1);
    }
  }
  return { splitPairs, minContaining, charPairs, longestNonAscii };
}

/** Bytes of the UTF-8 sequence a lead byte starts (0 for a continuation byte). */
function utf8Length(lead: number): number {
  return lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
}
