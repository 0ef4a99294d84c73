/**
 * The whole hardware question in one object: GPU memory, CPU RAM and disk per method, and with a
 * GPU the batch, accumulation and steps to train with. `ftdata plan --reporter json` prints it.
 */
import { defaultEpochs } from "./epochs.js";
import { fitMethod, type FitResult } from "./fit.js";
import type { GpuSpec } from "./gpus.js";
import { hostTerms, ramClass, type DiskTerms, type RamTerms } from "./host.js";
import { GIB, METHODS, planMemory, resolvePlanOptions, type Method, type MethodPlan, type MemoryPlan, type PlanOptions } from "./plan.js";

/**
 * Effective batch (sequences per optimizer step) when none is given: 16, the value of the QLoRA
 * authors' Guanaco recipes (artidoro/qlora scripts/finetune_guanaco_*.sh: batch 1 × 16 accumulation
 * steps, 7B to 65B) and twice LLaMA-Factory's per-GPU example (batch 1 × 8).
 */
export const DEFAULT_EFFECTIVE_BATCH = 16;
/** OpenAI's minimum and advice (formats.md §3): at least 10 examples, 50–100 to see improvement. */
export const MIN_EXAMPLES = 10;
export const ADVISED_EXAMPLES = 50;

/** Figures read from the training data. */
export interface DataFigures {
  files: Array<{ file: string; examples: number; p95Tokens: number; meanTokens: number; tokens: number }>;
  examples: number;
  /** Tokens of every example, summed (as counted for the sequence length). */
  tokens: number;
}

export interface HardwareOptions extends PlanOptions {
  /** Fit batch and accumulation to this GPU. */
  gpu?: GpuSpec;
  /** GPUs (data parallel; sharded when a copy per GPU does not fit). Default 1. */
  gpus?: number;
  /** Sequences per optimizer step across all GPUs. Default 16. */
  effectiveBatch?: number;
  /** Optimizer states in CPU RAM (ZeRO-Offload). */
  offload?: boolean;
  /** Checkpoints kept (`save_total_limit`); default all (one per epoch). */
  saveTotalLimit?: number;
  /** Epochs; default the `stats` heuristic for the number of examples. */
  epochs?: number;
  data?: DataFigures;
  /** How the sequence length was chosen, for the output. */
  seqLenSource?: string;
}

/** Steps and epochs of a run. */
export interface Schedule {
  /** Examples per epoch; null without data files. */
  examples: number | null;
  epochs: number;
  epochsSource: string;
  /** Sequences per optimizer step across GPUs (as requested; a fitted method may round it up, see its `fit`). */
  effectiveBatch: number;
  effectiveBatchSource: string;
  stepsPerEpoch: number | null;
  totalSteps: number | null;
  /** effectiveBatch × mean tokens per example; null without data. */
  tokensPerStep: number | null;
  /** Tokens per second are not estimated: no measured throughput figures back one. */
  tokensPerSecond: null;
}

export interface MethodHardware extends MethodPlan {
  ram: { terms: RamTerms; totalBytes: number; totalGiB: number; size: string };
  disk: { terms: DiskTerms; totalBytes: number; totalGiB: number; checkpointBytes: number; checkpointCount: number };
  /** With a GPU: the batch and accumulation to use there, steps, or advice when nothing fits. */
  fit?: FitResult & { stepsPerEpoch: number | null; totalSteps: number | null };
}

export interface HardwarePlan extends Omit<MemoryPlan, "methods"> {
  seqLenSource: string;
  offload: boolean;
  gpu: (GpuSpec & { count: number }) | null;
  saveTotalLimit: number | null;
  schedule: Schedule;
  data: DataFigures | null;
  warnings: string[];
  methods: MethodHardware[];
}

const round1 = (bytes: number) => Math.round((bytes / GIB) * 10) / 10;

/** Optimizer steps per epoch: every example once, the last step possibly partial (none without examples). */
export function stepsPerEpoch(examples: number, effectiveBatch: number): number {
  return Math.ceil(examples / effectiveBatch);
}

export function planHardware(o: HardwareOptions): HardwarePlan {
  const r = resolvePlanOptions(o);
  const gpus = o.gpus ?? 1;
  const effective = o.effectiveBatch ?? DEFAULT_EFFECTIVE_BATCH;
  const examples = o.data ? o.data.examples : null;
  const epochs = o.epochs ?? defaultEpochs(examples ?? 0);
  const perEpoch = examples === null ? null : stepsPerEpoch(examples, effective);
  const meanTokens = o.data && o.data.examples > 0 ? o.data.tokens / o.data.examples : null;
  const schedule: Schedule = {
    examples,
    epochs,
    epochsSource: o.epochs !== undefined ? "given with --epochs" : examples === null ? "default" : `stats heuristic for ${examples} examples`,
    effectiveBatch: effective,
    effectiveBatchSource: o.effectiveBatch !== undefined ? "given with --effective-batch" : "default",
    stepsPerEpoch: perEpoch,
    totalSteps: perEpoch === null ? null : perEpoch * epochs,
    tokensPerStep: meanTokens === null ? null : Math.round(effective * meanTokens),
    tokensPerSecond: null,
  };

  const warnings: string[] = [];
  if (examples !== null) {
    if (examples < MIN_EXAMPLES) warnings.push(`${examples} example${examples === 1 ? "" : "s"}: below the 10-example minimum of hosted fine-tuning (OpenAI rejects fewer)`);
    else if (examples < ADVISED_EXAMPLES) warnings.push(`${examples} examples: under the 50 that OpenAI advises as a start (50–100 to see clear improvement)`);
    if (examples > 0 && examples < effective) warnings.push(`${examples} examples are fewer than one effective batch of ${effective}: one optimizer step per epoch; lower --effective-batch`);
  }

  const memory = planMemory({ ...o, offload: r.offload });
  const methods = memory.methods.map((m): MethodHardware => {
    const fit = o.gpu ? fitMethod(r, m.method, o.gpu, gpus, effective) : undefined;
    const host = hostTerms(r, m.method, { processes: gpus, dataTokens: o.data?.tokens ?? 0, checkpointsSaved: epochs, copyPerProcess: fit === undefined || fit.strategy === "single" || fit.strategy === "replicated", ...(o.saveTotalLimit !== undefined ? { saveTotalLimit: o.saveTotalLimit } : {}) });
    const out: MethodHardware = {
      ...m,
      ram: { ...host.ram, totalGiB: round1(host.ram.totalBytes), size: ramClass(host.ram.totalBytes) },
      disk: { ...host.disk, totalGiB: round1(host.disk.totalBytes) },
    };
    if (fit) {
      const steps = fit.fits && fit.effectiveBatch !== null && examples !== null ? stepsPerEpoch(examples, fit.effectiveBatch) : null;
      out.fit = { ...fit, stepsPerEpoch: steps, totalSteps: steps === null ? null : steps * epochs };
    }
    return out;
  });

  const { methods: _m, ...rest } = memory;
  return {
    ...rest,
    seqLenSource: o.seqLenSource ?? "given",
    offload: r.offload,
    gpu: o.gpu ? { ...o.gpu, count: gpus } : null,
    saveTotalLimit: o.saveTotalLimit ?? null,
    schedule,
    data: o.data ?? null,
    warnings,
    methods,
  };
}

export { METHODS, type Method };
