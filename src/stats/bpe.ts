/**
 * A pure-JS byte-pair encoder that counts tokens exactly like tiktoken, in O(n log n) per piece.
 *
 * Every JS/WASM tiktoken port merges with tiktoken's original loop, which rescans all pairs after each
 * merge: O(n²) in the length of one pre-token, so 64k spaces take seconds and 4k unpunctuated Han
 * characters take 14 s in js-tiktoken (reference/perf.md §3d). This merger keeps the candidate pairs
 * in a binary heap keyed by (rank, position) and the parts in a linked list; it applies the same
 * merges in the same order (lowest rank first, leftmost on ties), so the counts are identical.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Ranks as shipped by js-tiktoken: a JS-compatible pattern and base64 tokens grouped by offset. */
export interface RankFile {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

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

/**
 * An encoding's ranks in a form that crosses threads without re-parsing the rank file: the token
 * byte strings back to back (latin1), where each ends and its rank. Backed by a SharedArrayBuffer
 * when built with `shared`, so every worker reads the same memory (structured clone shares it).
 */
export interface RankTable {
  encoding: string;
  /** The encoding's pre-token pattern, as in the rank file (before the whitespace rewrite). */
  pattern: string;
  bytes: Uint8Array;
  ends: Uint32Array;
  ranks: Uint32Array;
}

/** Pieces up to this many bytes use tiktoken's simple loop; longer ones the heap. */
const SMALL_PIECE = 24;
const ASCII = /^[\x00-\x7f]*$/;
const PIECE_CACHE_MAX = 100_000;
const PIECE_CACHE_LEN = 64;

/**
 * Counts tokens of an encoding in pure JS. Exact (same pieces, same merges as tiktoken) and
 * O(n log n) per piece; special-token text is ordinary text.
 */
export class JsBpe {
  readonly encoding: string;
  private readonly ranks = new Map<string, number>();
  private readonly pattern: RegExp;
  private readonly pieceCache = new Map<string, number>();
  private readonly heap = new PairHeap();
  private readonly top = { rank: 0, pos: 0 };
  private readonly starts = new Int32Array(SMALL_PIECE + 2);
  private readonly pairRanks = new Float64Array(SMALL_PIECE + 2);

  private readonly patStr: string;

  constructor(encoding: string, file: RankFile | RankTable = loadRankFile(encoding)) {
    this.encoding = encoding;
    if ("bpe_ranks" in file) {
      this.patStr = file.pat_str;
      for (const line of file.bpe_ranks.split("\n")) {
        if (line === "") continue;
        const fields = line.split(" ");
        const offset = Number.parseInt(fields[1]!, 10);
        // atob yields the token's bytes as a latin1 string directly (no Buffer per token).
        for (let i = 2; i < fields.length; i++) this.ranks.set(atob(fields[i]!), offset + i - 2);
      }
    } else {
      // One latin1 decode of the whole table, then a slice per token: no base64, no rank file.
      this.patStr = file.pattern;
      const all = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString("latin1");
      const { ends, ranks } = file;
      let start = 0;
      for (let i = 0; i < ends.length; i++) {
        const end = ends[i]!;
        this.ranks.set(all.slice(start, end), ranks[i]!);
        start = end;
      }
    }
    this.pattern = new RegExp(rustWhitespacePattern(this.patStr), "gu");
  }

  /** This encoder's ranks as a table another thread can load quickly (see RankTable). */
  rankTable(shared = true): RankTable {
    const n = this.ranks.size;
    const ends = new Uint32Array(shared ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n));
    const ranks = new Uint32Array(shared ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n));
    const keys: string[] = [];
    let end = 0;
    let i = 0;
    for (const [k, r] of this.ranks) {
      keys.push(k);
      end += k.length;
      ends[i] = end;
      ranks[i++] = r;
    }
    const bytes = new Uint8Array(shared ? new SharedArrayBuffer(end) : new ArrayBuffer(end));
    bytes.set(Buffer.from(keys.join(""), "latin1"));
    return { encoding: this.encoding, pattern: this.patStr, bytes, ends, ranks };
  }

  /** Number of tokens of `text` (special-token look-alikes counted as text). */
  count(text: string): number {
    let n = 0;
    const re = this.pattern;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) n += this.countPiece(m[0]);
    return n;
  }

  /** Tokens of one pre-token (already split by the encoding's pattern). */
  countPiece(piece: string): number {
    const cacheable = piece.length <= PIECE_CACHE_LEN;
    if (cacheable) {
      const hit = this.pieceCache.get(piece);
      if (hit !== undefined) return hit;
    }
    // ASCII pieces are their own UTF-8 bytes.
    const bytes = ASCII.test(piece) ? piece : Buffer.from(piece, "utf8").toString("latin1");
    let n: number;
    if (this.ranks.has(bytes)) n = 1;
    else if (bytes.length <= SMALL_PIECE) n = this.mergeSmall(bytes);
    else n = this.mergeHeap(bytes);
    if (cacheable) {
      if (this.pieceCache.size >= PIECE_CACHE_MAX) this.pieceCache.clear();
      this.pieceCache.set(piece, n);
    }
    return n;
  }

  /**
   * tiktoken's own loop (fine for short pieces): after each merge only the two pair ranks next to
   * it are looked up again; the minimum is a scan over numbers.
   */
  private mergeSmall(b: string): number {
    const starts = this.starts;
    const ranks = this.pairRanks;
    let len = b.length + 1;
    for (let i = 0; i < len; i++) starts[i] = i;
    const rankAt = (i: number) => (i + 2 < len ? (this.ranks.get(b.slice(starts[i]!, starts[i + 2]!)) ?? Infinity) : Infinity);
    for (let i = 0; i + 2 < len; i++) ranks[i] = rankAt(i);
    for (;;) {
      let best = Infinity;
      let at = -1;
      for (let i = 0; i + 2 < len; i++) {
        if (ranks[i]! < best) {
          best = ranks[i]!;
          at = i;
        }
      }
      if (at < 0) break;
      for (let i = at + 1; i + 1 < len; i++) {
        starts[i] = starts[i + 1]!;
        ranks[i] = ranks[i + 1]!;
      }
      len--;
      ranks[at] = rankAt(at);
      if (at > 0) ranks[at - 1] = rankAt(at - 1);
    }
    return len - 1;
  }

  private mergeHeap(b: string): number {
    const n = b.length;
    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    const pairRank = new Int32Array(n).fill(-1);
    const alive = new Uint8Array(n).fill(1);
    const heap = this.heap;
    heap.clear();
    for (let i = 0; i < n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
    }
    const update = (s: number) => {
      const e = next[s]!;
      if (e >= n) {
        pairRank[s] = -1;
        return;
      }
      const r = this.ranks.get(b.slice(s, next[e]!));
      if (r === undefined) pairRank[s] = -1;
      else {
        pairRank[s] = r;
        heap.push(r, s);
      }
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
      parts--;
      update(s);
      const p = prev[s]!;
      if (p >= 0) update(p);
    }
    return parts;
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
