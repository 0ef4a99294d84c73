import { parseArgs } from "node:util";
import { FtdataUsageError } from "../../core/errors.js";
import { VERSION } from "../../core/report.js";
import { architectureFromParams, findArchitecture, knownArchitectures, parseParams, planMemory, type Optimizer, type PlanOptions, type Precision } from "../../plan/plan.js";
import { renderPlan } from "../../stats/render.js";
import { validate, type ValidateOptions } from "../../engine/validate.js";
import type { Command } from "../command.js";
import { expandInputs } from "../expand.js";
import { emit } from "../io.js";
import { positiveInt } from "../options.js";
import { workersOption } from "./stats.js";

const HELP = `Usage: ftdata plan [files|globs|-]... (--model <name> | --params <n>) [options]

Will fine-tuning fit? Estimates GPU memory for inference, full fine-tuning, LoRA and QLoRA of an
open-weight model, term by term (weights, gradients, optimizer states, activations), and names the
smallest common GPU that holds each. With data files the sequence length is the data's p95 total
tokens (counted with --tokenizer when given, else with o200k_base as an approximation).

Options:
  -m, --model <name>         Known architecture: ${knownArchitectures().join(", ")}
      --params <n>           Parameter count instead (7B, 0.5B, 500M); architecture estimated
      --seq-len <n>          Sequence length (default: the data's p95, or 2048 without data)
      --batch-size <n>       Sequences per step per GPU (default: 1)
      --precision <p>        bf16 (default), fp16, fp32, or mixed (bf16 + fp32 master weights)
      --optimizer <o>        adamw (default), adamw-8bit, sgd
      --lora-rank <r>        LoRA rank on all linear layers (default: 16)
      --no-checkpointing     Without gradient checkpointing (activations of every layer kept)
      --tokenizer <file>     Hugging Face tokenizer.json to count the data with
  -r, --reporter <name>      Output: stylish, json (default: stylish)
  -o, --output-file <file>   Write to a file instead of stdout
  -h, --help                 Show this help

The formulas and how they compare with published figures: docs/plan.md.
`;

const PRECISIONS: readonly Precision[] = ["bf16", "fp16", "fp32", "mixed"];
const OPTIMIZERS: readonly Optimizer[] = ["adamw", "adamw-8bit", "sgd"];

const plan: Command = {
  name: "plan",
  summary: "Estimate GPU memory for full fine-tuning, LoRA and QLoRA",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        model: { type: "string", short: "m" },
        params: { type: "string" },
        "seq-len": { type: "string" },
        "batch-size": { type: "string" },
        precision: { type: "string", default: "bf16" },
        optimizer: { type: "string", default: "adamw" },
        "lora-rank": { type: "string" },
        "no-checkpointing": { type: "boolean", default: false },
        tokenizer: { type: "string" },
        workers: { type: "string" },
        reporter: { type: "string", short: "r", default: "stylish" },
        "output-file": { type: "string", short: "o" },
      },
    });
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
    let seqLen = positiveInt("--seq-len", values["seq-len"]);
    let seqSource = seqLen !== undefined ? "given with --seq-len" : "default";
    const dataFiles: Array<{ file: string; p95: number; examples: number }> = [];
    if (seqLen === undefined && positionals.length > 0) {
      const options: ValidateOptions = { cwd: io.cwd, stats: true, rules: {} };
      if (values.tokenizer !== undefined) options.tokenizer = values.tokenizer;
      const workers = workersOption(values.workers);
      if (workers !== undefined) options.workers = workers;
      const report = await validate(await expandInputs(positionals, io.cwd), options);
      for (const f of report.files) if (f.stats) dataFiles.push({ file: f.file, p95: f.stats.totalTokens.p95, examples: f.stats.examples });
      const p95 = Math.max(0, ...dataFiles.map((f) => f.p95));
      if (p95 > 0) {
        seqLen = p95;
        seqSource = `p95 of the data${values.tokenizer === undefined ? ", counted with o200k_base as an approximation" : ""}`;
      }
    }
    const o: PlanOptions = { arch, seqLen: seqLen ?? 2048, precision: values.precision as Precision, optimizer: values.optimizer as Optimizer, checkpointing: !values["no-checkpointing"] };
    const batch = positiveInt("--batch-size", values["batch-size"]);
    if (batch !== undefined) o.batchSize = batch;
    const rank = positiveInt("--lora-rank", values["lora-rank"]);
    if (rank !== undefined) o.loraRank = rank;
    const result = planMemory(o);
    const text =
      values.reporter === "json"
        ? `${JSON.stringify({ schemaVersion: 1, tool: { name: "ftdata", version: VERSION }, plan: result, seqLenSource: seqSource, files: dataFiles }, null, 2)}\n`
        : renderPlan(result, seqSource);
    await emit(io, text, values["output-file"]);
    return 0;
  },
};

export default plan;
