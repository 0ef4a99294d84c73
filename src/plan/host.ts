/**
 * CPU RAM and disk of a run, term by term (docs/plan.md has each formula and its source).
 * Like the GPU terms, these are arithmetic on the parameter count, not measurements.
 */
import { BYTES, GIB, OPT_BYTES, loraParams, type Method, type ResolvedPlanOptions } from "./plan.js";

/** Python, PyTorch and the CUDA libraries resident in one training or inference process. */
export const RUNTIME_RAM = 3 * GIB;
/** transformers' `save_pretrained` default `max_shard_size` ("5GB"): weights are read one shard at a time. */
export const SHARD_BYTES = 5e9;
/** input_ids, attention_mask and labels as int64 per token: what a tokenised dataset holds. */
export const DATASET_BYTES_PER_TOKEN = 3 * 8;
/** trainer_state.json, TensorBoard events, console logs: a few KB per logged step. */
export const LOG_BYTES = 0.1 * GIB;

/** CPU RAM terms in bytes. */
export interface RamTerms {
  /** Python, PyTorch, CUDA libraries: one allowance per process (one process per GPU when training). */
  runtime: number;
  /** Weights held on the CPU while loading: one shard (device_map loading), or the whole model per process. */
  weights: number;
  /** The tokenised dataset. 0 without data files. */
  dataset: number;
  /** With `--offload`: optimizer states, fp32 master weights and a gradient copy in CPU RAM. */
  offload: number;
}

/** Disk terms in bytes. */
export interface DiskTerms {
  /** The 16-bit safetensors download (QLoRA quantises at load time, so it downloads the same). */
  baseWeights: number;
  /** Checkpoints on disk at the peak: `checkpointCount` × `checkpointBytes`. */
  checkpoints: number;
  /** What is served at the end: the fine-tuned 16-bit model, or the adapter plus the merged 16-bit model. */
  finalModel: number;
  /** The tokenised dataset cache. 0 without data files. */
  dataset: number;
  /** Trainer state and TensorBoard logs (allowance). */
  logs: number;
}

export interface HostOptions {
  /** Training processes (one per GPU). */
  processes: number;
  /** Tokens in the training data (0 when unknown). */
  dataTokens: number;
  /** Checkpoints the run saves (one per epoch). */
  checkpointsSaved: number;
  /** `--save-total-limit`: checkpoints kept. */
  saveTotalLimit?: number;
  /**
   * False when the model states are sharded: FSDP's cpu_ram_efficient_loading and DeepSpeed's
   * zero.Init load the weights once (or in partitions), not once per process.
   */
  copyPerProcess?: boolean;
}

export interface HostPlan {
  ram: { terms: RamTerms; totalBytes: number };
  disk: { terms: DiskTerms; totalBytes: number; checkpointBytes: number; checkpointCount: number };
}

/**
 * Checkpoints on disk at the peak: all saved ones, or with a limit the limit plus the one being
 * written (the HF Trainer deletes the oldest only after saving the newest).
 */
export function checkpointsOnDisk(saved: number, limit: number | undefined): number {
  return limit === undefined ? saved : Math.min(saved, limit + 1);
}

export function hostTerms(o: ResolvedPlanOptions, method: Method, h: HostOptions): HostPlan {
  const P = o.arch.params;
  const p = loraParams(o.arch, o.loraRank);
  const opt = OPT_BYTES[o.optimizer];
  const training = method !== "inference";
  const processes = training ? h.processes : 1;
  // fp32 and mixed precision train an fp32 model: it is loaded, and saved, in fp32.
  const modelBytes = o.precision === "fp32" || o.precision === "mixed" ? 4 : BYTES[o.precision];
  const dataset = training ? h.dataTokens * DATASET_BYTES_PER_TOKEN : 0;

  const shard = Math.min(P * 2, SHARD_BYTES);
  const ram: RamTerms = {
    runtime: RUNTIME_RAM * processes,
    // device_map loading (inference, and QLoRA: bitsandbytes quantises each tensor as it moves to the
    // GPU) holds one shard; LoRA and full fine-tuning build the whole model on the CPU in each process first.
    weights: (method === "inference" || method === "qlora" ? shard : method === "lora" ? P * 2 : P * modelBytes) * (h.copyPerProcess === false ? 1 : processes),
    dataset,
    offload: 0,
  };
  // ZeRO-Offload: fp32 master weights, the optimizer moments and the 16-bit gradients on the CPU.
  if (o.offload && method === "full") ram.offload = P * (4 + opt + 2);
  if (o.offload && (method === "lora" || method === "qlora")) ram.offload = p * (4 + opt);

  const checkpointBytes = method === "inference" ? 0 : method === "full" ? P * (modelBytes + opt) : p * (4 + opt);
  const checkpointCount = method === "inference" ? 0 : checkpointsOnDisk(h.checkpointsSaved, h.saveTotalLimit);
  const disk: DiskTerms = {
    baseWeights: P * 2,
    checkpoints: checkpointBytes * checkpointCount,
    finalModel: method === "inference" ? 0 : method === "full" ? P * 2 : p * 4 + P * 2,
    dataset,
    logs: training ? LOG_BYTES : 0,
  };
  const sum = (t: object) => Object.values(t as Record<string, number>).reduce((a, b) => a + b, 0);
  return { ram: { terms: ram, totalBytes: sum(ram) }, disk: { terms: disk, totalBytes: sum(disk), checkpointBytes, checkpointCount } };
}

/** Common RAM sizes (GB), smallest first. */
const RAM_SIZES = [8, 16, 32, 64, 128, 256, 512, 1024, 2048];

/** The smallest common RAM size that holds `bytes`: "32 GB". */
export function ramClass(bytes: number): string {
  const gib = bytes / GIB;
  const size = RAM_SIZES.find((s) => s >= gib);
  return size === undefined ? `${Math.ceil(gib)} GB` : `${size} GB`;
}
