import { FtdataUsageError } from "../../core/errors.js";
import { VERSION } from "../../core/report.js";
import { architectureFromParams, findArchitecture, knownArchitectures, parseParams, planMemory, type Optimizer, type PlanOptions, type Precision } from "../../plan/plan.js";
import { renderPlan } from "../../stats/render.js";
import { validate, type ValidateOptions } from "../../validate.js";
import { defineCommand, type OptionDefs } from "../command.js";
import { expandInputs } from "../expand.js";
import { emit } from "../io.js";
import * as o from "../options.js";

const PRECISIONS: readonly Precision[] = ["bf16", "fp16", "fp32", "mixed"];
const OPTIMIZERS: readonly Optimizer[] = ["adamw", "adamw-8bit", "sgd"];

// One option per line, in help order: other work adds options here.
const options = {
  arch: {
    type: "string",
    arg: "<name>",
    description: () => `Known architecture: ${knownArchitectures().join(", ")}`,
    deprecated: ["model"],
    deprecatedShort: "m",
  },
  params: { type: "string", arg: "<n>", description: "Parameter count instead (7B, 0.5B, 500M); architecture estimated" },
  "seq-len": o.positiveOption("<n>", "Sequence length (default: the data's p95, or 2048 without data)"),
  "batch-size": o.positiveOption("<n>", "Sequences per step per GPU (default: 1)"),
  precision: { type: "string", arg: "<p>", default: "bf16", description: "bf16 (default), fp16, fp32, or mixed (bf16 + fp32 master weights)", parse: o.oneOf("precision", PRECISIONS) },
  optimizer: { type: "string", arg: "<o>", default: "adamw", description: "adamw (default), adamw-8bit, sgd", parse: o.oneOf("optimizer", OPTIMIZERS) },
  "lora-rank": o.positiveOption("<r>", "LoRA rank on all linear layers (default: 16)"),
  "no-checkpointing": { type: "boolean", description: "Without gradient checkpointing (activations of every layer kept)" },
  tokenizer: { ...o.tokenizer, description: "Hugging Face tokenizer.json to count the data with" },
  workers: o.workers,
  "no-progress": o.noProgress,
  reporter: o.reporter(["stylish", "json"]),
  output: o.output("Write to a file instead of stdout"),
} satisfies OptionDefs;

export default defineCommand({
  name: "plan",
  summary: "Estimate GPU memory for full fine-tuning, LoRA and QLoRA",
  usage: "[files|globs|-]... (--arch <name> | --params <n>) [options]",
  description: `Will fine-tuning fit? Estimates GPU memory for inference, full fine-tuning, LoRA and QLoRA of an
open-weight model, term by term (weights, gradients, optimizer states, activations), and names the
smallest common GPU that holds each. With data files the sequence length is the data's p95 total
tokens (counted with --tokenizer when given, else with o200k_base as an approximation).`,
  options,
  footer: "The formulas and how they compare with published figures: docs/plan.md.",
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
    let seqLen = values["seq-len"];
    let seqSource = seqLen !== undefined ? "given with --seq-len" : "default";
    const dataFiles: Array<{ file: string; p95: number; examples: number }> = [];
    if (seqLen === undefined && positionals.length > 0) {
      const options: ValidateOptions = { cwd: io.cwd, stats: true, rules: {} };
      if (values.tokenizer !== undefined) options.tokenizer = values.tokenizer;
      if (values.workers !== undefined) options.workers = values.workers;
      const report = await validate(await expandInputs(positionals, io.cwd), options);
      for (const f of report.files) if (f.stats) dataFiles.push({ file: f.file, p95: f.stats.totalTokens.p95, examples: f.stats.examples });
      const p95 = Math.max(0, ...dataFiles.map((f) => f.p95));
      if (p95 > 0) {
        seqLen = p95;
        seqSource = `p95 of the data${values.tokenizer === undefined ? ", counted with o200k_base as an approximation" : ""}`;
      }
    }
    const plan: PlanOptions = { arch, seqLen: seqLen ?? 2048, precision: values.precision, optimizer: values.optimizer, checkpointing: !values["no-checkpointing"] };
    if (values["batch-size"] !== undefined) plan.batchSize = values["batch-size"];
    if (values["lora-rank"] !== undefined) plan.loraRank = values["lora-rank"];
    const result = planMemory(plan);
    const text =
      values.reporter === "json"
        ? `${JSON.stringify({ schemaVersion: 1, tool: { name: "ftdata", version: VERSION }, plan: result, seqLenSource: seqSource, files: dataFiles }, null, 2)}\n`
        : renderPlan(result, seqSource);
    await emit(io, text, values.output);
    return 0;
  },
});
