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
  /** Token byte strings back to back. */
  bytes: Uint8Array;
  /** Where token i's bytes end in `bytes` (token i starts where token i - 1 ends). */
  ends: Uint32Array;
  /** Token i's rank. */
  ranks: Uint32Array;
  /** Hash index: token index + 1, 0 for an empty slot; the length is a power of two. */
  slots: Int32Array;
}

/** FNV-1a over bytes [s, e) of `b`, then a final mix so that the low bits spread. */
export function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
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

/** The first n elements of `from`, copied into shared memory. */
function sharedCopy(from: Uint8Array, n: number): Uint8Array;
function sharedCopy(from: Uint32Array, n: number): Uint32Array;
function sharedCopy(from: Uint8Array | Uint32Array, n: number): Uint8Array | Uint32Array {
  const buf = new SharedArrayBuffer(n * from.BYTES_PER_ELEMENT);
  const out = from instanceof Uint8Array ? new Uint8Array(buf) : new Uint32Array(buf);
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
  let size = 1024;
  while (size < 2 * nt) size *= 2;
  const slots = new Int32Array(new SharedArrayBuffer(4 * size));
  const mask = size - 1;
  let start = 0;
  for (let t = 0; t < nt; t++) {
    const end = ends[t]!;
    let slot = hashBytes(bytes, start, end) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = t + 1;
    start = end;
  }
  return {
    encoding,
    pattern: file.pat_str,
    bytes: sharedCopy(bytes, nb),
    ends: sharedCopy(ends, nt),
    ranks: sharedCopy(ranks, nt),
    slots,
  };
}

/** Looks up byte spans in a RankTable. */
export class RankIndex {
  private readonly bytes: Uint8Array;
  private readonly ends: Uint32Array;
  private readonly ranks: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  constructor(readonly table: RankTable) {
    this.bytes = table.bytes;
    this.ends = table.ends;
    this.ranks = table.ranks;
    this.slots = table.slots;
    this.mask = table.slots.length - 1;
  }
  /** Number of tokens in the table. */
  get size(): number {
    return this.ends.length;
  }
  /** The rank of the token whose bytes are b[s, e), or -1 when there is none. */
  rank(b: Uint8Array, s: number, e: number): number {
    const len = e - s;
    const { bytes, ends, slots, mask } = this;
    let slot = hashBytes(b, s, e) & mask;
    for (;;) {
      const t = slots[slot]!;
      if (t === 0) return -1;
      const end = ends[t - 1]!;
      const start = t === 1 ? 0 : ends[t - 2]!;
      if (end - start === len) {
        let k = 0;
        while (k < len && bytes[start + k] === b[s + k]) k++;
        if (k === len) return this.ranks[t - 1]!;
      }
      slot = (slot + 1) & mask;
    }
  }
}
