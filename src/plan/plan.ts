/**
 * `ftdata plan`: will fine-tuning an open-weight model fit in GPU memory? An estimate from the
 * parameter count and architecture, term by term (docs/plan.md has the formulas and sources).
 *
 * Bytes per parameter: bf16/fp16 2, fp32 4, NF4 (QLoRA) 0.5 + ~0.016 for double-quantised block
 * constants. AdamW keeps two fp32 moments (8 B per trained parameter), two bf16 moments for a pure-bf16
 * model (4 B), 8-bit AdamW 2 B, SGD 0.
 * Activations: with gradient checkpointing each layer keeps its 16-bit input (2·s·h bytes per
 * sequence) plus the working set of the one layer being recomputed; without it every layer keeps
 * about s·(16h + 8i) bytes (attention with FlashAttention, SwiGLU MLP of width i; after Korthikanti
 * et al. 2022, "Reducing Activation Recomputation in Large Transformer Models"). The logits and
 * their gradient in fp32 cost s·V·8 bytes — large for 150k-token vocabularies.
 * Framework overhead: 1 GiB (CUDA context, cuBLAS workspaces, allocator slack).
 */
import { FtdataUsageError } from "../core/errors.js";

/** Architecture of an open-weight model (config.json values). */
export interface Architecture {
  name: string;
  params: number;
  hidden: number;
  layers: number;
  intermediate: number;
  heads: number;
  kvHeads: number;
  vocab: number;
  tiedEmbeddings: boolean;
  /** True when derived from the parameter count alone. */
  estimated?: boolean;
}

export const GIB = 1024 ** 3;

/** From each model's config.json on the Hugging Face Hub (hidden_size, num_hidden_layers, …). */
const MODELS: Architecture[] = [
  { name: "Qwen2.5-0.5B", params: 0.494e9, hidden: 896, layers: 24, intermediate: 4864, heads: 14, kvHeads: 2, vocab: 151_936, tiedEmbeddings: true },
  { name: "Qwen2.5-1.5B", params: 1.54e9, hidden: 1536, layers: 28, intermediate: 8960, heads: 12, kvHeads: 2, vocab: 151_936, tiedEmbeddings: true },
  { name: "Qwen2.5-3B", params: 3.09e9, hidden: 2048, layers: 36, intermediate: 11_008, heads: 16, kvHeads: 2, vocab: 151_936, tiedEmbeddings: true },
  { name: "Qwen2.5-7B", params: 7.62e9, hidden: 3584, layers: 28, intermediate: 18_944, heads: 28, kvHeads: 4, vocab: 152_064, tiedEmbeddings: false },
  { name: "Qwen2.5-14B", params: 14.7e9, hidden: 5120, layers: 48, intermediate: 13_824, heads: 40, kvHeads: 8, vocab: 152_064, tiedEmbeddings: false },
  { name: "Qwen2.5-32B", params: 32.5e9, hidden: 5120, layers: 64, intermediate: 27_648, heads: 40, kvHeads: 8, vocab: 152_064, tiedEmbeddings: false },
  { name: "Qwen2.5-72B", params: 72.7e9, hidden: 8192, layers: 80, intermediate: 29_568, heads: 64, kvHeads: 8, vocab: 152_064, tiedEmbeddings: false },
  { name: "Llama-3.2-1B", params: 1.24e9, hidden: 2048, layers: 16, intermediate: 8192, heads: 32, kvHeads: 8, vocab: 128_256, tiedEmbeddings: true },
  { name: "Llama-3.2-3B", params: 3.21e9, hidden: 3072, layers: 28, intermediate: 8192, heads: 24, kvHeads: 8, vocab: 128_256, tiedEmbeddings: true },
  { name: "Llama-3.1-8B", params: 8.03e9, hidden: 4096, layers: 32, intermediate: 14_336, heads: 32, kvHeads: 8, vocab: 128_256, tiedEmbeddings: false },
  { name: "Llama-3.1-70B", params: 70.6e9, hidden: 8192, layers: 80, intermediate: 28_672, heads: 64, kvHeads: 8, vocab: 128_256, tiedEmbeddings: false },
  { name: "Mistral-7B-v0.3", params: 7.25e9, hidden: 4096, layers: 32, intermediate: 14_336, heads: 32, kvHeads: 8, vocab: 32_768, tiedEmbeddings: false },
  { name: "gemma-2-2b", params: 2.61e9, hidden: 2304, layers: 26, intermediate: 9216, heads: 8, kvHeads: 4, vocab: 256_000, tiedEmbeddings: true },
  { name: "gemma-2-9b", params: 9.24e9, hidden: 3584, layers: 42, intermediate: 14_336, heads: 16, kvHeads: 8, vocab: 256_000, tiedEmbeddings: true },
];

/** Common GPUs by memory, smallest first. */
export const GPUS: ReadonlyArray<{ name: string; gib: number }> = [
  { name: "8 GB (RTX 4060)", gib: 8 },
  { name: "12 GB (RTX 3060)", gib: 12 },
  { name: "16 GB (T4, RTX 4080)", gib: 16 },
  { name: "24 GB (L4, A10G, RTX 4090)", gib: 24 },
  { name: "32 GB (RTX 5090, V100 32GB)", gib: 32 },
  { name: "40 GB (A100 40GB)", gib: 40 },
  { name: "48 GB (L40S, RTX 6000 Ada)", gib: 48 },
  { name: "80 GB (A100 80GB, H100)", gib: 80 },
  { name: "141 GB (H200)", gib: 141 },
  { name: "180 GB (B200)", gib: 180 },
];

export function knownArchitectures(): string[] {
  return MODELS.map((m) => m.name);
}

/** "7B", "0.5b", "500M", "7e9", "7000000000" → parameters. */
export function parseParams(s: string): number {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmbt]?)\s*$/i.exec(s);
  if (!m) throw new FtdataUsageError(`--params must look like 7B, 0.5B or 500M, found "${s}"`);
  const mult = { "": 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 }[m[2]!.toLowerCase() as "" | "k" | "m" | "b" | "t"];
  const n = Number(m[1]) * mult;
  if (!(n >= 1e6)) throw new FtdataUsageError(`--params ${s} is too small for a language model`);
  return n;
}

/** A known architecture by name (case-insensitive, org prefix allowed: `Qwen/Qwen2.5-7B-Instruct`). */
export function findArchitecture(name: string): Architecture | undefined {
  const n = name.toLowerCase().replace(/^.*\//, "").replace(/-instruct$|-it$|-chat$/, "");
  return MODELS.find((m) => m.name.toLowerCase() === n);
}

/**
 * A plausible architecture for a bare parameter count: P ≈ 12·L·h² with L ≈ h/128 (the aspect
 * ratio of Llama/Qwen models), SwiGLU width 3.5h, 128k vocabulary, 8 KV heads.
 */
export function architectureFromParams(params: number): Architecture {
  const hidden = Math.round(Math.cbrt((params * 128) / 12) / 128) * 128 || 128;
  const layers = Math.max(1, Math.round(hidden / 128));
  return { name: `${(params / 1e9).toFixed(params < 1e9 ? 2 : 1)}B parameters`, params, hidden, layers, intermediate: Math.round(3.5 * hidden), heads: Math.max(1, hidden / 128), kvHeads: Math.min(8, Math.max(1, hidden / 128)), vocab: 128_256, tiedEmbeddings: params < 4e9, estimated: true };
}

export type Method = "inference" | "full" | "lora" | "qlora";
export type Precision = "bf16" | "fp16" | "fp32" | "mixed";
/** adamw: fp32 moments (8 B/param); adamw-bf16: moments in bf16, as PyTorch keeps them for a bf16 model (4 B); adamw-8bit: bitsandbytes (2 B); sgd: none. */
export type Optimizer = "adamw" | "adamw-bf16" | "adamw-8bit" | "sgd";

export interface PlanOptions {
  arch: Architecture;
  seqLen: number;
  batchSize?: number;
  precision?: Precision;
  optimizer?: Optimizer;
  loraRank?: number;
  checkpointing?: boolean;
}

/** Memory terms in bytes. */
export interface MemoryTerms {
  weights: number;
  /** Full fine-tuning with `mixed`: the fp32 master copy of the weights. */
  masterWeights: number;
  adapters: number;
  gradients: number;
  optimizer: number;
  activations: number;
  kvCache: number;
  overhead: number;
}

export interface MethodPlan {
  method: Method;
  trainableParams: number;
  terms: MemoryTerms;
  totalBytes: number;
  totalGiB: number;
  /** Smallest common single GPU that holds it, or e.g. "2 × 80 GB (A100 80GB, H100)" (sharded). */
  gpu: string;
}

export interface MemoryPlan {
  model: string;
  params: number;
  architectureEstimated: boolean;
  seqLen: number;
  batchSize: number;
  precision: Precision;
  optimizer: Optimizer;
  loraRank: number;
  checkpointing: boolean;
  methods: MethodPlan[];
}

export const BYTES: Record<Precision, number> = { bf16: 2, fp16: 2, fp32: 4, mixed: 2 };
export const OPT_BYTES: Record<Optimizer, number> = { adamw: 8, "adamw-bf16": 4, "adamw-8bit": 2, sgd: 0 };
export const NF4 = 0.5 + 0.127 / 8;
const OVERHEAD = 1 * GIB;

export function embeddingParams(a: Architecture): number {
  return a.vocab * a.hidden * (a.tiedEmbeddings ? 1 : 2);
}

/** LoRA on every linear layer of every block (q, k, v, o, gate, up, down): r·(in + out) each. */
export function loraParams(a: Architecture, rank: number): number {
  const headDim = a.hidden / a.heads;
  const kv = a.kvHeads * headDim;
  const perLayer = rank * (2 * (a.hidden + a.hidden) + 2 * (a.hidden + kv) + 3 * (a.hidden + a.intermediate));
  return perLayer * a.layers;
}

function activations(a: Architecture, seq: number, batch: number, checkpointing: boolean): number {
  const tokens = seq * batch;
  const layerFull = tokens * (16 * a.hidden + 8 * a.intermediate);
  const kept = checkpointing ? a.layers * tokens * 2 * a.hidden + layerFull : a.layers * layerFull;
  const logits = tokens * a.vocab * 8;
  return kept + logits;
}

/** Per-GPU placement: one GPU, copies on each (DDP), or model states split across them (ZeRO-3 / FSDP). */
export type Strategy = "single" | "replicated" | "sharded";

/** Every option resolved to its default: what the term formulas read. */
export interface ResolvedPlanOptions {
  arch: Architecture;
  seqLen: number;
  precision: Precision;
  optimizer: Optimizer;
  loraRank: number;
  checkpointing: boolean;
  /** Optimizer states (and, for full fine-tuning, the fp32 master weights) held in CPU RAM. */
  offload: boolean;
}

export function resolvePlanOptions(o: PlanOptions & { offload?: boolean }): ResolvedPlanOptions {
  return { arch: o.arch, seqLen: o.seqLen, precision: o.precision ?? "bf16", optimizer: o.optimizer ?? "adamw", loraRank: o.loraRank ?? 16, checkpointing: o.checkpointing ?? true, offload: o.offload ?? false };
}

/**
 * GPU memory terms of one method at `batch` sequences per GPU. With `shards` > 1 the model states
 * (weights, master weights, adapters, gradients, optimizer states; for inference weights and KV cache)
 * are split evenly across that many GPUs; activations and the framework overhead are per GPU.
 */
export function gpuTerms(o: ResolvedPlanOptions, method: Method, batch: number, shards = 1): MemoryTerms {
  const a = o.arch;
  const b = BYTES[o.precision];
  const headDim = a.hidden / a.heads;
  const t: MemoryTerms = { weights: 0, masterWeights: 0, adapters: 0, gradients: 0, optimizer: 0, activations: 0, kvCache: 0, overhead: OVERHEAD };
  if (method === "inference") {
    // 16-bit weights and a KV cache for seqLen tokens per batch row; activations of one decoding
    // step (the last token's fp32 logits and a layer's working set) are small.
    t.weights = (a.params * 2) / shards;
    t.kvCache = (2 * a.layers * a.kvHeads * headDim * o.seqLen * batch * 2) / shards;
    t.activations = batch * (a.vocab * 4 + 16 * a.hidden + 8 * a.intermediate);
    return t;
  }
  t.activations = activations(a, o.seqLen, batch, o.checkpointing);
  if (method === "full") {
    t.weights = (a.params * b) / shards;
    t.gradients = (a.params * b) / shards;
    // Offloaded (ZeRO-Offload): the fp32 master copy and the moments live in CPU RAM, the update runs there.
    t.masterWeights = o.offload || o.precision !== "mixed" ? 0 : (a.params * 4) / shards;
    t.optimizer = o.offload ? 0 : (a.params * OPT_BYTES[o.optimizer]) / shards;
    return t;
  }
  // LoRA: frozen 16-bit weights; QLoRA: block weights in NF4, embeddings and LM head kept in 16 bits.
  const emb = embeddingParams(a);
  t.weights = (method === "lora" ? a.params * Math.min(b, 2) : (a.params - emb) * NF4 + emb * 2) / shards;
  // fp32 adapters with fp32 gradients and optimizer states.
  const lp = loraParams(a, o.loraRank);
  t.adapters = (lp * 4) / shards;
  t.gradients = (lp * 4) / shards;
  t.optimizer = o.offload ? 0 : (lp * OPT_BYTES[o.optimizer]) / shards;
  return t;
}

export const sumTerms = (t: object): number => Object.values(t as Record<string, number>).reduce((x, y) => x + y, 0);

/** Bytes of the terms that shard: everything but activations and the framework overhead. */
function modelStates(t: MemoryTerms): number {
  return t.weights + t.masterWeights + t.adapters + t.gradients + t.optimizer + t.kvCache;
}

function gpuFor(bytes: number, shardable: number): string {
  const gib = bytes / GIB;
  const single = GPUS.find((g) => g.gib >= gib);
  const big = GPUS.find((g) => g.gib === 80)!;
  if (single && single.gib <= big.gib) return single.name;
  // Sharded (FSDP / ZeRO-3): weights, gradients and optimizer states split across GPUs; the rest does not.
  const fixed = (bytes - shardable) / GIB;
  const n = Math.ceil(shardable / GIB / Math.max(1, big.gib - fixed));
  const sharded = `${n} × ${big.name}, sharded`;
  return single ? `${single.name}, or ${sharded}` : sharded;
}

export const METHODS: readonly Method[] = ["inference", "full", "lora", "qlora"];

/** Trained parameters of a method: all of them, the LoRA adapters, or none. */
export function trainableParams(o: ResolvedPlanOptions, method: Method): number {
  return method === "inference" ? 0 : method === "full" ? o.arch.params : loraParams(o.arch, o.loraRank);
}

/** Estimates GPU memory for inference, full fine-tuning, LoRA and QLoRA. */
export function planMemory(o: PlanOptions & { offload?: boolean }): MemoryPlan {
  const r = resolvePlanOptions(o);
  const batch = o.batchSize ?? 1;
  const methods = METHODS.map((method): MethodPlan => {
    const terms = gpuTerms(r, method, batch);
    const totalBytes = sumTerms(terms);
    return { method, trainableParams: trainableParams(r, method), terms, totalBytes, totalGiB: Math.round((totalBytes / GIB) * 10) / 10, gpu: gpuFor(totalBytes, modelStates(terms)) };
  });
  return { model: r.arch.name, params: r.arch.params, architectureEstimated: r.arch.estimated === true, seqLen: r.seqLen, batchSize: batch, precision: r.precision, optimizer: r.optimizer, loraRank: r.loraRank, checkpointing: r.checkpointing, methods };
}
