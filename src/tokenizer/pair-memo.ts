/**
 * A bounded memo of BPE merges: (rank of the left part, rank of the right part) → rank of the
 * token spelling both, or -1 when there is none.
 *
 * A rank stands for exactly one byte string, so the pair of ranks decides the answer; looking it up
 * here costs two integer compares where the rank table must hash and compare the pair's bytes,
 * which grow as parts merge (on Chinese text, most of the counting time). Open addressing in typed
 * arrays: no allocation per entry, and a fixed size (cleared when three quarters full), so memory
 * does not grow with the input.
 */
export const UNKNOWN = -2;

export class PairMemo {
  /** Per slot: left rank + 1 (0: empty), right rank, value: one cache line holds a probe's reads. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly limit: number;
  private used = 0;

  constructor(slotsLog2 = 18) {
    const size = 1 << slotsLog2;
    this.slots = new Int32Array(4 * size);
    this.mask = size - 1;
    this.limit = (size >> 2) * 3;
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ b;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    return (h ^ (h >>> 13)) & this.mask;
  }

  /** The memoised rank for (a, b), -1 for "no such token", or UNKNOWN. */
  get(a: number, b: number): number {
    const { slots, mask } = this;
    const a1 = a + 1;
    for (let s = this.slot(a, b); ; s = (s + 1) & mask) {
      const l = slots[4 * s]!;
      if (l === 0) return UNKNOWN;
      if (l === a1 && slots[4 * s + 1] === b) return slots[4 * s + 2]!;
    }
  }

  /** Remembers (a, b) → v (after a `get` returned UNKNOWN for it). */
  set(a: number, b: number, v: number): void {
    if (this.used >= this.limit) {
      this.slots.fill(0);
      this.used = 0;
    }
    const { slots, mask } = this;
    let s = this.slot(a, b);
    while (slots[4 * s] !== 0) s = (s + 1) & mask;
    slots[4 * s] = a + 1;
    slots[4 * s + 1] = b;
    slots[4 * s + 2] = v;
    this.used++;
  }
}
