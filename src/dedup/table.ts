/**
 * Fixed-size-per-record structures for duplicate detection on 10M+ records. A JS Map/Set costs
 * ~95 B per entry and V8 caps one at 16,777,216 entries; this table is one Uint32Array
 * (16 B per slot, load ≤ 0.7 → ~23–46 B per key) with no entry cap but memory.
 */

const WORDS = 4; // k0, k1, k2, value + 1 (0 = empty slot)
const MAX_LOAD = 0.7;

/** Open-addressing (linear probing) map from a 96-bit key to a uint32 value. */
export class KeyTable {
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialSlots = 1024) {
    let n = 16;
    while (n < initialSlots) n *= 2;
    this.slots = new Uint32Array(n * WORDS);
    this.mask = n - 1;
  }

  get size(): number {
    return this.count;
  }

  private find(k: Uint32Array): number {
    const s = this.slots;
    let i = k[0]! & this.mask;
    for (;;) {
      const o = i * WORDS;
      if (s[o + 3] === 0) return -1 - i;
      if (s[o] === k[0] && s[o + 1] === k[1] && s[o + 2] === k[2]) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** The key's value, or -1. */
  get(k: Uint32Array): number {
    const i = this.find(k);
    return i < 0 ? -1 : this.slots[i * WORDS + 3]! - 1;
  }

  /** The existing value of the key, or -1 after inserting it with `value`. */
  getOrInsert(k: Uint32Array, value: number): number {
    const i = this.find(k);
    if (i >= 0) return this.slots[i * WORDS + 3]! - 1;
    this.put(-1 - i, k, value);
    return -1;
  }

  set(k: Uint32Array, value: number): void {
    const i = this.find(k);
    if (i >= 0) this.slots[i * WORDS + 3] = value + 1;
    else this.put(-1 - i, k, value);
  }

  private put(i: number, k: Uint32Array, value: number): void {
    const o = i * WORDS;
    this.slots[o] = k[0]!;
    this.slots[o + 1] = k[1]!;
    this.slots[o + 2] = k[2]!;
    this.slots[o + 3] = value + 1;
    if (++this.count > (this.mask + 1) * MAX_LOAD) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    const n = (this.mask + 1) * 2;
    this.slots = new Uint32Array(n * WORDS);
    this.mask = n - 1;
    const s = this.slots;
    const mask = this.mask;
    for (let o = 0; o < old.length; o += WORDS) {
      if (old[o + 3] === 0) continue;
      let i = old[o]! & mask;
      while (s[i * WORDS + 3] !== 0) i = (i + 1) & mask;
      // Word by word: a subarray() view per slot made growing cost 13% of a lint of short rows.
      const d = i * WORDS;
      s[d] = old[o]!;
      s[d + 1] = old[o + 1]!;
      s[d + 2] = old[o + 2]!;
      s[d + 3] = old[o + 3]!;
    }
  }
}

const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;

/** A growable uint32 array in 64k-element blocks: growing never copies (no 2x peak). */
export class ChunkedU32 {
  private blocks: Uint32Array[] = [];
  length = 0;

  push(v: number): number {
    const i = this.length++;
    const b = i >>> BLOCK_BITS;
    if (b === this.blocks.length) this.blocks.push(new Uint32Array(BLOCK));
    this.blocks[b]![i & (BLOCK - 1)] = v;
    return i;
  }

  get(i: number): number {
    return this.blocks[i >>> BLOCK_BITS]![i & (BLOCK - 1)]!;
  }

  set(i: number, v: number): void {
    this.blocks[i >>> BLOCK_BITS]![i & (BLOCK - 1)] = v;
  }
}

/** Fixed-width byte records (MinHash signatures) in blocks of 64k records. */
export class ChunkedRecords {
  readonly blocks: Uint8Array[] = [];
  length = 0;

  constructor(readonly width: number) {}

  /** Appends a record and returns its index. */
  push(bytes: Uint8Array): number {
    const i = this.length++;
    const b = i >>> BLOCK_BITS;
    if (b === this.blocks.length) this.blocks.push(new Uint8Array(BLOCK * this.width));
    this.blocks[b]!.set(bytes.subarray(0, this.width), (i & (BLOCK - 1)) * this.width);
    return i;
  }

  /** The block holding record i and the record's offset in it. */
  block(i: number): Uint8Array {
    return this.blocks[i >>> BLOCK_BITS]!;
  }

  offset(i: number): number {
    return (i & (BLOCK - 1)) * this.width;
  }
}

/** Union-find with path halving and union by size, for near-duplicate clusters. */
export class UnionFind {
  private parent: Int32Array;
  private rank: Uint8Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.rank = new Uint8Array(n);
  }

  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }

  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.rank[ra]! < this.rank[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    if (this.rank[ra] === this.rank[rb]) this.rank[ra]!++;
    return true;
  }
}
