/**
 * Byte-level BPE tokenizer.json files (Qwen2/2.5/3, Llama 3.x, DeepSeek, GPT-2 style) counted on
 * ftdata's own engine instead of `@huggingface/tokenizers`: the same steps as the Rust tokenizers
 * library, in the same order, so the counts are identical (test/hf-tokens.test.ts pins them against
 * transformers):
 *
 * 1. added tokens (special or not) are cut out of the text first, leftmost-longest; each is one token;
 * 2. the normalizer (none, or NFC for Qwen) runs on the text between them;
 * 3. the model's Split regex (Oniguruma `\s` is Unicode White_Space, as in tiktoken: the pattern is
 *    rewritten like the OpenAI ones; `(?i:…)` groups, which V8 lacks on Node 20, are spelled out);
 *    the gaps between matches are pieces too (`Isolated`);
 * 4. each piece's UTF-8 bytes are merged by the model's merge list: the lowest-ranked adjacent pair
 *    first, leftmost on ties, pairs looked up by (left id, right id), as HF does (not by the bytes of
 *    the merged token, as tiktoken does: two different pairs can spell the same token);
 *    `ignore_merges` (Llama 3) makes a piece that is itself in the vocabulary one token.
 *
 * Anything outside that shape (byte fallback, SentencePiece metaspace, added tokens with
 * lstrip/rstrip/single_word, other normalizers or pre-tokenizers) returns undefined: the caller uses
 * `@huggingface/tokenizers` (Gemma, Llama 2, Mistral v1 and other SentencePiece/Unigram models).
 */
import { rustWhitespacePattern, utf8Into } from "./bpe.js";
import { RankIndex, rankTableFromTokens } from "./rank-table.js";
import type { TextCounter } from "./tokenizer.js";

/** GPT-2's byte ↔ printable character table: the alphabet byte-level vocabularies are spelled in. */
function byteLevelAlphabet(): { toByte: Map<number, number>; toChar: string[] } {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = bs.slice();
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  const toByte = new Map<number, number>();
  const toChar: string[] = new Array(256);
  bs.forEach((b, i) => {
    toByte.set(cs[i]!, b);
    toChar[b] = String.fromCharCode(cs[i]!);
  });
  return { toByte, toChar };
}

/** The GPT-2 pattern ByteLevel uses when `use_regex` is true (no Split before it). */
const GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

/** Spells out `(?i:…)` groups of ASCII literals (`'s|'t` → `'[sS]|'[tT]`); undefined when unsure. */
export function expandCaseInsensitive(pat: string): string | undefined {
  let out = "";
  let i = 0;
  while (i < pat.length) {
    const at = pat.indexOf("(?i:", i);
    if (at < 0) {
      out += pat.slice(i);
      break;
    }
    out += pat.slice(i, at) + "(?:";
    let j = at + 4;
    for (; j < pat.length && pat[j] !== ")"; j++) {
      const ch = pat[j]!;
      // Only plain literals and alternation: anything else (classes, escapes, nesting) is not handled.
      if (ch === "(" || ch === "[" || ch === "\\") return undefined;
      const lo = ch.toLowerCase();
      const up = ch.toUpperCase();
      out += lo !== up ? `[${lo}${up}]` : ch;
    }
    if (j >= pat.length) return undefined;
    out += ")";
    i = j + 1;
  }
  return out.includes("(?i") ? undefined : out;
}

interface Shape {
  pattern: string;
  nfc: boolean;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The pre-tokenizer pattern and normalizer of a supported byte-level BPE tokenizer.json, or undefined. */
function shapeOf(json: Record<string, unknown>): Shape | undefined {
  const model = json.model;
  if (!isObj(model) || model.type !== "BPE") return undefined;
  if (model.byte_fallback === true || (model.dropout !== null && model.dropout !== undefined)) return undefined;
  if (model.continuing_subword_prefix || model.end_of_word_suffix) return undefined;
  let nfc = false;
  const norm = json.normalizer;
  if (norm !== null && norm !== undefined) {
    const list = isObj(norm) && norm.type === "Sequence" && Array.isArray(norm.normalizers) ? norm.normalizers : [norm];
    for (const n of list) {
      if (isObj(n) && n.type === "NFC") nfc = true;
      else return undefined;
    }
  }
  const pre = json.pre_tokenizer;
  if (!isObj(pre)) return undefined;
  const steps = pre.type === "Sequence" && Array.isArray(pre.pretokenizers) ? pre.pretokenizers : [pre];
  let pattern: string | undefined;
  let sawByteLevel = false;
  for (const s of steps) {
    if (!isObj(s)) return undefined;
    if (s.type === "Split" && !sawByteLevel && pattern === undefined) {
      const p = s.pattern;
      if (!isObj(p) || typeof p.Regex !== "string" || s.behavior !== "Isolated" || s.invert === true) return undefined;
      pattern = p.Regex;
    } else if (s.type === "ByteLevel" && !sawByteLevel) {
      if (s.add_prefix_space === true) return undefined;
      if (s.use_regex !== false) {
        if (pattern !== undefined) return undefined;
        pattern = GPT2_PATTERN;
      }
      sawByteLevel = true;
    } else return undefined;
  }
  if (!sawByteLevel || pattern === undefined) return undefined;
  const expanded = expandCaseInsensitive(pattern);
  if (expanded === undefined) return undefined;
  let js: string;
  try {
    js = rustWhitespacePattern(expanded);
    new RegExp(js, "gu");
  } catch {
    return undefined;
  }
  return { pattern: js, nfc };
}

/** Open-addressing hash of merges: (left id, right id) → rank and the merged token's id. */
class PairTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  constructor(n: number) {
    let size = 1024;
    while (size < 2 * n) size *= 2;
    this.slots = new Int32Array(4 * size);
    this.mask = size - 1;
  }
  private static hash(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 12);
  }
  set(a: number, b: number, rank: number, id: number): void {
    const s = this.slots;
    let i = PairTable.hash(a, b) & this.mask;
    while (s[4 * i] !== 0) {
      // A merge listed twice keeps its last rank, as HF's map (collected from the list) does.
      if (s[4 * i] === a + 1 && s[4 * i + 1] === b) {
        s[4 * i + 2] = rank;
        s[4 * i + 3] = id;
        return;
      }
      i = (i + 1) & this.mask;
    }
    s[4 * i] = a + 1;
    s[4 * i + 1] = b;
    s[4 * i + 2] = rank;
    s[4 * i + 3] = id;
  }
  /** Slot index of the pair, or -1. */
  find(a: number, b: number): number {
    const s = this.slots;
    let i = PairTable.hash(a, b) & this.mask;
    for (;;) {
      const k = s[4 * i]!;
      if (k === 0) return -1;
      if (k === a + 1 && s[4 * i + 1] === b) return i;
      i = (i + 1) & this.mask;
    }
  }
  rankAt(i: number): number {
    return this.slots[4 * i + 2]!;
  }
  idAt(i: number): number {
    return this.slots[4 * i + 3]!;
  }
}

const NONE = 0x7fffffff;
const PIECE_CACHE_MAX = 200_000;
const PIECE_CACHE_LEN = 64;
const SMALL = 32;

/** Counts tokens of a byte-level BPE tokenizer.json (see the module comment). */
export class HfBpe {
  private readonly pairs: PairTable;
  private readonly byteId = new Int32Array(256);
  private readonly vocab: RankIndex | undefined;
  private readonly pattern: RegExp;
  /** Added tokens by first UTF-16 unit, longest first; which ASCII characters start one. */
  private readonly addedBy = new Map<number, string[]>();
  private readonly addedFirst = new Uint8Array(128);
  private addedNonAscii = false;
  private readonly nfc: boolean;
  private readonly cache = new Map<string, number>();
  private buf = new Uint8Array(1024);
  // Merge state, reused between pieces.
  private ids = new Int32Array(256);
  private ranks = new Int32Array(256);
  private slotOf = new Int32Array(256);
  private next = new Int32Array(256);
  private prev = new Int32Array(256);
  private heapR = new Int32Array(256);
  private heapP = new Int32Array(256);

  private constructor(json: Record<string, unknown>, shape: Shape) {
    const model = json.model as Record<string, unknown>;
    const vocab = model.vocab as Record<string, number>;
    const merges = model.merges as Array<string | [string, string]>;
    const { toByte, toChar } = byteLevelAlphabet();
    const byteOf = new Int16Array(512).fill(-1);
    for (const [c, b] of toByte) byteOf[c] = b;
    // Looked up in the parsed object itself: a Map of 150k names would cost as much again to build.
    const idOf = (name: string): number | undefined => (Object.hasOwn(vocab, name) ? vocab[name] : undefined);
    for (let b = 0; b < 256; b++) {
      const id = idOf(toChar[b]!);
      if (id === undefined) throw new Unsupported(`byte ${b} has no token`);
      this.byteId[b] = id;
    }
    if (model.ignore_merges === true) {
      // Token bytes, for `ignore_merges`: a piece that is itself a token is one token.
      let total = 0;
      let count = 0;
      for (const name in vocab) {
        total += name.length;
        count++;
      }
      const tokenBytes = new Uint8Array(total);
      const ends = new Uint32Array(count);
      const ids = new Uint32Array(count);
      let nb = 0;
      let k = 0;
      for (const name in vocab) {
        for (let i = 0; i < name.length; i++) {
          const c = name.charCodeAt(i);
          const b = c < 512 ? byteOf[c]! : -1;
          if (b < 0) throw new Unsupported(`vocabulary entry ${JSON.stringify(name)} is not byte-level`);
          tokenBytes[nb++] = b;
        }
        ends[k] = nb;
        ids[k++] = vocab[name]!;
      }
      try {
        this.vocab = new RankIndex(rankTableFromTokens("hf", "", tokenBytes, ends, ids));
      } catch (err) {
        throw new Unsupported((err as Error).message);
      }
    }
    this.pairs = new PairTable(merges.length);
    merges.forEach((m, rank) => {
      let a: string;
      let b: string;
      if (typeof m === "string") {
        const sp = m.indexOf(" ", 1);
        if (sp < 0) throw new Unsupported(`merge ${rank} is malformed`);
        a = m.slice(0, sp);
        b = m.slice(sp + 1);
      } else [a, b] = m;
      const ia = idOf(a);
      const ib = idOf(b);
      const io = idOf(a + b);
      if (ia === undefined || ib === undefined || io === undefined) throw new Unsupported(`merge ${rank} names a token not in the vocabulary`);
      this.pairs.set(ia, ib, rank, io);
    });
    this.pattern = new RegExp(shape.pattern, "gu");
    this.nfc = shape.nfc;
    const added = Array.isArray(json.added_tokens) ? (json.added_tokens as Array<Record<string, unknown>>) : [];
    const contents: string[] = [];
    for (const t of added) {
      if (t.lstrip === true || t.rstrip === true || t.single_word === true) throw new Unsupported("added tokens with lstrip/rstrip/single_word");
      if (typeof t.content === "string" && t.content.length > 0) contents.push(t.content);
    }
    // Longest first, grouped by first character: at one position the longest token wins (leftmost-longest).
    contents.sort((x, y) => y.length - x.length);
    for (const c of contents) {
      const k = c.charCodeAt(0);
      let list = this.addedBy.get(k);
      if (!list) this.addedBy.set(k, (list = []));
      list.push(c);
      if (k < 128) this.addedFirst[k] = 1;
      else this.addedNonAscii = true;
    }
  }

  /** An engine for this tokenizer.json, or undefined when it is not byte-level BPE of the supported shape. */
  static from(json: Record<string, unknown>): HfBpe | undefined {
    const shape = shapeOf(json);
    if (!shape) return undefined;
    try {
      return new HfBpe(json, shape);
    } catch (err) {
      if (err instanceof Unsupported) return undefined;
      throw err;
    }
  }

  /** Tokens of `text`, special-token text counted as the special token (as transformers does). */
  count(text: string): number {
    if (this.addedBy.size === 0) return this.countSegment(text);
    const first = this.addedFirst;
    const any = this.addedNonAscii;
    let n = 0;
    let p = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 ? first[c] === 0 : !any) continue;
      const list = this.addedBy.get(c);
      if (list === undefined) continue;
      const hit = list.find((t) => text.startsWith(t, i));
      if (hit === undefined) continue;
      if (i > p) n += this.countSegment(text.slice(p, i));
      n++;
      p = i + hit.length;
      i = p - 1;
    }
    if (p < text.length) n += this.countSegment(p === 0 ? text : text.slice(p));
    return n;
  }

  private countSegment(text: string): number {
    if (this.nfc && !isAscii(text)) text = text.normalize("NFC");
    const re = this.pattern;
    re.lastIndex = 0;
    let n = 0;
    let p = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m.index > p) n += this.countPiece(text.slice(p, m.index));
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      n += this.countPiece(m[0]);
      p = re.lastIndex;
    }
    if (p < text.length) n += this.countPiece(text.slice(p));
    return n;
  }

  /** Tokens of one pre-token. */
  countPiece(piece: string): number {
    const cacheable = piece.length <= PIECE_CACHE_LEN;
    if (cacheable) {
      const hit = this.cache.get(piece);
      if (hit !== undefined) return hit;
    }
    const len = this.encode(piece);
    let n: number;
    if (len <= 1) n = len;
    else if (this.vocab !== undefined && this.vocab.rank(this.buf, 0, len) >= 0) n = 1;
    else n = len <= SMALL ? this.mergeSmall(len) : this.mergeHeap(len);
    if (cacheable) {
      if (this.cache.size >= PIECE_CACHE_MAX) this.cache.clear();
      this.cache.set(piece, n);
    }
    return n;
  }

  /** UTF-8 of `s` into `buf` (a lone surrogate as U+FFFD, as Rust's lossy conversion); the length. */
  private encode(s: string): number {
    if (this.buf.length < 3 * s.length) this.buf = new Uint8Array(3 * s.length + 1024);
    return utf8Into(s, 0, s.length, this.buf);
  }

  private grow(n: number): void {
    if (this.ids.length >= n + 1) return;
    const size = 2 * n + 2;
    this.ids = new Int32Array(size);
    this.ranks = new Int32Array(size);
    this.slotOf = new Int32Array(size);
    this.next = new Int32Array(size);
    this.prev = new Int32Array(size);
    this.heapR = new Int32Array(size);
    this.heapP = new Int32Array(size);
  }

  /** Rank of the pair (ids[i], ids[j]) with its slot in slotOf[i], or NONE. */
  private pair(i: number, a: number, b: number): number {
    const s = this.pairs.find(a, b);
    if (s < 0) return NONE;
    this.slotOf[i] = s;
    return this.pairs.rankAt(s);
  }

  /** Short pieces: scan for the lowest rank, merge, repeat (the arrays shift left). */
  private mergeSmall(n: number): number {
    this.grow(n);
    const { ids, ranks, buf, byteId } = this;
    for (let i = 0; i < n; i++) ids[i] = byteId[buf[i]!]!;
    let len = n;
    for (let i = 0; i + 1 < len; i++) ranks[i] = this.pair(i, ids[i]!, ids[i + 1]!);
    for (;;) {
      let best = NONE;
      let at = -1;
      for (let i = 0; i + 1 < len; i++) {
        if (ranks[i]! < best) {
          best = ranks[i]!;
          at = i;
        }
      }
      if (at < 0) return len;
      ids[at] = this.pairs.idAt(this.slotOf[at]!);
      for (let i = at + 1; i + 1 < len; i++) {
        ids[i] = ids[i + 1]!;
        ranks[i] = ranks[i + 1]!;
        this.slotOf[i] = this.slotOf[i + 1]!;
      }
      len--;
      ranks[at] = at + 1 < len ? this.pair(at, ids[at]!, ids[at + 1]!) : NONE;
      if (at > 0) ranks[at - 1] = this.pair(at - 1, ids[at - 1]!, ids[at]!);
    }
  }

  /** Long pieces (a run of Han characters is one piece): a heap of (rank, position), a linked list of parts. */
  private mergeHeap(n: number): number {
    this.grow(n);
    const { ids, ranks, next, prev, buf, byteId, heapR, heapP } = this;
    for (let i = 0; i < n; i++) {
      ids[i] = byteId[buf[i]!]!;
      next[i] = i + 1;
      prev[i] = i - 1;
    }
    let size = 0;
    const less = (x: number, y: number) => heapR[x]! < heapR[y]! || (heapR[x] === heapR[y] && heapP[x]! < heapP[y]!);
    const push = (r: number, p: number) => {
      let i = size++;
      heapR[i] = r;
      heapP[i] = p;
      while (i > 0) {
        const up = (i - 1) >> 1;
        if (!less(i, up)) break;
        const tr = heapR[i]!;
        heapR[i] = heapR[up]!;
        heapR[up] = tr;
        const tp = heapP[i]!;
        heapP[i] = heapP[up]!;
        heapP[up] = tp;
        i = up;
      }
    };
    const pop = () => {
      size--;
      heapR[0] = heapR[size]!;
      heapP[0] = heapP[size]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const m = l + 1 < size && less(l + 1, l) ? l + 1 : l;
        if (!less(m, i)) break;
        const tr = heapR[i]!;
        heapR[i] = heapR[m]!;
        heapR[m] = tr;
        const tp = heapP[i]!;
        heapP[i] = heapP[m]!;
        heapP[m] = tp;
        i = m;
      }
    };
    // The heap can hold stale entries: it grows by at most two per merge, so 3n bounds it.
    if (heapR.length < 3 * n) {
      this.heapR = new Int32Array(3 * n);
      this.heapP = new Int32Array(3 * n);
      return this.mergeHeap(n);
    }
    const update = (i: number) => {
      const j = next[i]!;
      const r = j < n ? this.pair(i, ids[i]!, ids[j]!) : NONE;
      ranks[i] = r;
      if (r !== NONE) push(r, i);
    };
    for (let i = 0; i < n; i++) update(i);
    let parts = n;
    while (size > 0) {
      const r = heapR[0]!;
      const i = heapP[0]!;
      pop();
      // Stale: the part was merged away (rank reset) or its pair changed since it was pushed.
      if (ranks[i] !== r) continue;
      const j = next[i]!;
      ids[i] = this.pairs.idAt(this.slotOf[i]!);
      ranks[j] = NONE;
      const k = next[j]!;
      next[i] = k;
      if (k < n) prev[k] = i;
      parts--;
      update(i);
      const p = prev[i]!;
      if (p >= 0) update(p);
    }
    return parts;
  }
}

class Unsupported extends Error {}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** A TextCounter on ftdata's engine for a byte-level BPE tokenizer.json, or undefined (see HfBpe). */
export function hfBpeCounter(json: Record<string, unknown>, encoding: string): TextCounter | undefined {
  const bpe = HfBpe.from(json);
  if (!bpe) return undefined;
  return { encoding, backend: "ftdata-bpe", count: (s) => (s.length === 0 ? 0 : bpe.count(s)) };
}
