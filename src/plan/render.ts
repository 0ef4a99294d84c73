/**
 * `ftdata plan` for people: a summary table like the primer's (one row per method: GPU + CPU RAM +
 * disk), the settings for the given GPU, then every term. A pure function from the plan to text.
 */
import type { DiskTerms, RamTerms } from "./host.js";
import type { HardwarePlan, MethodHardware } from "./hardware.js";
import type { MemoryTerms } from "./plan.js";

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });
const gib = (b: number) => (b === 0 ? "-" : b < 1024 ** 3 / 10 ? `${fmt(b / 1024 ** 2)} MiB` : `${(b / 1024 ** 3).toFixed(1)} GiB`);

const GPU_TERMS: Array<[keyof MemoryTerms, string]> = [
  ["weights", "weights"],
  ["masterWeights", "fp32 master weights"],
  ["adapters", "LoRA adapters"],
  ["gradients", "gradients"],
  ["optimizer", "optimizer states"],
  ["activations", "activations"],
  ["kvCache", "KV cache"],
  ["overhead", "framework overhead"],
];
const RAM_TERMS: Array<[keyof RamTerms, string]> = [
  ["runtime", "Python + PyTorch + CUDA"],
  ["weights", "weights while loading"],
  ["dataset", "tokenised dataset"],
  ["offload", "offloaded optimizer"],
];
const DISK_TERMS: Array<[keyof DiskTerms, string]> = [
  ["baseWeights", "base weights (16-bit)"],
  ["checkpoints", "checkpoints"],
  ["finalModel", "final model"],
  ["dataset", "tokenised dataset"],
  ["logs", "logs"],
];

/** Left-aligned first column, right-aligned others. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd());
}

function termRows<T extends object>(title: string, methods: MethodHardware[], labels: Array<[keyof T, string]>, get: (m: MethodHardware) => T, total: (m: MethodHardware) => number): string[][] {
  const rows: string[][] = [[title, ...methods.map(() => "")]];
  for (const [key, label] of labels) {
    if (methods.every((m) => (get(m)[key] as number) === 0)) continue;
    rows.push([`  ${label}`, ...methods.map((m) => gib(get(m)[key] as number))]);
  }
  rows.push(["  total", ...methods.map((m) => gib(total(m)))]);
  return rows;
}

export function renderPlan(p: HardwarePlan): string {
  const out: string[] = [];
  const s = p.schedule;
  out.push(`${p.model}: ${(p.params / 1e9).toFixed(2)}B parameters${p.architectureEstimated ? " (architecture estimated from the parameter count)" : ""}`);
  out.push(`sequence ${fmt(p.seqLen)} tokens (${p.seqLenSource}); ${p.precision}, ${p.optimizer}${p.offload ? " offloaded to CPU RAM" : ""}, LoRA rank ${p.loraRank}, gradient checkpointing ${p.checkpointing ? "on" : "off"}`);
  if (s.examples !== null) {
    const files = p.data?.files.length ?? 0;
    out.push(`data: ${fmt(s.examples)} example${s.examples === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}; ${s.epochs} epoch${s.epochs === 1 ? "" : "s"} (${s.epochsSource}); effective batch ${s.effectiveBatch} (${s.effectiveBatchSource}) → ${fmt(s.stepsPerEpoch!)} steps/epoch, ${fmt(s.totalSteps!)} steps; ${fmt(s.tokensPerStep ?? 0)} tokens/step`);
  } else {
    out.push(`no data files: ${s.epochs} epochs (${s.epochsSource}), effective batch ${s.effectiveBatch} (${s.effectiveBatchSource}); give data files for steps`);
  }
  out.push("");

  // The primer's table: what each method needs, and the hardware class that holds it.
  out.push(table([
    ["method", `GPU (batch ${p.batchSize})`, "smallest GPU", "CPU RAM", "", "disk", "checkpoints"],
    ...p.methods.map((m) => [m.method, gib(m.totalBytes), m.gpu, gib(m.ram.totalBytes), `(${m.ram.size})`, gib(m.disk.totalBytes), m.disk.checkpointCount === 0 ? "-" : `${m.disk.checkpointCount} × ${gib(m.disk.checkpointBytes)}`]),
  ]).join("\n"));

  if (p.gpu) {
    out.push("");
    out.push(`on ${p.gpu.count > 1 ? `${p.gpu.count} × ` : ""}${p.gpu.name}, effective batch ${s.effectiveBatch}:`);
    const rows = [["method", "fits", "batch/GPU", "max", "grad accum", "effective", "steps/epoch", "total steps", "GPU use", "placement"]];
    for (const m of p.methods) {
      const f = m.fit!;
      if (!f.fits) {
        rows.push([m.method, "no", "-", "-", "-", "-", "-", "-", gib(f.totalBytes), "-"]);
        continue;
      }
      const dash = (v: number | null) => (v === null ? "-" : fmt(v));
      rows.push([m.method, "yes", String(f.perDeviceBatch), String(f.maxPerDeviceBatch), dash(f.gradAccum), dash(f.effectiveBatch), dash(f.stepsPerEpoch), dash(f.totalSteps), gib(f.totalBytes), f.strategy === "sharded" ? (m.method === "inference" ? "split across GPUs" : "sharded (ZeRO-3/FSDP)") : f.strategy === "replicated" ? "a copy per GPU" : "one GPU"]);
    }
    out.push(...table(rows).map((l) => `  ${l}`));
    for (const m of p.methods) {
      if (m.fit && !m.fit.fits) {
        out.push(`  ${m.method} does not fit (${gib(m.fit.totalBytes)} per GPU at batch 1). Try:`);
        for (const a of m.fit.advice) out.push(`    - ${a}`);
      }
    }
    if (p.methods.some((m) => m.method === "inference" && m.fit?.fits)) out.push("  inference batch: sequences decoded at once at the full sequence length");
  }

  out.push("");
  const methods = p.methods;
  const head = ["", ...methods.map((m) => m.method)];
  out.push(...table([
    head,
    ...termRows<MemoryTerms>(`GPU memory (batch ${p.batchSize}, one GPU)`, methods, GPU_TERMS, (m) => m.terms, (m) => m.totalBytes),
    ...termRows<RamTerms>(`CPU RAM${p.gpu && p.gpu.count > 1 ? ` (${p.gpu.count} processes)` : ""}`, methods, RAM_TERMS, (m) => m.ram.terms, (m) => m.ram.totalBytes),
    ...termRows<DiskTerms>("disk", methods, DISK_TERMS, (m) => m.disk.terms, (m) => m.disk.totalBytes),
    ["trainable parameters", ...methods.map((m) => (m.trainableParams === 0 ? "-" : `${fmt(m.trainableParams / 1e6)}M`))],
  ]));
  out.push("");
  out.push(`checkpoints: one per epoch${p.saveTotalLimit !== null ? `, at most ${p.saveTotalLimit} kept (+1 while the next is written)` : ", all kept (--save-total-limit caps them)"}; final model: the fine-tuned 16-bit weights, or the adapter and the merged 16-bit model`);
  out.push("tokens per second: not estimated (no measured throughput figures for your hardware; time a few steps)");
  for (const w of p.warnings) out.push(`warning: ${w}`);
  return out.join("\n") + "\n";
}
