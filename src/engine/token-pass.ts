/**
 * The token pass of `validate()`: counts every canonical example, inline or on worker threads, and
 * hands the figures back in record order so rules see examples in order.
 *
 * Worker mode (one worker for files of 16 MiB and more by default): the main thread keeps parsing
 * and validating; for each batch it gathers the distinct strings it has not counted before (a
 * bounded cache of repeated strings such as system prompts) and hands them to the least busy
 * worker; it runs the rules on a batch's examples once its counts are back. Examples reach the
 * rules only then, so the main thread may run up to MAX_IN_FLIGHT batches ahead.
 */
import { availableParallelism } from "node:os";
import { builtScript } from "./built-script.js";
import { Worker } from "node:worker_threads";
import type { CanonicalExample } from "../core/canonical.js";
import { countExampleTokens, type CountContext, type ExampleTokens } from "../tokenizer/chat.js";
import { makeCountContext, type TokenSetup } from "../tokenizer/context.js";
import type { BackendName } from "../tokenizer/tokenizer.js";
import type { WorkerInit, WorkerReply } from "./token-worker.js";

type Done = (tokens: ExampleTokens) => void;

export interface TokenPass {
  /** Counts an example; `done` runs in record order. Returns a promise when the caller should wait. */
  push(ex: CanonicalExample, done: Done): Promise<void> | undefined;
  /** Waits until every pushed example is done. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Files at least this large get one worker thread when `workers` is "auto". On 2 cores the main
 * thread is busy with parsing and the rules, so one worker is what the second core can run: on the
 * 18 MiB bench corpus (machine at load 5–8) one worker matched or beat inline (wall ×1.04, +0.3 s
 * CPU) while two lost 40% (three threads on two cores, each warming its own piece cache and JIT);
 * on a 4.5 MiB file one worker was even with inline. bench/stats.bench.mjs, docs/tokens.md.
 */
export const WORKER_MIN_BYTES = 16 * 1024 * 1024;

class InlinePass implements TokenPass {
  private readonly ctx: CountContext;
  constructor(setup: TokenSetup) {
    this.ctx = makeCountContext(setup);
  }
  push(ex: CanonicalExample, done: Done): undefined {
    done(countExampleTokens(ex, this.ctx));
    return undefined;
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

interface Batch {
  items: Array<{ ex: CanonicalExample; done: Done }>;
  strings: string[];
  index: Map<string, number>;
  /** Counts already known when the batch was collected (the cache may be cleared before it is finished). */
  known: Map<string, number>;
  chars: number;
  counts?: Uint32Array;
  error?: string;
  settled: Promise<void>;
  resolve?: () => void;
  worker?: number;
}

const BATCH_CHARS = 256 * 1024;
const BATCH_ITEMS = 1024;
/**
 * Batches in flight before the main thread waits. Examples of a batch reach the rules only when its
 * counts are back, so a short window stalled the main thread behind the workers' start-up (ranks,
 * JIT) with nothing to do; a long one lets it parse ahead. Bounds memory: at most this many batches
 * of new text (~2 Mi characters) and their examples (~8k) are held. It was 64: on short rows the
 * held examples were most of the peak RSS (600k rows: 717 MB for lint -m, 877 MB for stats).
 */
const MAX_IN_FLIGHT = 8;
/** Batches handed to one worker at a time (one counting, one waiting in its port). */
const PER_WORKER = 2;
const CACHE_MAX_LEN = 65_536;
/** The repeated-string cache is bounded by characters and by entries (a Map entry costs ~80 bytes). */
const CACHE_MAX_CHARS = 4 * 1024 * 1024;
const CACHE_MAX_ENTRIES = 65_536;

class WorkerPass implements TokenPass {
  private readonly workers: Worker[];
  private readonly inFlight: number[];
  /** Workers that may take batches: a worker waiting for the shared ranks gets them first. */
  private readonly ready: boolean[];
  /** Batches in record order, until finished. */
  private readonly queue: Batch[] = [];
  /** Batches not yet handed to a worker. */
  private readonly pending: Batch[] = [];
  private failed: string | undefined;
  private batch: Batch;
  private nextId = 0;
  private readonly byId = new Map<number, Batch>();
  private readonly cache = new Map<string, number>();
  private cacheChars = 0;
  private readonly collectCtx: CountContext;
  private lookup: (s: string) => number = () => 0;
  private readonly finishCtx: CountContext;

  constructor(
    setup: TokenSetup,
    script: string,
    n: number,
  ) {
    const init: WorkerInit = { encoding: setup.encoding, backend: setup.backend as BackendName };
    if (setup.tokenizerPath) init.tokenizerPath = setup.tokenizerPath;
    // The js backend's ranks are parsed once, by the first worker, and shared with the others.
    const share = n > 1 && setup.backend === "js" && setup.tokenizerPath === undefined;
    this.workers = Array.from({ length: n }, (_, i) => {
      const workerData: WorkerInit = share ? (i === 0 ? { ...init, shareRanks: true } : { ...init, awaitRanks: true }) : init;
      // A small young generation, as for the off-thread lint (src/cli/off-thread.ts): V8 sizes it
      // up to 32 MiB per semi-space under allocation pressure, which counting strings is.
      return new Worker(script, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    });
    this.inFlight = this.workers.map(() => 0);
    this.ready = this.workers.map((_, i) => !share || i === 0);
    this.workers.forEach((w, i) => {
      w.on("message", (msg: WorkerReply) => {
        if ("ranks" in msg || "ranksError" in msg) {
          // Without a table (it failed) the others load the rank file themselves on their first batch.
          this.workers.forEach((other, j) => {
            if (this.ready[j]) return;
            if ("ranks" in msg) other.postMessage({ ranks: msg.ranks });
            this.ready[j] = true;
          });
          this.pump();
          return;
        }
        const b = this.byId.get(msg.id);
        if (!b) return;
        this.byId.delete(msg.id);
        this.inFlight[i]!--;
        if (msg.error !== undefined) b.error = msg.error;
        else b.counts = msg.counts!;
        b.resolve!();
        this.pump();
      });
      w.on("error", (err) => {
        this.failed = err.message;
        for (const b of [...this.byId.values(), ...this.pending]) {
          b.error = err.message;
          b.resolve!();
        }
        this.byId.clear();
        this.pending.length = 0;
      });
    });
    const base = makeCountContext(setup, { count: () => 0 } as never);
    this.collectCtx = { ...base, count: (s) => this.collect(s) };
    this.finishCtx = { ...base, count: (s) => this.lookup(s) };
    this.batch = this.newBatch();
  }

  private newBatch(): Batch {
    const b: Batch = { items: [], strings: [], index: new Map(), known: new Map(), chars: 0, settled: Promise.resolve() };
    b.settled = new Promise<void>((r) => (b.resolve = r));
    return b;
  }

  private collect(s: string): number {
    if (s.length === 0) return 0;
    const b = this.batch;
    const cached = this.cache.get(s);
    if (cached !== undefined) {
      b.known.set(s, cached);
      return 0;
    }
    if (!b.index.has(s)) {
      b.index.set(s, b.strings.length);
      b.strings.push(s);
      b.chars += s.length;
    }
    return 0;
  }

  push(ex: CanonicalExample, done: Done): Promise<void> | undefined {
    countExampleTokens(ex, this.collectCtx);
    this.batch.items.push({ ex, done });
    if (this.batch.chars < BATCH_CHARS && this.batch.items.length < BATCH_ITEMS) return undefined;
    this.dispatch();
    // Finish what is back; wait only when the window is full.
    if (this.queue.length >= MAX_IN_FLIGHT) return this.drain(MAX_IN_FLIGHT / 2);
    return this.drainReady();
  }

  private dispatch(): void {
    const b = this.batch;
    this.batch = this.newBatch();
    this.queue.push(b);
    if (this.failed !== undefined) {
      b.error = this.failed;
      b.resolve!();
    } else if (b.strings.length === 0) {
      // Every string was known already (repeats): nothing to send.
      b.counts = new Uint32Array(0);
      b.resolve!();
    } else {
      this.pending.push(b);
      this.pump();
    }
  }

  /**
   * Hands pending batches, oldest first, to the ready worker with the fewest in flight, at most
   * PER_WORKER each: assignment stays dynamic, so a worker that starts late or meets harder text
   * does not sit on a long queue while the other idles.
   */
  private pump(): void {
    while (this.pending.length > 0) {
      let w = -1;
      for (let i = 0; i < this.workers.length; i++) if (this.ready[i] && this.inFlight[i]! < PER_WORKER && (w < 0 || this.inFlight[i]! < this.inFlight[w]!)) w = i;
      if (w < 0) return;
      const b = this.pending.shift()!;
      const id = this.nextId++;
      this.byId.set(id, b);
      b.worker = w;
      this.inFlight[w]!++;
      this.workers[w]!.postMessage({ id, strings: b.strings });
    }
  }

  /** Finishes batches at the head of the queue whose counts are back. */
  private drainReady(): undefined {
    while (this.queue.length > 0 && (this.queue[0]!.counts || this.queue[0]!.error !== undefined)) this.finish(this.queue.shift()!);
    return undefined;
  }

  /** Waits until at most `keep` batches remain in flight. */
  private async drain(keep: number): Promise<void> {
    while (this.queue.length > keep) {
      const b = this.queue[0]!;
      await b.settled;
      this.queue.shift();
      this.finish(b);
    }
  }

  private remember(s: string, n: number): void {
    if (s.length > CACHE_MAX_LEN) return;
    if (this.cacheChars + s.length > CACHE_MAX_CHARS || this.cache.size >= CACHE_MAX_ENTRIES) {
      this.cache.clear();
      this.cacheChars = 0;
    }
    this.cache.set(s, n);
    this.cacheChars += s.length;
  }

  private finish(b: Batch): void {
    if (b.error !== undefined) throw new Error(`token counting failed in a worker thread: ${b.error}`);
    const counts = b.counts!;
    this.lookup = (s) => {
      if (s.length === 0) return 0;
      const i = b.index.get(s);
      if (i !== undefined) return counts[i]!;
      return b.known.get(s) ?? 0;
    };
    for (const item of b.items) item.done(countExampleTokens(item.ex, this.finishCtx));
    for (let i = 0; i < b.strings.length; i++) this.remember(b.strings[i]!, counts[i]!);
  }

  async flush(): Promise<void> {
    if (this.batch.items.length > 0) this.dispatch();
    await this.drain(0);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The built worker script (see built-script.ts). */
const workerScript = () => builtScript("stats-worker");

/**
 * A token pass for one file. `workers`: a number (0 = inline) or "auto" (one worker for files of
 * WORKER_MIN_BYTES and more when the machine has two cores or more, else inline).
 */
export function createTokenPass(setup: TokenSetup, workers: number | "auto", fileBytes: number | undefined): TokenPass {
  let n = workers === "auto" ? (fileBytes !== undefined && fileBytes >= WORKER_MIN_BYTES && availableParallelism() >= 2 ? 1 : 0) : workers;
  const script = n > 0 ? workerScript() : undefined;
  if (!script) n = 0;
  return n > 0 ? new WorkerPass(setup, script!, n) : new InlinePass(setup);
}
