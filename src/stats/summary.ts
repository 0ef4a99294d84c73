/**
 * Aggregates per-example token figures into `FileStats`: distributions, histograms, role counts
 * and the training estimates (billed tokens, epochs, cost, optimizer steps).
 * Memory: 4 bytes per example and series (exact percentiles need every value).
 */
import { defaultEpochs } from "../plan/epochs.js";
import type { CanonicalExample } from "../core/canonical.js";
import type { ExampleTokens } from "../tokenizer/chat.js";
import type { ModelInfo } from "../tokenizer/models.js";
import type { Distribution, FileStats, Histogram } from "../core/stats-report.js";

export interface EstimateOptions {
  /** Epochs; default: OpenAI's default-epochs heuristic for the number of examples. */
  epochs?: number;
  /** Examples per optimizer step (per device), for the step estimate. */
  batchSize?: number;
  /** Gradient accumulation steps (default 1). */
  gradAccum?: number;
}

/** Growable Uint32 series. */
class Series {
  private a = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = Math.min(0xffffffff, Math.max(0, Math.round(v)));
  }
  values(): Uint32Array {
    return this.a.subarray(0, this.length);
  }
  append(values: Uint32Array): void {
    for (const v of values) this.push(v);
  }
}

/** What a collector has gathered, to be merged into another's (a shard of the parallel lint). */
export interface StatsState {
  series: Record<"total" | "trained" | "messages" | "chosen" | "rejected", Uint32Array>;
  roles: Record<string, number>;
  counts: { missingSystem: number; missingUser: number; overLimit: number; billedPerEpoch: number; imagesUnknown: number };
  estimated: boolean;
}

/** min, percentiles by nearest rank, mean, max. */
export function distribution(values: ArrayLike<number>): Distribution {
  const n = values.length;
  if (n === 0) return { count: 0, sum: 0, min: 0, p5: 0, p25: 0, median: 0, mean: 0, p75: 0, p95: 0, max: 0 };
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const rank = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  return { count: n, sum, min: sorted[0]!, p5: rank(5), p25: rank(25), median: rank(50), mean: Math.round((sum / n) * 100) / 100, p75: rank(75), p95: rank(95), max: sorted[n - 1]! };
}

/**
 * About `target` equal buckets with a 1-2-5 step, covering min..max. A long tail (max above twice
 * the p99) goes into one last, wider bucket so that one outlier does not flatten the picture.
 */
export function histogram(values: ArrayLike<number>, target = 12): Histogram {
  const n = values.length;
  if (n === 0) return { buckets: [] };
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  const p99 = sorted[Math.min(n - 1, Math.ceil(0.99 * n) - 1)]!;
  const tail = n >= 20 && max > 2 * p99 && p99 > min;
  const top = tail ? p99 : max;
  const raw = Math.max(1, (top - min) / target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((x) => x >= raw) ?? 10 * mag;
  const lo0 = Math.floor(min / step) * step;
  const count = Math.floor((top - lo0) / step) + 1;
  const buckets = Array.from({ length: count }, (_, i) => ({ lo: lo0 + i * step, hi: lo0 + (i + 1) * step, count: 0 }));
  const last = buckets[count - 1]!;
  if (tail) buckets.push({ lo: last.hi, hi: max + 1, count: 0 });
  for (let i = 0; i < n; i++) {
    const v = sorted[i]!;
    const k = Math.floor((v - lo0) / step);
    buckets[Math.min(k, buckets.length - 1)]!.count++;
  }
  return { buckets };
}

// The epochs heuristic moved to the planner (shared with `ftdata plan`); re-exported for stats users.
export { defaultEpochs };

/** Collects one file's figures, example by example. */
export class StatsCollector {
  private total = new Series();
  private trained = new Series();
  private messages = new Series();
  private chosen = new Series();
  private rejected = new Series();
  private roles: Record<string, number> = {};
  private missingSystem = 0;
  private missingUser = 0;
  private overLimit = 0;
  private billedPerEpoch = 0;
  private estimated = false;
  private imagesUnknown = 0;

  constructor(
    private readonly modelName: string,
    private readonly encoding: string,
    private readonly limit: number | undefined,
    private readonly model: ModelInfo | undefined,
  ) {}

  add(ex: CanonicalExample, t: ExampleTokens): void {
    this.total.push(t.total);
    this.trained.push(t.trained);
    const all = [...ex.messages, ...(ex.chosen ?? []), ...(ex.rejected ?? [])];
    this.messages.push(all.length);
    let system = false;
    let user = false;
    for (const m of all) {
      this.roles[m.role] = (this.roles[m.role] ?? 0) + 1;
      if (m.role === "system" || m.role === "developer") system = true;
      if (m.role === "user") user = true;
    }
    if (!system) this.missingSystem++;
    if (!user) this.missingUser++;
    if (this.limit !== undefined && t.sequence > this.limit) this.overLimit++;
    // Truncated examples are billed at the cap (formats.md §4.5).
    this.billedPerEpoch += this.limit !== undefined ? Math.min(this.limit, t.total) : t.total;
    if (t.estimated) this.estimated = true;
    this.imagesUnknown += t.imagesUnknown;
    if (t.chosen !== undefined) this.chosen.push(t.chosen);
    if (t.rejected !== undefined) this.rejected.push(t.rejected);
  }

  /** What was gathered so far (copies). */
  state(): StatsState {
    const { missingSystem, missingUser, overLimit, billedPerEpoch, imagesUnknown } = this;
    return {
      series: { total: this.total.values().slice(), trained: this.trained.values().slice(), messages: this.messages.values().slice(), chosen: this.chosen.values().slice(), rejected: this.rejected.values().slice() },
      roles: { ...this.roles },
      counts: { missingSystem, missingUser, overLimit, billedPerEpoch, imagesUnknown },
      estimated: this.estimated,
    };
  }

  /** Adds what another collector gathered (shards in file order: roles keep their first-seen order). */
  absorb(s: StatsState): void {
    this.total.append(s.series.total);
    this.trained.append(s.series.trained);
    this.messages.append(s.series.messages);
    this.chosen.append(s.series.chosen);
    this.rejected.append(s.series.rejected);
    for (const [role, n] of Object.entries(s.roles)) this.roles[role] = (this.roles[role] ?? 0) + n;
    this.missingSystem += s.counts.missingSystem;
    this.missingUser += s.counts.missingUser;
    this.overLimit += s.counts.overLimit;
    this.billedPerEpoch += s.counts.billedPerEpoch;
    this.imagesUnknown += s.counts.imagesUnknown;
    if (s.estimated) this.estimated = true;
  }

  finish(options: EstimateOptions = {}): FileStats {
    const examples = this.total.length;
    const total = this.total.values();
    const trained = this.trained.values();
    const epochs = options.epochs ?? defaultEpochs(examples);
    const billedTokens = this.billedPerEpoch * epochs;
    const price = this.model?.trainPrice;
    const estimates: FileStats["estimates"] = {
      billedTokensPerEpoch: this.billedPerEpoch,
      epochs,
      billedTokens,
      costUsd: price === undefined ? null : Math.round(((billedTokens * price) / 1e6) * 100) / 100,
    };
    if (price !== undefined && this.model?.priceSource) estimates.priceSource = `$${price}/1M training tokens (${this.model.id}): ${this.model.priceSource}`;
    if (options.batchSize !== undefined) {
      const perStep = options.batchSize * (options.gradAccum ?? 1);
      estimates.steps = Math.ceil(examples / perStep) * epochs;
    }
    const stats: FileStats = {
      model: this.modelName,
      encoding: this.encoding,
      estimated: this.estimated,
      examples,
      messagesPerExample: distribution(this.messages.values()),
      totalTokens: distribution(total),
      trainedTokens: distribution(trained),
      histogram: { total: histogram(total), trained: histogram(trained) },
      roles: this.roles,
      missingSystem: this.missingSystem,
      missingUser: this.missingUser,
      overLimit: this.overLimit,
      estimates,
    };
    if (this.limit !== undefined) stats.limit = this.limit;
    if (this.chosen.length > 0) stats.preference = { chosenTokens: distribution(this.chosen.values()), rejectedTokens: distribution(this.rejected.values()) };
    if (this.imagesUnknown > 0) stats.imagesUnknown = this.imagesUnknown;
    return stats;
  }
}
