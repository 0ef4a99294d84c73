import { FtdataUsageError } from "../../core/errors.js";
import { VERSION } from "../../core/report.js";
import { DEFAULT_EFFECTIVE_BATCH, architectureFromParams, findArchitecture, knownArchitectures, knownGpus, parseGpu, parseParams, planHardware, renderPlan, type DataFigures, type HardwareOptions, type Optimizer, type Precision } from "../../plan/index.js";
import { validate, type ValidateOptions } from "../../engine/validate.js";
import { defineCommand, type OptionDefs } from "../command.js";
import { expandInputs } from "../expand.js";
import type { CliIO } from "../io.js";
import { emit } from "../io.js";
import * as o from "../options.js";

const PRECISIONS: readonly Precision[] = ["bf16", "fp16", "fp32", "mixed"];
const OPTIMIZERS: readonly Optimizer[] = ["adamw", "adamw-bf16", "adamw-8bit", "sgd"];

// Every option of the command, one per line in help order: `--arch` names an architecture (`--model`
// means an OpenAI model id everywhere else; here it is a deprecated spelling of `--arch`).
const options = {
  arch: { type: "string", arg: "<name>", description: () => `Known architecture: ${knownArchitectures().join(", ")}`, deprecated: ["model"], deprecatedShort: "m" },
  params: { type: "string", arg: "<n>", description: "Parameter count instead (7B, 0.5B, 500M); architecture estimated" },
  gpu: { type: "string", arg: "<gpu>", description: () => `The GPU you have: a size (24GB) or a name: ${knownGpus().join(", ")}\n(with the size where there are several: A100-80GB, V100-32GB)` },
  gpus: o.positiveOption("<n>", "How many of them (default: 1); sharded (ZeRO-3 / FSDP) when a copy per GPU does not fit"),
  "effective-batch": o.positiveOption("<n>", `Sequences per optimizer step across GPUs (default: ${DEFAULT_EFFECTIVE_BATCH}, as in the QLoRA recipes)`),
  "seq-len": o.positiveOption("<n>", "Sequence length (default: the data's p95, or 2048 without data)"),
  epochs: o.positiveOption("<n>", "Epochs (default: the stats heuristic: 3, more for small sets, fewer for big ones)"),
  "save-total-limit": o.positiveOption("<n>", "Checkpoints kept on disk (default: all; one is saved per epoch)"),
  "batch-size": o.positiveOption("<n>", "Sequences per GPU for the GPU column without --gpu (default: 1)"),
  precision: { type: "string", arg: "<p>", default: "bf16", description: "bf16 (default), fp16, fp32, or mixed (bf16 + fp32 master weights)", parse: o.oneOf("precision", PRECISIONS) },
  optimizer: {
    type: "string",
    arg: "<o>",
    default: "adamw",
    description: "adamw (default; fp32 moments), adamw-bf16 (moments in bf16: a pure-bf16 model),\nadamw-8bit (bitsandbytes), sgd",
    parse: o.oneOf("optimizer", OPTIMIZERS),
  },
  offload: { type: "boolean", description: "Optimizer states (and fp32 master weights) in CPU RAM (ZeRO-Offload)" },
  "lora-rank": o.positiveOption("<r>", "LoRA rank on all linear layers (default: 16)"),
  "no-checkpointing": { type: "boolean", description: "Without gradient checkpointing (activations of every layer kept)" },
  tokenizer: { ...o.tokenizer, description: "Hugging Face tokenizer.json to count the data with" },
  workers: o.workers,
  "no-progress": o.noProgress,
  reporter: { ...o.reporter(["stylish", "json"]), description: "Output: stylish, json (default: stylish); json has every term" },
  output: o.output("Write to a file instead of stdout"),
} satisfies OptionDefs;

/**
 * Record counts and token figures of the data files. The one place `plan` reads datasets: it goes
 * through the library's `validate()` with stats, so re-pointing it at another reader is a local change.
 */
async function readData(inputs: string[], io: CliIO, tokenizer: string | undefined, workers: number | "auto" | undefined): Promise<{ data: DataFigures; p95: number }> {
  const options: ValidateOptions = { cwd: io.cwd, stats: true, rules: {} };
  if (tokenizer !== undefined) options.tokenizer = tokenizer;
  if (workers !== undefined) options.workers = workers;
  const report = await validate(await expandInputs(inputs, io.cwd), options);
  const files: DataFigures["files"] = [];
  for (const f of report.files) {
    if (!f.stats) continue;
    const t = f.stats.totalTokens;
    files.push({ file: f.file, examples: f.stats.examples, p95Tokens: t.p95, meanTokens: t.mean, tokens: t.sum });
  }
  const data = { files, examples: files.reduce((a, f) => a + f.examples, 0), tokens: files.reduce((a, f) => a + f.tokens, 0) };
  return { data, p95: Math.max(0, ...files.map((f) => f.p95Tokens)) };
}

export default defineCommand({
  name: "plan",
  summary: "GPU, CPU RAM and disk per method; batch and accumulation for your GPU",
  usage: "[files|globs|-]... (--arch <name> | --params <n>) [options]",
  description: `The hardware question for a fine-tuning run: GPU memory, CPU RAM and disk for inference, full
fine-tuning, LoRA and QLoRA of an open-weight model, term by term, with the smallest common GPU
for each. With --gpu, the largest per-device batch that fits and the gradient-accumulation steps
that reach the effective batch (or what to change when nothing fits). With data files, the
sequence length is the data's p95 total tokens (counted with --tokenizer when given, else with
o200k_base as an approximation), and steps per epoch and total steps come from the record count.`,
  options,
  footer: "Estimates, not measurements: confirm with a short run. Formulas and sources: docs/plan.md.",
  async run({ values, positionals, io }) {
    let arch;
    if (values.arch !== undefined) {
      arch = findArchitecture(values.arch);
      if (!arch && values.params === undefined) throw new FtdataUsageError(`unknown architecture "${values.arch}"; known: ${knownArchitectures().join(", ")}; or give --params 7B`);
    }
    if (!arch) {
      if (values.params === undefined) throw new FtdataUsageError("give --arch <name> or --params <n> (see --help)");
      arch = architectureFromParams(parseParams(values.params));
      if (values.arch !== undefined) arch.name = values.arch;
    }
    // Every flag is checked before any data is read: a typo fails fast, with exit 2.
    const gpu = values.gpu !== undefined ? parseGpu(values.gpu) : undefined;
    if (values.gpus !== undefined && gpu === undefined) throw new FtdataUsageError("--gpus needs --gpu (which GPU?)");
    let seqLen = values["seq-len"];
    let seqLenSource = seqLen !== undefined ? "given with --seq-len" : "default";

    let data: DataFigures | undefined;
    if (positionals.length > 0) {
      const read = await readData(positionals, io, values.tokenizer, values.workers);
      data = read.data;
      if (seqLen === undefined && read.p95 > 0) {
        seqLen = read.p95;
        seqLenSource = `p95 of the data${values.tokenizer === undefined ? ", counted with o200k_base as an approximation" : ""}`;
      }
    }

    const plan: HardwareOptions = { arch, seqLen: seqLen ?? 2048, seqLenSource, precision: values.precision, optimizer: values.optimizer, checkpointing: !values["no-checkpointing"], offload: values.offload };
    if (gpu !== undefined) plan.gpu = gpu;
    if (values.gpus !== undefined) plan.gpus = values.gpus;
    if (values["effective-batch"] !== undefined) plan.effectiveBatch = values["effective-batch"];
    if (values.epochs !== undefined) plan.epochs = values.epochs;
    if (values["save-total-limit"] !== undefined) plan.saveTotalLimit = values["save-total-limit"];
    if (values["batch-size"] !== undefined) plan.batchSize = values["batch-size"];
    if (values["lora-rank"] !== undefined) plan.loraRank = values["lora-rank"];
    if (data !== undefined) plan.data = data;
    const result = planHardware(plan);
    const text = values.reporter === "json" ? `${JSON.stringify({ schemaVersion: 1, tool: { name: "ftdata", version: VERSION }, plan: result }, null, 2)}\n` : renderPlan(result);
    await emit(io, text, values.output);
    return 0;
  },
});
