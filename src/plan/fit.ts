/**
 * From the GPU a user has to the settings to run: the largest per-device batch that fits, the
 * gradient-accumulation steps that reach the target effective batch, and, when nothing fits, the
 * changes that would make it fit (each one checked with the same formulas, not guessed).
 */
import type { GpuSpec } from "./gpus.js";
import { GIB, findArchitecture, gpuTerms, knownArchitectures, sumTerms, type MemoryTerms, type Method, type ResolvedPlanOptions, type Strategy } from "./plan.js";

/** Beyond this many sequences per GPU the answer stops being useful (and inference is compute-bound). */
export const MAX_BATCH = 1024;

/** How one method runs on the given GPUs. */
export interface FitResult {
  fits: boolean;
  /** single: one GPU; replicated: a full copy per GPU (DDP); sharded: model states split (ZeRO-3 / FSDP). */
  strategy: Strategy | null;
  /** The largest per-device batch that fits (0: not even one sequence). */
  maxPerDeviceBatch: number;
  /** The per-device batch to use: the largest that fits and divides the target evenly. 0 when nothing fits. */
  perDeviceBatch: number;
  /** Gradient-accumulation steps; null for inference. */
  gradAccum: number | null;
  /** perDeviceBatch × gradAccum × GPUs; null for inference. */
  effectiveBatch: number | null;
  /** GPU memory terms per GPU at the chosen batch (at batch 1 when nothing fits). */
  terms: MemoryTerms;
  totalBytes: number;
  /** What to change when nothing fits. */
  advice: string[];
}

function batchLimit(o: ResolvedPlanOptions, method: Method, capBytes: number, shards: number): number {
  const one = sumTerms(gpuTerms(o, method, 1, shards));
  const perSeq = sumTerms(gpuTerms(o, method, 2, shards)) - one;
  if (one > capBytes) return 0;
  if (perSeq <= 0) return MAX_BATCH;
  return Math.min(MAX_BATCH, 1 + Math.floor((capBytes - one) / perSeq));
}

/** The strategy and largest batch on `gpus` GPUs of `gpu`: a copy per GPU when one fits, else sharded. */
export function largestBatch(o: ResolvedPlanOptions, method: Method, gpu: GpuSpec, gpus: number): { strategy: Strategy | null; max: number; shards: number } {
  const cap = gpu.gib * GIB;
  const single = batchLimit(o, method, cap, 1);
  if (single > 0) return { strategy: gpus === 1 ? "single" : "replicated", max: single, shards: 1 };
  if (gpus > 1) {
    const sharded = batchLimit(o, method, cap, gpus);
    if (sharded > 0) return { strategy: "sharded", max: sharded, shards: gpus };
  }
  return { strategy: null, max: 0, shards: 1 };
}

/** The largest b ≤ limit that divides target (1 always does): the effective batch is then exact. */
function divisorAtMost(target: number, limit: number): number {
  for (let b = Math.min(limit, target); b > 1; b--) if (target % b === 0) return b;
  return 1;
}

export function fitMethod(o: ResolvedPlanOptions, method: Method, gpu: GpuSpec, gpus: number, effectiveBatch: number): FitResult {
  const { strategy, max, shards } = largestBatch(o, method, gpu, gpus);
  if (strategy === null) {
    const terms = gpuTerms(o, method, 1, gpus);
    return { fits: false, strategy, maxPerDeviceBatch: 0, perDeviceBatch: 0, gradAccum: null, effectiveBatch: null, terms, totalBytes: sumTerms(terms), advice: advise(o, method, gpu, gpus) };
  }
  if (method === "inference") {
    const terms = gpuTerms(o, method, max, shards);
    return { fits: true, strategy, maxPerDeviceBatch: max, perDeviceBatch: max, gradAccum: null, effectiveBatch: null, terms, totalBytes: sumTerms(terms), advice: [] };
  }
  // Each GPU sees target sequences per optimizer step: batch × accumulation.
  const target = Math.ceil(effectiveBatch / gpus);
  const batch = divisorAtMost(target, max);
  const terms = gpuTerms(o, method, batch, shards);
  return { fits: true, strategy, maxPerDeviceBatch: max, perDeviceBatch: batch, gradAccum: target / batch, effectiveBatch: target * gpus, terms, totalBytes: sumTerms(terms), advice: [] };
}

const fitsWith = (o: ResolvedPlanOptions, method: Method, gpu: GpuSpec, gpus: number) => largestBatch(o, method, gpu, gpus).max;

/** Concrete changes that make `method` fit, each checked; the most effective first. */
export function advise(o: ResolvedPlanOptions, method: Method, gpu: GpuSpec, gpus: number): string[] {
  const out: string[] = [];
  const at = (b: number) => `fits at batch ${b}${b >= MAX_BATCH ? "+" : ""}`;
  if (method === "full") {
    for (const m of ["lora", "qlora"] as const) {
      const b = fitsWith(o, m, gpu, gpus);
      if (b > 0) {
        out.push(`${m === "lora" ? "LoRA" : "QLoRA"} instead of full fine-tuning (${at(b)})`);
        break;
      }
    }
    if (!o.offload) {
      const b = fitsWith({ ...o, offload: true }, method, gpu, gpus);
      if (b > 0) out.push(`--offload: optimizer states and fp32 master weights in CPU RAM (DeepSpeed ZeRO-Offload; ${at(b)}, slower steps)`);
    }
    if (o.optimizer === "adamw") {
      const b = fitsWith({ ...o, optimizer: "adamw-8bit" }, method, gpu, gpus);
      if (b > 0) out.push(`--optimizer adamw-8bit (${at(b)})`);
    }
  }
  if (method === "lora") {
    const b = fitsWith(o, "qlora", gpu, gpus);
    if (b > 0) out.push(`QLoRA: the frozen weights in 4 bits (${at(b)})`);
  }
  if (!o.checkpointing && method !== "inference") {
    const b = fitsWith({ ...o, checkpointing: true }, method, gpu, gpus);
    if (b > 0) out.push(`gradient checkpointing: drop --no-checkpointing (${at(b)})`);
  }
  // The longest sequence that fits at batch 1, by bisection (memory grows with the sequence length).
  let lo = 0;
  let hi = o.seqLen;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fitsWith({ ...o, seqLen: mid }, method, gpu, gpus) > 0) lo = mid;
    else hi = mid;
  }
  if (lo >= 64) out.push(`a shorter --seq-len: ${lo} tokens or fewer fit at batch 1 (truncate or drop longer examples)`);
  for (let n = gpus + 1; n <= 64; n++) {
    if (fitsWith(o, method, gpu, n) > 0) {
      out.push(`--gpus ${n} (or more) of ${gpu.name}: model states sharded with ZeRO-3 / FSDP`);
      break;
    }
  }
  const smaller = smallerModel(o, method, gpu, gpus);
  out.push(smaller ?? "a smaller model");
  return out;
}

/** The largest known model of the same family (name up to the size) that fits, smaller than this one. */
function smallerModel(o: ResolvedPlanOptions, method: Method, gpu: GpuSpec, gpus: number): string | undefined {
  const family = (name: string) => name.replace(/-[\d.]+b$/i, "").toLowerCase();
  const mine = family(o.arch.name);
  const candidates = knownArchitectures()
    .map((n) => findArchitecture(n)!)
    .filter((a) => family(a.name) === mine && a.params < o.arch.params)
    .sort((a, b) => b.params - a.params);
  for (const arch of candidates) {
    const b = fitsWith({ ...o, arch }, method, gpu, gpus);
    if (b > 0) return `a smaller model: ${arch.name} (fits at batch ${b})`;
  }
  return undefined;
}
