/**
 * A pure-JS byte-pair encoder that counts tokens exactly like tiktoken, in O(n log n) per piece.
 *
 * Every JS/WASM tiktoken port merges with tiktoken's original loop, which rescans all pairs after each
 * merge: O(n²) in the length of one pre-token, so 64k spaces take seconds and 4k unpunctuated Han
 * characters take 14 s in js-tiktoken (reference/perf.md §3d). This merger keeps the candidate pairs
 * in a binary heap keyed by (rank, position) and the parts in a linked list; it applies the same
 * merges in the same order (lowest rank first, leftmost on ties), so the counts are identical.
 *
 * Non-ASCII pieces (a run of Han characters is one piece) merge on characters rather than bytes
 * where that gives the same merges: a character whose own merges all rank below every token holding
 * it starts as one part (`charPart`, `seed`), and pairs that cannot be a token are told without a
 * look-up (`join`: a pair across a character boundary with a partial side, or whose two boundary
 * characters are adjacent in no token). The tables behind both come from the ranks in one pass
 * (rank-table.ts `charTables`); test/bpe-chars.property.test.ts holds the result to byte-level BPE,
 * also on made-up vocabularies built to break the shortcuts. ASCII pieces keep the byte loops.
 */
import { createRequire } from "node:module";
import { scannerFor, scanState, type Scanner } from "./pretokenize.js";
import { PairMemo, UNKNOWN } from "./pair-memo.js";
import { buildRankTable, charTables, hasCharPair, RankIndex, type CharTables, type RankFile, type RankTable } from "./rank-table.js";

export type { RankFile, RankTable } from "./rank-table.js";

const require = createRequire(import.meta.url);

/** Loads an encoding's rank file (synchronously: it is a plain module inside js-tiktoken). */
export function loadRankFile(encoding: string): RankFile {
  const mod = require(`js-tiktoken/ranks/${encoding}`) as RankFile | { default: RankFile };
  return "default" in mod ? mod.default : mod;
}

// Rust's `\s` (tiktoken's regex engine) is Unicode White_Space: it includes U+0085 and excludes
// U+FEFF, while JavaScript's `\s` does the opposite. Spelling the class out keeps pieces identical.
const WS = "\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

/** Rewrites `\s`/`\S` of a tiktoken pattern into explicit White_Space classes. */
export function rustWhitespacePattern(pat: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pat.length; i++) {
    const ch = pat[i]!;
    if (ch === "\\" && i + 1 < pat.length) {
      const nx = pat[i + 1]!;
      if (nx === "s") out += inClass ? WS : `[${WS}]`;
      else if (nx === "S") {
        if (inClass) throw new Error("\\S inside a character class is not supported");
        out += `[^${WS}]`;
      } else out += ch + nx;
      i++;
      continue;
    }
    if (ch === "[" && !inClass) inClass = true;
    else if (ch === "]" && inClass) inClass = false;
    out += ch;
  }
  return out;
}

/** Binary heap of (rank, position) pairs, smallest rank first, then smallest position. */
class PairHeap {
  private r: number[] = [];
  private p: number[] = [];
  get size(): number {
    return this.r.length;
  }
  clear(): void {
    this.r.length = 0;
    this.p.length = 0;
  }
  private less(a: number, b: number): boolean {
    const ra = this.r[a]!;
    const rb = this.r[b]!;
    return ra < rb || (ra === rb && this.p[a]! < this.p[b]!);
  }
  private swap(a: number, b: number): void {
    const tr = this.r[a]!;
    this.r[a] = this.r[b]!;
    this.r[b] = tr;
    const tp = this.p[a]!;
    this.p[a] = this.p[b]!;
    this.p[b] = tp;
  }
  push(rank: number, pos: number): void {
    this.r.push(rank);
    this.p.push(pos);
    let i = this.r.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  /** Removes the top; returns its rank and position through `out`. */
  pop(out: { rank: number; pos: number }): void {
    out.rank = this.r[0]!;
    out.pos = this.p[0]!;
    const lastR = this.r.pop()!;
    const lastP = this.p.pop()!;
    const n = this.r.length;
    if (n === 0) return;
    this.r[0] = lastR;
    this.p[0] = lastP;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const rr = l + 1;
      const m = rr < n && this.less(rr, l) ? rr : l;
      if (!this.less(m, i)) break;
      this.swap(m, i);
      i = m;
    }
  }
}

/** Pieces up to this many bytes use tiktoken's simple loop; longer ones the heap. */
const SMALL_PIECE = 24;
/** The same for non-ASCII pieces, in parts after `seed` (mostly characters). */
const SCAN_PARTS = 32;
const PIECE_CACHE_MAX = 100_000;
const PIECE_CACHE_LEN = 64;

/** Text with every kind of character and piece the scanners know (see the constructor; short texts add the ways a text can end). */
const WARM_UP = "Hello, World's 're 've 'LL I'm don't HTTPServer x86_64 123456 3.14 -- ... !? \t\n\r\n  \u00a0\u3000 naïve café Ŝ ǅ Жизнь ЖИЗНЬ ελληνικά 中文，数据集。「引号」 日本語カタカナ 한국어 e\u0301 \ud83d\ude00\ud83d\udc4d\ud83c\udffd 👨\u200d👩 𠀀𠀁 \ud800 \udc00 Ⅻ ① ² we'll'";

/** A rank no pair has: "no merge here". */
const NONE = 0x7fffffff;

/**
 * Counts tokens of an encoding in pure JS. Exact (same pieces, same merges as tiktoken) and
 * O(n log n) per piece; special-token text is ordinary text. Each piece is encoded to UTF-8 in a
 * scratch buffer and its pairs are looked up as byte spans in the RankTable's hash index.
 */
export class JsBpe {
  readonly encoding: string;
  private readonly table: RankTable;
  private readonly index: RankIndex;
  private readonly pattern: RegExp;
  private readonly scan: Scanner | undefined;
  private readonly pieceCache = new Map<string, number>();
  private readonly heap = new PairHeap();
  private readonly top = { rank: 0, pos: 0 };
  private readonly starts = new Int32Array(SMALL_PIECE + 2);
  private readonly pairRanks = new Int32Array(SMALL_PIECE + 2);
  private readonly partRanks = new Int32Array(SMALL_PIECE + 2);
  /** Rank of each single byte; undefined when some byte is not a token (then pairs go by bytes only). */
  private readonly byteRanks: Int32Array | undefined;
  /** Rank of each two-byte token by its bytes (b0 << 8 | b1), -1 when none, UNKNOWN until looked up. */
  private readonly bytePairs = new Int32Array(65536).fill(UNKNOWN);
  /** Built on the first piece that needs them (see `charTables`). */
  private chars: CharTables | undefined;
  /**
   * Per BMP code point of two or three UTF-8 bytes: the rank of the character's token when the
   * character can start as one part (see `seed`), -1 when it cannot, UNKNOWN until asked.
   */
  private readonly charRank = new Int32Array(65536).fill(UNKNOWN);
  /** Per BMP code point of two or three UTF-8 bytes: the rank of the character's bytes, -1 when none, UNKNOWN until asked. */
  private readonly charWhole = new Int32Array(65536).fill(UNKNOWN);
  private readonly pairs = new PairMemo();
  /** mergeHeap's scratch arrays, grown as needed. */
  private next = new Int32Array(0);
  private prev = new Int32Array(0);
  private heapPairRank = new Int32Array(0);
  private heapPartRank = new Int32Array(0);
  private alive = new Uint8Array(0);
  /** The current piece's UTF-8 bytes. */
  private buf = new Uint8Array(1024);

  constructor(encoding: string, source: RankFile | RankTable = loadRankFile(encoding)) {
    this.encoding = encoding;
    this.table = "bpe_ranks" in source ? buildRankTable(encoding, source) : source;
    this.index = new RankIndex(this.table);
    this.pattern = new RegExp(rustWhitespacePattern(this.table.pattern), "gu");
    this.scan = scannerFor(this.table.pattern);
    const byteRanks = new Int32Array(256);
    const one = new Uint8Array(1);
    for (let b = 0; b < 256; b++) {
      one[0] = b;
      byteRanks[b] = this.index.rank(one, 0, 1);
    }
    this.byteRanks = byteRanks.includes(-1) ? undefined : byteRanks;
    // Run the scanner and the UTF-8 encoder once over every kind of character, so that V8 compiles
    // them for all their paths: a rare kind met later (an emoji in Chinese text) otherwise throws the
    // optimized code away mid-count and compiles it again.
    const scan = this.scan;
    if (scan !== undefined) for (const w of [WARM_UP, "word", "it'", "it'r", "Ab", "AB", "AB'", "AB'r", "中", "中'", "中'r", "é", "x é'"]) for (let p = 0; p < w.length; ) p = scan(w, p);
    this.encode(WARM_UP, 0, WARM_UP.length);
  }

  /** This encoder's ranks, in shared memory: post it to a worker and build a JsBpe there. */
  rankTable(): RankTable {
    return this.table;
  }

  /** Number of tokens of `text` (special-token look-alikes counted as text). */
  count(text: string): number {
    let n = 0;
    const re = this.pattern;
    const scan = this.scan;
    if (scan === undefined) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) n += this.countPiece(m[0]);
      return n;
    }
    // The scanner splits like the regular expression (see pretokenize.ts).
    let p = 0;
    while (p < text.length) {
      const e = scan(text, p);
      // Most ASCII pieces are one token, found without a string or the piece cache.
      if (scanState.firstNonAscii >= e) n += this.index.rankOfAscii(text, p, e) >= 0 ? 1 : this.countPiece(text.slice(p, e));
      else n += this.countEncoded(this.encode(text, p, e), false);
      p = e;
    }
    return n;
  }

  /** Tokens of one pre-token (already split by the encoding's pattern). */
  countPiece(piece: string): number {
    const cacheable = piece.length <= PIECE_CACHE_LEN;
    if (cacheable) {
      const hit = this.pieceCache.get(piece);
      if (hit !== undefined) return hit;
    }
    const len = this.encode(piece, 0, piece.length);
    const n = this.countEncoded(len, len === piece.length);
    if (cacheable) {
      if (this.pieceCache.size >= PIECE_CACHE_MAX) this.pieceCache.clear();
      this.pieceCache.set(piece, n);
    }
    return n;
  }

  /**
   * Is the non-ASCII piece in buf[0, len) one token? Not when it is longer than every token with
   * such bytes, nor when two adjacent characters of it are next to each other in no token; a piece
   * of one character is answered from a per-character cache.
   */
  private isToken(len: number): boolean {
    const chars = this.chars ?? this.charTablesNow();
    if (len > chars.longestNonAscii) return false;
    const buf = this.buf;
    let b = buf[0]!;
    let w = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    let c1 = b < 0x80 ? b : b & (0x7f >> w);
    for (let q = 1; q < w; q++) c1 = (c1 << 6) | (buf[q]! & 63);
    if (w === len && w < 4) {
      let r = this.charWhole[c1]!;
      if (r === UNKNOWN) {
        r = this.index.rank(buf, 0, len);
        this.charWhole[c1] = r;
      }
      return r >= 0;
    }
    for (let i = w; i < len; i += w) {
      const v = buf[i]!;
      w = v < 0x80 ? 1 : v >= 0xf0 ? 4 : v >= 0xe0 ? 3 : 2;
      let c2 = v < 0x80 ? v : v & (0x7f >> w);
      for (let q = i + 1; q < i + w; q++) c2 = (c2 << 6) | (buf[q]! & 63);
      if ((b | v) >= 0x80 && !hasCharPair(chars.charPairs, c1, c2)) return false;
      b = v;
      c1 = c2;
    }
    return this.index.rank(buf, 0, len) >= 0;
  }

  /**
   * Tokens of the piece whose `len` UTF-8 bytes are in `buf`. `count` sends non-ASCII pieces here
   * straight from the text, past the piece cache: merging on characters costs less than making the
   * piece's string and a Map look-up and insert, and most such pieces are new.
   */
  private countEncoded(len: number, ascii: boolean): number {
    if (len <= 1 || (ascii ? this.index.rank(this.buf, 0, len) >= 0 : this.isToken(len))) return len === 0 ? 0 : 1;
    if (ascii || this.byteRanks === undefined) return len <= SMALL_PIECE ? this.mergeSmallBytes(len) : this.mergeHeapBytes(len);
    return this.mergeChars(len);
  }

  /** Writes s[from, to) as UTF-8 into `buf` (a lone surrogate as U+FFFD, like Buffer and TextEncoder); returns the length. */
  private encode(s: string, from: number, to: number): number {
    if (this.buf.length <= 3 * (to - from)) this.buf = new Uint8Array(3 * (to - from) + 1024);
    const j = utf8Into(s, from, to, this.buf);
    // A byte that is no UTF-8 continuation after the end: the end is a character boundary (see `join`).
    this.buf[j] = 0;
    return j;
  }

  /** The rank of the token spanning bytes [s, e) of the current piece, or NONE. */
  private pairRank(s: number, e: number): number {
    const r = this.index.rank(this.buf, s, e);
    return r < 0 ? NONE : r;
  }

  /**
   * The rank of the token joining two adjacent parts (ranks a and b) at bytes [s, e), or NONE:
   * from the pair memo when it knows, else from the bytes. a < 0: part ranks are not tracked.
   */
  private joinRank(a: number, b: number, s: number, e: number): number {
    if (a < 0) return this.pairRank(s, e);
    let r = this.pairs.get(a, b);
    if (r === UNKNOWN) {
      r = this.index.rank(this.buf, s, e);
      this.pairs.set(a, b, r);
    }
    return r < 0 ? NONE : r;
  }

  /**
   * The rank of the token joining the part [s, m) (rank a) with the part [m, e) (rank b), or NONE.
   *
   * Most of the pairs BPE looks at in non-ASCII text have no token, and many can be told without a
   * look-up: a pair across a character boundary where one side is only part of a character (the
   * left one starts with a UTF-8 continuation byte, or the right one ends inside a character) would
   * make a token that crosses that boundary and is not whole characters. Such tokens are few
   * (o200k_base: under 800) and `splitPairs` marks the byte pairs at their character boundaries; at
   * an unmarked boundary such a pair has no token, exactly, and neither has one whose two boundary
   * characters are adjacent in no token (`charPairs`, a Bloom filter: it can only say "maybe").
   * Two-byte pairs come from a 64k table; the rest from the pair memo, then the rank index.
   */
  private join(a: number, b: number, s: number, m: number, e: number): number {
    const buf = this.buf;
    const v = buf[m]!;
    const u = buf[m - 1]!;
    if ((v & 0xc0) !== 0x80 && (u | v) >= 0x80) {
      // A character boundary next to a non-ASCII character.
      const chars = this.chars ?? this.charTablesNow();
      if (chars.splitPairs[(u << 8) | v] === 0) {
        // Any token across it is whole characters: none when a side is part of one, or when the two
        // characters at the boundary are next to each other in no token.
        if ((buf[s]! & 0xc0) === 0x80 || (buf[e]! & 0xc0) === 0x80) return NONE;
        // The code points ending and starting at m (whole characters, as checked above).
        let c1 = u;
        if (u >= 0x80) {
          const b2 = buf[m - 2]!;
          if ((b2 & 0xc0) !== 0x80) c1 = ((b2 & 0x1f) << 6) | (u & 63);
          else {
            const b3 = buf[m - 3]!;
            c1 = (b3 & 0xc0) !== 0x80 ? ((b3 & 0x0f) << 12) | ((b2 & 63) << 6) | (u & 63) : ((buf[m - 4]! & 0x07) << 18) | ((b3 & 63) << 12) | ((b2 & 63) << 6) | (u & 63);
          }
        }
        let c2 = v;
        if (v >= 0xf0) c2 = ((v & 0x07) << 18) | ((buf[m + 1]! & 63) << 12) | ((buf[m + 2]! & 63) << 6) | (buf[m + 3]! & 63);
        else if (v >= 0xe0) c2 = ((v & 0x0f) << 12) | ((buf[m + 1]! & 63) << 6) | (buf[m + 2]! & 63);
        else if (v >= 0x80) c2 = ((v & 0x1f) << 6) | (buf[m + 1]! & 63);
        if (!hasCharPair(chars.charPairs, c1, c2)) return NONE;
      }
    }
    if (e - s === 2) {
      const k = (buf[s]! << 8) | v;
      let r = this.bytePairs[k]!;
      if (r === UNKNOWN) {
        r = this.index.rank(buf, s, e);
        this.bytePairs[k] = r;
      }
      return r < 0 ? NONE : r;
    }
    return this.joinRank(a, b, s, e);
  }

  private charTablesNow(): CharTables {
    this.chars = charTables(this.table);
    return this.chars;
  }

  /**
   * Can the character at bytes [s, s + len) (a code point of two or three bytes) start as one part?
   * Then its rank, else -1. It can when (1) alone, it merges into one token, and (2) every token
   * holding it and more bytes ranks above every merge that built it. With (2), and the character's
   * boundaries unmarked in `splitPairs` (checked by `seed`, so no pair across them has a token while
   * the character is in pieces), no pair involving it can be merged before it is whole, and its own
   * merges touch nothing else: merging it first gives the merges of the byte-by-byte run. (Most Han
   * characters, Cyrillic and accented letters qualify: their BPE then runs on characters, not bytes.)
   */
  private charPart(s: number, len: number, cp: number): number {
    let r = this.charRank[cp]!;
    if (r !== UNKNOWN) return r;
    const buf = this.buf;
    const whole = this.index.rank(buf, s, s + len);
    let highest = -1;
    if (whole >= 0) {
      if (len === 2) highest = whole;
      else {
        const ab = this.index.rank(buf, s, s + 2);
        const bc = this.index.rank(buf, s + 1, s + 3);
        // The first merge is the lower-ranked pair that exists; the second makes the character.
        const first = ab < 0 ? bc : bc < 0 ? ab : Math.min(ab, bc);
        if (first >= 0) highest = Math.max(first, whole);
      }
    }
    const tables = this.chars ?? this.charTablesNow();
    r = highest >= 0 && highest < tables.minContaining[cp]! ? whole : -1;
    this.charRank[cp] = r;
    return r;
  }

  /**
   * Lays out the first parts of a piece of n bytes: `next[s]` is where the part at s ends (the next
   * part's start), `partRank[s]` its rank. Bytes, except whole characters that qualify (`charPart`).
   */
  private seed(n: number, next: Int32Array, partRank: Int32Array): void {
    const buf = this.buf;
    const byteRanks = this.byteRanks!;
    let split: Uint8Array | undefined;
    for (let i = 0; i < n; ) {
      const b = buf[i]!;
      if (b >= 0xc0 && b < 0xf0) {
        const len = b >= 0xe0 ? 3 : 2;
        const cp = len === 2 ? ((b & 0x1f) << 6) | (buf[i + 1]! & 63) : ((b & 0x0f) << 12) | ((buf[i + 1]! & 63) << 6) | (buf[i + 2]! & 63);
        const r = this.charPart(i, len, cp);
        split ??= this.chars!.splitPairs;
        if (r >= 0 && (i === 0 || split[(buf[i - 1]! << 8) | b] === 0) && (i + len === n || split[(buf[i + len - 1]! << 8) | buf[i + len]!] === 0)) {
          next[i] = i + len;
          partRank[i] = r;
          i += len;
          continue;
        }
      }
      next[i] = i + 1;
      partRank[i] = byteRanks[b]!;
      i++;
    }
  }

  /**
   * tiktoken's own loop (fine for short pieces): after each merge only the two pair ranks next to
   * it are looked up again; the minimum is a scan over numbers. A merged part's rank is the rank
   * of the pair that made it, so later pairs are looked up by ranks (PairMemo) before bytes.
   */
  private mergeSmallBytes(n: number): number {
    // Parts as a list over byte positions: starts[i] is the next part's start after the part at i
    // (n at the end), ranks[i] the rank of joining the part at i with the next one (NONE: none).
    const next = this.starts;
    const ranks = this.pairRanks;
    const parts = this.partRanks;
    const byteRanks = this.byteRanks;
    const buf = this.buf;
    for (let i = 0; i < n; i++) {
      next[i] = i + 1;
      parts[i] = byteRanks === undefined ? -1 : byteRanks[buf[i]!]!;
    }
    for (let i = 0; i + 1 < n; i++) ranks[i] = this.joinRank(parts[i]!, parts[i + 1]!, i, i + 2);
    ranks[n - 1] = NONE;
    let count = n;
    for (;;) {
      let best = NONE;
      let at = -1;
      let before = -1;
      let prev = -1;
      for (let i = 0; i < n; i = next[i]!) {
        if (ranks[i]! < best) {
          best = ranks[i]!;
          at = i;
          before = prev;
        }
        prev = i;
      }
      if (at < 0) break;
      if (byteRanks !== undefined) parts[at] = best;
      const gone = next[at]!;
      const after = next[gone]!;
      next[at] = after;
      count--;
      ranks[at] = after < n ? this.joinRank(parts[at]!, parts[after]!, at, next[after]!) : NONE;
      if (before >= 0) ranks[before] = this.joinRank(parts[before]!, parts[at]!, before, after);
    }
    return count;
  }

  private mergeHeapBytes(n: number): number {
    if (this.next.length < n) {
      const size = Math.max(n, 2 * this.next.length);
      this.next = new Int32Array(size);
      this.prev = new Int32Array(size);
      this.heapPairRank = new Int32Array(size);
      this.heapPartRank = new Int32Array(size);
      this.alive = new Uint8Array(size);
    }
    const { next, prev, alive } = this;
    const pairRank = this.heapPairRank;
    const partRank = this.heapPartRank;
    const byteRanks = this.byteRanks;
    const buf = this.buf;
    const heap = this.heap;
    heap.clear();
    for (let i = 0; i < n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
      pairRank[i] = -1;
      alive[i] = 1;
      partRank[i] = byteRanks === undefined ? -1 : byteRanks[buf[i]!]!;
    }
    const update = (s: number) => {
      const e = next[s]!;
      if (e >= n) {
        pairRank[s] = -1;
        return;
      }
      const j = this.joinRank(partRank[s]!, partRank[e]!, s, next[e]!);
      const r = j === NONE ? -1 : j;
      pairRank[s] = r;
      if (r >= 0) heap.push(r, s);
    };
    for (let i = 0; i + 1 < n; i++) update(i);
    let parts = n;
    const top = this.top;
    while (heap.size > 0) {
      heap.pop(top);
      const s = top.pos;
      // Stale entries: the part was merged away or its pair changed since it was pushed.
      if (alive[s] === 0 || pairRank[s] !== top.rank) continue;
      const j = next[s]!;
      const k = next[j]!;
      alive[j] = 0;
      next[s] = k;
      if (k < n) prev[k] = s;
      if (byteRanks !== undefined) partRank[s] = top.rank;
      parts--;
      update(s);
      const p = prev[s]!;
      if (p >= 0) update(p);
    }
    return parts;
  }

  /**
   * Merges a non-ASCII piece of n bytes, laid out by `seed` (characters as parts where exact): up
   * to SCAN_PARTS parts, tiktoken's loop (scan for the lowest rank, merge, look up the two pairs
   * next to it); more, the heap of (rank, position) pairs, O(n log n).
   */
  private mergeChars(n: number): number {
    if (this.next.length <= n) {
      const size = Math.max(n + 1, 2 * this.next.length);
      this.next = new Int32Array(size);
      this.prev = new Int32Array(size);
      this.heapPairRank = new Int32Array(size);
      this.heapPartRank = new Int32Array(size);
      this.alive = new Uint8Array(size);
    }
    const next = this.next;
    this.seed(n, next, this.heapPartRank);
    let parts = 0;
    for (let i = 0; i < n; i = next[i]!) parts++;
    return parts <= SCAN_PARTS ? this.scanMerge(n, parts) : this.heapMerge(n, parts);
  }

  /** tiktoken's loop over seeded parts (see `mergeChars`); returns the number of parts left. */
  private scanMerge(n: number, count: number): number {
    const next = this.next;
    const ranks = this.heapPairRank;
    const parts = this.heapPartRank;
    for (let i = 0; i < n; i = next[i]!) {
      const j = next[i]!;
      ranks[i] = j < n ? this.join(parts[i]!, parts[j]!, i, j, next[j]!) : NONE;
    }
    for (;;) {
      let best = NONE;
      let at = -1;
      let before = -1;
      let prev = -1;
      for (let i = 0; i < n; i = next[i]!) {
        if (ranks[i]! < best) {
          best = ranks[i]!;
          at = i;
          before = prev;
        }
        prev = i;
      }
      if (at < 0) break;
      parts[at] = best;
      const gone = next[at]!;
      const after = next[gone]!;
      next[at] = after;
      count--;
      ranks[at] = after < n ? this.join(parts[at]!, parts[after]!, at, after, next[after]!) : NONE;
      if (before >= 0) ranks[before] = this.join(parts[before]!, parts[at]!, before, at, after);
    }
    return count;
  }

  /** The heap over seeded parts (see `mergeChars`); returns the number of parts left. */
  private heapMerge(n: number, parts: number): number {
    const { next, prev, alive } = this;
    const pairRank = this.heapPairRank;
    const partRank = this.heapPartRank;
    const heap = this.heap;
    heap.clear();
    for (let i = 0, p = -1; i < n; p = i, i = next[i]!) {
      prev[i] = p;
      pairRank[i] = -1;
      alive[i] = 1;
    }
    for (let i = 0; i < n; i = next[i]!) this.heapUpdate(i, n);
    const top = this.top;
    while (heap.size > 0) {
      heap.pop(top);
      const s = top.pos;
      // Stale entries: the part was merged away or its pair changed since it was pushed.
      if (alive[s] === 0 || pairRank[s] !== top.rank) continue;
      const j = next[s]!;
      const k = next[j]!;
      alive[j] = 0;
      next[s] = k;
      if (k < n) prev[k] = s;
      partRank[s] = top.rank;
      parts--;
      this.heapUpdate(s, n);
      const p = prev[s]!;
      if (p >= 0) this.heapUpdate(p, n);
    }
    return parts;
  }

  /** Looks up the pair starting at part s again and pushes it when it has a token. */
  private heapUpdate(s: number, n: number): void {
    const next = this.next;
    const e = next[s]!;
    if (e >= n) {
      this.heapPairRank[s] = -1;
      return;
    }
    const j = this.join(this.heapPartRank[s]!, this.heapPartRank[e]!, s, e, next[e]!);
    const r = j === NONE ? -1 : j;
    this.heapPairRank[s] = r;
    if (r >= 0) this.heap.push(r, s);
  }
}

/** Below this length a string cannot hold a long pre-token worth guarding against. */
export const LONG_PIECE = 1024;

/**
 * Cheap linear scan: could `text` contain a pre-token of LONG_PIECE characters or more? A superset
 * test (runs of non-digit non-space characters, or of whitespace): false positives only cost speed.
 */
export function mayHaveLongPiece(text: string, limit = LONG_PIECE): boolean {
  if (text.length < limit) return false;
  let other = 0;
  let ws = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      other = 0;
      if (++ws >= limit) return true;
    } else if (c >= 48 && c <= 57) {
      other = 0;
      ws = 0;
    } else {
      ws = 0;
      if (++other >= limit) return true;
    }
  }
  return false;
}

/**
 * Writes s[from, to) as UTF-8 into `b` (room for 3 bytes per UTF-16 unit); returns the length. A lone
 * surrogate becomes U+FFFD, as Buffer, TextEncoder and Rust's lossy conversion do.
 */
export function utf8Into(s: string, from: number, to: number, b: Uint8Array): number {
  let j = 0;
  for (let i = from; i < to; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) b[j++] = c;
    else if (c < 0x800) {
      b[j++] = 0xc0 | (c >> 6);
      b[j++] = 0x80 | (c & 63);
    } else {
      if ((c & 0xfc00) === 0xd800 && i + 1 < to && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
        b[j++] = 0xf0 | (c >> 18);
        b[j++] = 0x80 | ((c >> 12) & 63);
        b[j++] = 0x80 | ((c >> 6) & 63);
        b[j++] = 0x80 | (c & 63);
        continue;
      }
      if ((c & 0xf800) === 0xd800) c = 0xfffd;
      b[j++] = 0xe0 | (c >> 12);
      b[j++] = 0x80 | ((c >> 6) & 63);
      b[j++] = 0x80 | (c & 63);
    }
  }
  return j;
}
