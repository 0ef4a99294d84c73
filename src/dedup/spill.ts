import { closeSync, constants, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { nodeCrypto, nodeOs } from "../core/builtins.js";
import path from "node:path";
import { trackTempFile, untrackTempFile } from "../core/tracked-files.js";

/*
 * Bounded-memory grouping for the duplicate rules. Each rule appends fixed-width records (a 96-bit
 * key, a line, a payload word) to a RecordSorter; records stay in memory while every sorter of the
 * process together holds less than the budget, and beyond it the sorter that needs room sorts what
 * it holds and spills it as a run to a temp file under os.tmpdir(). At the end the runs are merged,
 * so groups of equal keys come out in sorted order whatever the file size. Below the budget nothing
 * touches the disk and the result is the same.
 *
 * The temp file is unlinked as soon as it is open (POSIX), so the OS frees it when the process ends
 * whatever the way; where unlinking an open file fails it is removed on close, exit or signal.
 */

const BLOCK_BYTES = 1 << 20;
/** A sorter may always hold this many blocks, so a late sorter is not starved into tiny runs. */
const MIN_BLOCKS = 2;
/** Records per run: their index must fit in the low 21 bits of a sort key (see sortRun). */
const MAX_RUN = 1 << 21;
const IDX = 2 ** 21;
/**
 * Read buffers of one merge, shared by its runs: the number of runs grows with the file (a run per
 * budget's worth of records), so a buffer per run of fixed size would too. Each run reads
 * MERGE_BYTES / runs at a time (at least 16 records: positioned reads from the page cache are cheap).
 */
const MERGE_BYTES = 1 << 20;
const MAX_READ_RECORDS = 4096;
const MIN_READ_RECORDS = 16;

/** Default memory shared by every sorter of the process (records only; sorting a run adds 8 B per record). */
export const DEFAULT_SPILL_BUDGET = 8 * 1024 * 1024;

let budget = DEFAULT_SPILL_BUDGET;
let inUse = 0;
let runsSpilled = 0;

// Memory is reused rather than freed and allocated again run after run: glibc raises its mmap
// threshold after large frees and then serves such buffers from a heap that fragments, which showed
// as tens of MB of RSS that were neither V8 heap nor live buffers. Dropped when no sorter holds memory.
const freeBuffers = new Map<number, ArrayBuffer[]>();
let sortScratch: Float64Array | undefined;
let liveSorters = 0;
let stageScratch: Uint32Array | undefined;

function takeBuffer(bytes: number): ArrayBuffer {
  return freeBuffers.get(bytes)?.pop() ?? new ArrayBuffer(bytes);
}

function giveBuffers(bufs: readonly Uint32Array[]): void {
  for (const b of bufs) {
    let list = freeBuffers.get(b.buffer.byteLength);
    if (!list) freeBuffers.set(b.buffer.byteLength, (list = []));
    list.push(b.buffer as ArrayBuffer);
  }
}

/** Runs of at least this many records are ordered by radix sort (see sortRun). */
const RADIX_MIN = 1 << 14;
let radixScratch: Uint32Array | undefined;
const lowCounts = new Uint32Array(65536);
const highCounts = new Uint32Array(65536);

/**
 * Record indices 0…n-1 into `out`, ordered by the records' first word, push order kept among equal
 * words: a stable least-significant-digit radix sort on the low then the high 16 bits.
 */
function radixOrder(blocks: readonly Uint32Array[], n: number, w: number, perBlock: number, out: Float64Array): void {
  if (!radixScratch || radixScratch.length < n) radixScratch = new Uint32Array(n);
  const mid = radixScratch;
  lowCounts.fill(0);
  highCounts.fill(0);
  for (let b = 0, i = 0; i < n; b++) {
    const block = blocks[b]!;
    for (let o = 0; o < perBlock * w && i < n; o += w, i++) {
      const x = block[o]!;
      lowCounts[x & 0xffff]!++;
      highCounts[x >>> 16]!++;
    }
  }
  for (let d = 0, lo = 0, hi = 0; d < 65536; d++) {
    const l = lowCounts[d]!;
    const h = highCounts[d]!;
    lowCounts[d] = lo;
    highCounts[d] = hi;
    lo += l;
    hi += h;
  }
  for (let b = 0, i = 0; i < n; b++) {
    const block = blocks[b]!;
    for (let o = 0; o < perBlock * w && i < n; o += w, i++) mid[lowCounts[block[o]! & 0xffff]!++] = i;
  }
  for (let j = 0; j < n; j++) {
    const i = mid[j]!;
    out[highCounts[blocks[(i / perBlock) | 0]![(i % perBlock) * w]! >>> 16]!++] = i;
  }
}

function scratchKeys(n: number): Float64Array {
  if (!sortScratch || sortScratch.length < n) sortScratch = new Float64Array(n);
  return sortScratch.subarray(0, n);
}

/**
 * Sets the memory shared by the duplicate rules' sorters (bytes); returns the previous value.
 * Tests use a tiny budget to force spilling.
 */
export function setSpillBudget(bytes: number): number {
  const prev = budget;
  budget = Math.max(0, bytes);
  return prev;
}

/** Runs written to temp files by this process so far (for tests and benchmarks). */
export function spilledRuns(): number {
  return runsSpilled;
}

// A sorter dropped without dispose() (validate() aborted before the rules' end()) gives its share
// of the budget back and closes its temp file when it is collected.
interface Held {
  bytes: number;
  fd: number;
}
const dropped = new FinalizationRegistry<Held>((h) => {
  inUse -= h.bytes;
  if (--liveSorters === 0) {
    freeBuffers.clear();
    sortScratch = undefined;
    stageScratch = undefined;
    radixScratch = undefined;
  }
  if (h.fd !== -1) {
    try {
      closeSync(h.fd);
    } catch {
      // already closed
    }
  }
});

interface Run {
  /** Byte offset in the temp file. */
  offset: number;
  records: number;
}

/** Compares the record at a[ao] with b[bo] over `w` words (unsigned, lexicographic). */
function compare(a: Uint32Array, ao: number, b: Uint32Array, bo: number, w: number): number {
  for (let k = 0; k < w; k++) {
    const x = a[ao + k]!;
    const y = b[bo + k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Visits one record: `r[o]…r[o + width - 1]`. The view is only valid during the call. */
export type RecordVisitor = (r: Uint32Array, o: number) => void;

/**
 * An append-only list of fixed-width uint32 records that can be visited in sorted order (all
 * words, lexicographic) any number of times once `push` is done.
 */
export class RecordSorter {
  private blocks: Uint32Array[] = [];
  private n = 0;
  private readonly perBlock: number;
  private readonly blockBytes: number;
  private readonly runs: Run[] = [];
  private fd = -1;
  private file: string | undefined;
  private fileBytes = 0;
  /** Sorted order of the in-memory records once frozen without runs (record indices). */
  private order: Float64Array | undefined;
  private frozen = false;
  private disposed = false;
  /** A failed spill (disk full, no temp dir): records are dropped and reading throws it once. */
  private failed: Error | undefined;
  private readonly held: Held = { bytes: 0, fd: -1 };

  constructor(readonly width: number) {
    // Blocks of 1 MiB, smaller under a small budget (tests force spilling with a few records).
    this.perBlock = Math.max(1, Math.floor(Math.min(BLOCK_BYTES, budget / 16) / 4 / width));
    this.blockBytes = this.perBlock * width * 4;
    liveSorters++;
    dropped.register(this, this.held, this);
  }

  /** Records pushed so far. */
  get length(): number {
    let total = this.n;
    for (const r of this.runs) total += r.records;
    return total;
  }

  /** Appends a record (words past `width` are ignored). */
  push(w0: number, w1: number, w2 = 0, w3 = 0, w4 = 0): void {
    if (this.failed) return;
    const i = this.n % this.perBlock;
    if (i === 0 && this.n === this.blocks.length * this.perBlock) this.addBlock();
    const b = this.blocks[this.blocks.length - 1]!;
    const o = i * this.width;
    b[o] = w0;
    b[o + 1] = w1;
    const w = this.width;
    if (w > 2) b[o + 2] = w2;
    if (w > 3) b[o + 3] = w3;
    if (w > 4) b[o + 4] = w4;
    this.n++;
  }

  private addBlock(): void {
    if (this.frozen || this.disposed) throw new Error("RecordSorter: push after the records were read");
    if (this.n > 0 && (this.n + this.perBlock > MAX_RUN || (inUse + this.blockBytes > budget && this.blocks.length >= MIN_BLOCKS))) {
      try {
        this.spill();
      } catch (err) {
        // Said once (the rule reports it as an internal error), not once per record.
        this.failed = new Error(`cannot write the duplicate index to a temp file in ${nodeOs().tmpdir()}: ${err instanceof Error ? err.message : String(err)}`);
        this.releaseBlocks();
        throw this.failed;
      }
    }
    this.blocks.push(new Uint32Array(takeBuffer(this.blockBytes)));
    inUse += this.blockBytes;
    this.held.bytes += this.blockBytes;
  }

  private releaseBlocks(): void {
    inUse -= this.blocks.length * this.blockBytes;
    this.held.bytes = 0;
    giveBuffers(this.blocks);
    this.blocks = [];
    this.n = 0;
  }

  /**
   * Sorted record indices of the in-memory records: ordered by the first word, push order kept among
   * equal ones (a stable sort), then only stretches sharing the first word are compared on the other
   * words, and those are usually already in order (equal keys pushed in line order), which is checked
   * first. The first-word order is a radix sort of 16-bit digits (linear: a run of half a million
   * records sorts 2.4x faster than the numeric sort it replaced); a small run, where the digit counts
   * would cost more than the records, sorts (first word · 2^21 + index) numerically in a Float64Array
   * (exact below 2^53) instead. Both give the same order.
   */
  private sortRun(keys: Float64Array): Float64Array {
    const { n, width: w, perBlock, blocks } = this;
    if (n < RADIX_MIN) {
      for (let i = 0; i < n; i++) keys[i] = blocks[(i / perBlock) | 0]![(i % perBlock) * w]! * IDX + i;
      keys.sort();
      for (let i = 0; i < n; i++) keys[i] = keys[i]! - Math.floor(keys[i]! / IDX) * IDX;
    } else radixOrder(blocks, n, w, perBlock, keys);
    const at = (i: number) => blocks[(i / perBlock) | 0]!;
    const off = (i: number) => (i % perBlock) * w;
    const cmp = (x: number, y: number) => compare(at(x), off(x), at(y), off(y), w);
    for (let s = 0; s < n; ) {
      const first = at(keys[s]!)[off(keys[s]!)]!;
      let e = s + 1;
      while (e < n && at(keys[e]!)[off(keys[e]!)] === first) e++;
      if (e - s > 1) {
        let sorted = true;
        for (let k = s + 1; k < e && sorted; k++) sorted = cmp(keys[k - 1]!, keys[k]!) <= 0;
        if (!sorted) {
          const part = Array.from(keys.subarray(s, e)).sort(cmp);
          keys.set(part, s);
        }
      }
      s = e;
    }
    return keys;
  }

  /** Sorts the in-memory records and appends them to the temp file as one run. */
  private spill(): void {
    const order = this.sortRun(scratchKeys(this.n));
    if (this.fd === -1) this.openFile();
    const { width: w, perBlock } = this;
    stageScratch ??= new Uint32Array(BLOCK_BYTES / 4);
    const stage = stageScratch.subarray(0, Math.min(this.n, Math.floor(BLOCK_BYTES / 4 / w)) * w);
    const run: Run = { offset: this.fileBytes, records: this.n };
    let s = 0;
    for (let i = 0; i < this.n; i++) {
      const r = order[i]!;
      const b = this.blocks[(r / perBlock) | 0]!;
      const o = (r % perBlock) * w;
      for (let k = 0; k < w; k++) stage[s + k] = b[o + k]!;
      s += w;
      if (s === stage.length) {
        this.write(stage, s);
        s = 0;
      }
    }
    if (s > 0) this.write(stage, s);
    this.runs.push(run);
    runsSpilled++;
    this.releaseBlocks();
  }

  private write(words: Uint32Array, count: number): void {
    const bytes = new Uint8Array(words.buffer, words.byteOffset, count * 4);
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.fileBytes + done);
    this.fileBytes += bytes.length;
  }

  private openFile(): void {
    const file = path.join(nodeOs().tmpdir(), `ftdata-spill-${process.pid}-${nodeCrypto().randomBytes(6).toString("hex")}.tmp`);
    trackTempFile(file);
    try {
      this.fd = openSync(file, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600);
      this.held.fd = this.fd;
    } catch (err) {
      untrackTempFile(file);
      throw err;
    }
    try {
      unlinkSync(file); // nothing is left behind even if the process is killed
      untrackTempFile(file);
    } catch {
      this.file = file; // e.g. Windows: removed in dispose(), on exit or on a signal
    }
  }

  private freeze(): void {
    if (this.frozen) return;
    this.frozen = true;
    if (this.runs.length > 0) {
      if (this.n > 0) this.spill();
    } else {
      this.order = this.sortRun(new Float64Array(this.n)); // kept while reading: not the shared scratch
    }
  }

  /** Visits every record in sorted order. Can be called again (the records are kept until dispose). */
  forEach(visit: RecordVisitor): void {
    const c = this.cursor();
    while (c.next()) visit(c.r, c.o);
  }

  /**
   * A cursor over the records in sorted order; several can be open at once. After `next()` returns
   * true the record is `r[o]…r[o + width - 1]`, valid until the next call.
   */
  cursor(): RecordCursor {
    if (this.disposed) throw new Error("RecordSorter: read after dispose");
    if (this.failed) throw this.failed;
    this.freeze();
    if (this.runs.length === 0) return new MemoryCursor(this.blocks, this.order!, this.n, this.perBlock, this.width);
    return new MergeCursor(this.fd, this.runs, this.width);
  }

  /** Frees the memory and the temp file. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    dropped.unregister(this);
    this.releaseBlocks();
    if (--liveSorters === 0) {
      freeBuffers.clear();
      sortScratch = undefined;
      stageScratch = undefined;
    }
    this.order = undefined;
    if (this.fd !== -1) {
      closeSync(this.fd);
      this.fd = -1;
    }
    if (this.file) {
      try {
        unlinkSync(this.file);
      } catch {
        // already gone
      }
      untrackTempFile(this.file);
      this.file = undefined;
    }
  }
}

/** Records in sorted order, one at a time. */
export interface RecordCursor {
  /** Moves to the next record; false at the end. */
  next(): boolean;
  r: Uint32Array;
  o: number;
}

class MemoryCursor implements RecordCursor {
  r: Uint32Array = new Uint32Array(0);
  o = 0;
  private i = 0;

  constructor(
    private readonly blocks: Uint32Array[],
    private readonly order: Float64Array,
    private readonly n: number,
    private readonly perBlock: number,
    private readonly width: number,
  ) {}

  next(): boolean {
    if (this.i >= this.n) return false;
    const r = this.order[this.i++]!;
    this.r = this.blocks[(r / this.perBlock) | 0]!;
    this.o = (r % this.perBlock) * this.width;
    return true;
  }
}

/** k-way merge of sorted runs through a binary heap of run cursors, reading each run in slices. */
class MergeCursor implements RecordCursor {
  r: Uint32Array = new Uint32Array(0);
  o = 0;
  private readonly bufs: Uint32Array[];
  private readonly pos: Int32Array; // word offset of the current record in bufs[i]
  private readonly end: Int32Array; // words loaded in bufs[i]
  private readonly nextByte: number[];
  private readonly left: number[]; // records not loaded yet
  private readonly heap: number[] = [];
  private started = false;

  constructor(
    private readonly fd: number,
    runs: readonly Run[],
    private readonly width: number,
  ) {
    const w = width;
    const per = Math.max(MIN_READ_RECORDS, Math.min(MAX_READ_RECORDS, Math.floor(MERGE_BYTES / (4 * w) / Math.max(1, runs.length))));
    this.bufs = runs.map((r) => new Uint32Array(Math.min(per, r.records) * w));
    this.pos = new Int32Array(runs.length);
    this.end = new Int32Array(runs.length);
    this.nextByte = runs.map((r) => r.offset);
    this.left = runs.map((r) => r.records);
    for (let i = 0; i < runs.length; i++) if (this.load(i)) this.heap.push(i);
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  private load(i: number): boolean {
    if (this.left[i] === 0) return false;
    const w = this.width;
    const buf = this.bufs[i]!;
    const recs = Math.min(this.left[i]!, buf.length / w);
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, recs * w * 4);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(this.fd, bytes, got, bytes.length - got, this.nextByte[i]! + got);
      if (n === 0) throw new Error("the duplicate index's temp file was truncated");
      got += n;
    }
    this.nextByte[i] = this.nextByte[i]! + bytes.length;
    this.left[i] = this.left[i]! - recs;
    this.pos[i] = 0;
    this.end[i] = recs * w;
    return true;
  }

  private less(a: number, b: number): boolean {
    const c = compare(this.bufs[a]!, this.pos[a]!, this.bufs[b]!, this.pos[b]!, this.width);
    return c < 0 || (c === 0 && a < b);
  }

  private down(i: number): void {
    const heap = this.heap;
    const m = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= m) return;
      const r = l + 1;
      const c = r < m && this.less(heap[r]!, heap[l]!) ? r : l;
      if (!this.less(heap[c]!, heap[i]!)) return;
      const t = heap[c]!;
      heap[c] = heap[i]!;
      heap[i] = t;
      i = c;
    }
  }

  next(): boolean {
    const heap = this.heap;
    if (this.started && heap.length > 0) {
      const top = heap[0]!;
      this.pos[top] = this.pos[top]! + this.width;
      if (this.pos[top]! >= this.end[top]! && !this.load(top)) {
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
      }
      if (heap.length > 0) this.down(0);
    }
    this.started = true;
    if (heap.length === 0) return false;
    const top = heap[0]!;
    this.r = this.bufs[top]!;
    this.o = this.pos[top]!;
    return true;
  }
}
