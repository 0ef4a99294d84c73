import { bandHash, estimateJaccard, LSH_BANDS, LSH_ROWS, MINHASH_PERMUTATIONS, NEAR_DUP_THRESHOLD } from "./keys.js";
import { ChunkedRecords, UnionFind } from "./table.js";

/** How many same-band earlier records one record is verified against per band (bounds big buckets). */
const MAX_CHECKS_PER_BAND = 8;

/**
 * MinHash signatures of a set of records with LSH banding (16 bands × 8 rows of 8-bit minima):
 * records sharing one whole band are candidates, kept when their estimated Jaccard similarity
 * reaches the threshold. 128 bytes per record; the band tables are built only when asked.
 */
export class NearDupIndex {
  readonly sigs = new ChunkedRecords(MINHASH_PERMUTATIONS);
  private heads: Int32Array[] | undefined;
  private nexts: Int32Array[] | undefined;
  private mask = 0;

  constructor(readonly threshold = NEAR_DUP_THRESHOLD) {}

  get size(): number {
    return this.sigs.length;
  }

  add(sig: Uint8Array): number {
    this.heads = undefined;
    return this.sigs.push(sig);
  }

  similarity(i: number, j: number): number {
    return estimateJaccard(this.sigs.block(i), this.sigs.offset(i), this.sigs.block(j), this.sigs.offset(j));
  }

  private bandWords(i: number, band: number): [number, number] {
    const blk = this.sigs.block(i);
    const o = this.sigs.offset(i) + band * LSH_ROWS;
    const w0 = blk[o]! | (blk[o + 1]! << 8) | (blk[o + 2]! << 16) | (blk[o + 3]! << 24);
    const w1 = blk[o + 4]! | (blk[o + 5]! << 8) | (blk[o + 6]! << 16) | (blk[o + 7]! << 24);
    return [w0, w1];
  }

  private sameBand(i: number, j: number, band: number): boolean {
    const a = this.sigs.block(i);
    const b = this.sigs.block(j);
    const oa = this.sigs.offset(i) + band * LSH_ROWS;
    const ob = this.sigs.offset(j) + band * LSH_ROWS;
    for (let k = 0; k < LSH_ROWS; k++) if (a[oa + k] !== b[ob + k]) return false;
    return true;
  }

  /**
   * Clusters of near-duplicate records (union-find over verified candidate pairs), each sorted
   * ascending, in order of their first member. Singletons are left out. Memory: 12 B per record
   * for one band's table at a time.
   */
  clusters(): number[][] {
    const n = this.sigs.length;
    if (n < 2) return [];
    const uf = new UnionFind(n);
    let slots = 16;
    while (slots < n * 2) slots *= 2;
    const mask = slots - 1;
    const head = new Int32Array(slots);
    const next = new Int32Array(n);
    for (let band = 0; band < LSH_BANDS; band++) {
      head.fill(-1);
      for (let i = 0; i < n; i++) {
        const [w0, w1] = this.bandWords(i, band);
        const slot = bandHash(w0, w1, band) & mask;
        let checks = 0;
        for (let j = head[slot]!; j !== -1 && checks < MAX_CHECKS_PER_BAND; j = next[j]!) {
          if (!this.sameBand(i, j, band)) continue;
          checks++;
          if (uf.find(i) === uf.find(j)) break;
          if (this.similarity(i, j) >= this.threshold) {
            uf.union(i, j);
            break;
          }
        }
        next[i] = head[slot]!;
        head[slot] = i;
      }
    }
    // Count first, then collect only real clusters: a Map entry per record would cost ~70 B each.
    const size = next; // reuse: the band chains are done
    size.fill(0);
    for (let i = 0; i < n; i++) size[uf.find(i)]!++;
    const byRoot = new Map<number, number[]>();
    const out: number[][] = [];
    for (let i = 0; i < n; i++) {
      const r = uf.find(i);
      if (size[r]! < 2) continue;
      let list = byRoot.get(r);
      if (!list) {
        byRoot.set(r, (list = []));
        out.push(list); // in order of first member
      }
      list.push(i);
    }
    return out;
  }

  private buildQueryTables(): void {
    const n = this.sigs.length;
    let size = 16;
    while (size < n * 2) size *= 2;
    this.mask = size - 1;
    this.heads = [];
    this.nexts = [];
    for (let band = 0; band < LSH_BANDS; band++) {
      const head = new Int32Array(size).fill(-1);
      const next = new Int32Array(Math.max(1, n));
      for (let i = 0; i < n; i++) {
        const [w0, w1] = this.bandWords(i, band);
        const slot = bandHash(w0, w1, band) & this.mask;
        next[i] = head[slot]!;
        head[slot] = i;
      }
      this.heads.push(head);
      this.nexts.push(next);
    }
  }

  /** The indexed record most similar to `sig` at or above the threshold, or undefined. */
  query(sig: Uint8Array): { index: number; similarity: number } | undefined {
    if (this.sigs.length === 0) return undefined;
    if (!this.heads) this.buildQueryTables();
    let best: { index: number; similarity: number } | undefined;
    const seen = new Set<number>();
    for (let band = 0; band < LSH_BANDS; band++) {
      const o = band * LSH_ROWS;
      const w0 = sig[o]! | (sig[o + 1]! << 8) | (sig[o + 2]! << 16) | (sig[o + 3]! << 24);
      const w1 = sig[o + 4]! | (sig[o + 5]! << 8) | (sig[o + 6]! << 16) | (sig[o + 7]! << 24);
      const slot = bandHash(w0, w1, band) & this.mask;
      const next = this.nexts![band]!;
      let checks = 0;
      for (let j = this.heads![band]![slot]!; j !== -1 && checks < MAX_CHECKS_PER_BAND * 4; j = next[j]!) {
        if (seen.has(j)) continue;
        const blk = this.sigs.block(j);
        const off = this.sigs.offset(j) + o;
        let same = true;
        for (let k = 0; k < LSH_ROWS; k++) if (blk[off + k] !== sig[o + k]) { same = false; break; }
        if (!same) continue;
        seen.add(j);
        checks++;
        const s = estimateJaccard(sig, 0, this.sigs.block(j), this.sigs.offset(j));
        if (s >= this.threshold && (!best || s > best.similarity || (s === best.similarity && j < best.index))) best = { index: j, similarity: s };
      }
    }
    return best;
  }
}
