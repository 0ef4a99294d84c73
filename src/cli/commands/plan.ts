import { parseArgs } from "node:util";
import { FtdataUsageError } from "../../core/errors.js";
import { VERSION } from "../../core/report.js";
import { DEFAULT_EFFECTIVE_BATCH, architectureFromParams, findArchitecture, knownArchitectures, knownGpus, parseGpu, parseParams, planHardware, renderPlan, type DataFigures, type HardwareOptions, type Optimizer, type Precision } from "../../plan/index.js";
import { validate, type ValidateOptions } from "../../engine/validate.js";
import type { Command } from "../command.js";
import { expandInputs } from "../expand.js";
import type { CliIO } from "../io.js";
import { emit } from "../io.js";
import { positiveInt } from "../options.js";
import { workersOption } from "./stats.js";

const HELP = `Usage: ftdata plan [files|globs|-]... (--model <name> | --params <n>) [options]

The hardware question for a fine-tuning run: GPU memory, CPU RAM and disk for inference, full
fine-tuning, LoRA and QLoRA of an open-weight model, term by term, with the smallest common GPU
for each. With --gpu, the largest per-device batch that fits and the gradient-accumulation steps
that reach the effective batch (or what to change when nothing fits). With data files, the
sequence length is the data's p95 total tokens (counted with --tokenizer when given, else with
o200k_base as an approximation), and steps per epoch and total steps come from the record count.

Options:
  -m, --model <name>           Known architecture: ${knownArchitectures().join(", ")}
      --params <n>             Parameter count instead (7B, 0.5B, 500M); architecture estimated
      --gpu <gpu>              The GPU you have: a size (24GB) or a name: ${knownGpus().join(", ")}
                               (with the size where there are several: A100-80GB, V100-32GB)
      --gpus <n>               How many of them (default: 1); sharded (ZeRO-3 / FSDP) when a copy per GPU does not fit
      --effective-batch <n>    Sequences per optimizer step across GPUs (default: ${DEFAULT_EFFECTIVE_BATCH}, as in the QLoRA recipes)
      --seq-len <n>            Sequence length (default: the data's p95, or 2048 without data)
      --epochs <n>             Epochs (default: the stats heuristic: 3, more for small sets, fewer for big ones)
      --save-total-limit <n>   Checkpoints kept on disk (default: all; one is saved per epoch)
      --batch-size <n>         Sequences per GPU for the GPU column without --gpu (default: 1)
      --precision <p>          bf16 (default), fp16, fp32, or mixed (bf16 + fp32 master weights)
      --optimizer <o>          adamw (default; fp32 moments), adamw-bf16 (moments in bf16: a pure-bf16 model),
                               adamw-8bit (bitsandbytes), sgd
      --offload                Optimizer states (and fp32 master weights) in CPU RAM (ZeRO-Offload)
      --lora-rank <r>          LoRA rank on all linear layers (default: 16)
      --no-checkpointing       Without gradient checkpointing (activations of every layer kept)
      --tokenizer <file>       Hugging Face tokenizer.json to count the data with
  -r, --reporter <name>        Output: stylish, json (default: stylish); json has every term
  -o, --output-file <file>     Write to a file instead of stdout
  -h, --help                   Show this help

Estimates, not measurements: confirm with a short run. Formulas and sources: docs/plan.md.
`;

/** Every option of the command, in one place. */
const OPTIONS = {
  model: { type: "string", short: "m" },
  params: { type: "string" },
  gpu: { type: "string" },
  gpus: { type: "string" },
  "effective-batch": { type: "string" },
  "seq-len": { type: "string" },
  epochs: { type: "string" },
  "save-total-limit": { type: "string" },
  "batch-size": { type: "string" },
  precision: { type: "string", default: "bf16" },
  optimizer: { type: "string", default: "adamw" },
  offload: { type: "boolean", default: false },
  "lora-rank": { type: "string" },
  "no-checkpointing": { type: "boolean", default: false },
  tokenizer: { type: "string" },
  workers: { type: "string" },
  reporter: { type: "string", short: "r", default: "stylish" },
  "output-file": { type: "string", short: "o" },
} as const;

const PRECISIONS: readonly Precision[] = ["bf16", "fp16", "fp32", "mixed"];
const OPTIMIZERS: readonly Optimizer[] = ["adamw", "adamw-bf16", "adamw-8bit", "sgd"];

/**
 * Record counts and token figures of the data files. The one place `plan` reads datasets: it goes
 * through the library's `validate()` with stats, so re-pointing it at another reader is a local change.
 */
async function readData(inputs: string[], io: CliIO, tokenizer: string | undefined, workers: string | undefined): Promise<{ data: DataFigures; p95: number }> {
  const options: ValidateOptions = { cwd: io.cwd, stats: true, rules: {} };
  if (tokenizer !== undefined) options.tokenizer = tokenizer;
  const w = workersOption(workers);
  if (w !== undefined) options.workers = w;
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

const plan: Command = {
  name: "plan",
  summary: "GPU, CPU RAM and disk per method; batch and accumulation for your GPU",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    if (values.reporter !== "stylish" && values.reporter !== "json") throw new FtdataUsageError(`unknown reporter "${values.reporter}"; expected stylish or json`);
    if (!PRECISIONS.includes(values.precision as Precision)) throw new FtdataUsageError(`--precision must be one of ${PRECISIONS.join(", ")}, found "${values.precision}"`);
    if (!OPTIMIZERS.includes(values.optimizer as Optimizer)) throw new FtdataUsageError(`--optimizer must be one of ${OPTIMIZERS.join(", ")}, found "${values.optimizer}"`);
    let arch;
    if (values.model !== undefined) {
      arch = findArchitecture(values.model);
      if (!arch && values.params === undefined) throw new FtdataUsageError(`unknown model "${values.model}"; known: ${knownArchitectures().join(", ")}; or give --params 7B`);
    }
    if (!arch) {
      if (values.params === undefined) throw new FtdataUsageError("give --model <name> or --params <n> (see --help)");
      arch = architectureFromParams(parseParams(values.params));
      if (values.model !== undefined) arch.name = values.model;
    }
    // Every flag is checked before any data is read: a typo fails fast, with exit 2.
    const gpu = values.gpu !== undefined ? parseGpu(values.gpu) : undefined;
    const gpus = positiveInt("--gpus", values.gpus);
    if (gpus !== undefined && gpu === undefined) throw new FtdataUsageError("--gpus needs --gpu (which GPU?)");
    const effectiveBatch = positiveInt("--effective-batch", values["effective-batch"]);
    const epochs = positiveInt("--epochs", values.epochs);
    const saveTotalLimit = positiveInt("--save-total-limit", values["save-total-limit"]);
    const batch = positiveInt("--batch-size", values["batch-size"]);
    const rank = positiveInt("--lora-rank", values["lora-rank"]);
    let seqLen = positiveInt("--seq-len", values["seq-len"]);
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

    const o: HardwareOptions = { arch, seqLen: seqLen ?? 2048, seqLenSource, precision: values.precision as Precision, optimizer: values.optimizer as Optimizer, checkpointing: !values["no-checkpointing"], offload: values.offload };
    if (gpu !== undefined) o.gpu = gpu;
    if (gpus !== undefined) o.gpus = gpus;
    if (effectiveBatch !== undefined) o.effectiveBatch = effectiveBatch;
    if (epochs !== undefined) o.epochs = epochs;
    if (saveTotalLimit !== undefined) o.saveTotalLimit = saveTotalLimit;
    if (batch !== undefined) o.batchSize = batch;
    if (rank !== undefined) o.loraRank = rank;
    if (data !== undefined) o.data = data;
    const result = planHardware(o);
    const text = values.reporter === "json" ? `${JSON.stringify({ schemaVersion: 1, tool: { name: "ftdata", version: VERSION }, plan: result }, null, 2)}\n` : renderPlan(result);
    await emit(io, text, values["output-file"]);
    return 0;
  },
};

export default plan;
