import { FtdataUsageError } from "../../core/errors.js";
import { loadReporter } from "../reporters.js";
import { renderFileStats } from "../../stats/render.js";
import { timingTable } from "../timing.js";
import { BACKENDS } from "../../tokenizer/tokenizer.js";
import { DEFAULT_MODEL } from "../../tokenizer/models.js";
import type { ValidateOptions } from "../../engine/validate.js";
import { ignoredNotice, validateWithConfig } from "../../config/validate-files.js";
import { defineCommand, type OptionDefs } from "../command.js";
import * as o from "../options.js";
import { expandInputs } from "../expand.js";
import { colorEnabled, emit } from "../io.js";
import { createProgress, progressCallback } from "../progress.js";

const options = {
  model: o.model(`OpenAI model (default: the config's, else ${DEFAULT_MODEL}); ft:<base>:… ids work`),
  tokenizer: { ...o.tokenizer, description: "Count with a Hugging Face tokenizer (open-weight models): a tokenizer.json,\na model folder, or a model id in the local Hugging Face cache (never\ndownloaded); the chat template beside it is used when present" },
  limit: o.limit,
  epochs: o.positiveOption("<n>", "Epochs (default: OpenAI's default for the number of examples)"),
  "batch-size": o.positiveOption("<n>", "Examples per optimizer step, for the step estimate"),
  "grad-accum": o.positiveOption("<n>", "Gradient accumulation steps (default: 1)"),
  reporter: o.reporter(["stylish", "json"]),
  output: o.output("Write to a file instead of stdout"),
  format: o.format,
  config: { ...o.config, description: `${o.config.description as string}; its\nmodel, format, rules and ignores apply as in lint` },
  "no-config": o.noConfig,
  "no-progress": o.noProgress,
  workers: o.workers,
  backend: {
    type: "string",
    arg: "<name>",
    description: `Tokenizer backend: ${BACKENDS.join(", ")} (default: js; counts are identical)`,
    parse: o.oneOf("backend", BACKENDS),
  },
  "near-dup": { ...o.nearDup, description: "Also look for near-duplicate examples (off in stats: it is the costliest\ncheck and belongs to lint, where it runs up to 10,000 records)" },
  "no-near-dup": { ...o.noNearDup, description: "No near-duplicate detection (the default in stats)" },
} satisfies OptionDefs;

export default defineCommand({
  name: "stats",
  summary: "Token counts, lengths, limits and cost estimates per file",
  usage: "<files|globs|->... [options]",
  description: `Per file: examples, messages and tokens per example (min, p5, p25, median, mean, p75, p95, max;
total and trained), a histogram, roles, examples over the model's limit, and estimates of billed
tokens, epochs, cost and optimizer steps. Problems found on the way are listed after the stats
(exit 1 on errors, as with lint).`,
  options,
  footer: "Environment: FTDATA_TIMING=1 (or a number, or all) prints the slowest rules per file on stderr.",
  async run({ values, positionals, io }) {
    if (positionals.length === 0) throw new FtdataUsageError(o.NO_INPUT);
    const estimate: NonNullable<Exclude<ValidateOptions["stats"], boolean>> = {};
    if (values.epochs !== undefined) estimate.epochs = values.epochs;
    if (values["batch-size"] !== undefined) estimate.batchSize = values["batch-size"];
    if (values["grad-accum"] !== undefined) estimate.gradAccum = values["grad-accum"];
    // Near-duplicate signing (MinHash) cost more than a third of a stats run on the bench corpus.
    const options: ValidateOptions = { cwd: io.cwd, stats: estimate, nearDup: values["near-dup"] && !values["no-near-dup"] };
    if (values.model !== undefined) options.model = values.model;
    if (values.tokenizer !== undefined) options.tokenizer = values.tokenizer;
    if (values.limit !== undefined) options.tokenLimit = values.limit;
    if (values.format !== undefined) options.format = values.format;
    if (values.workers !== undefined) options.workers = values.workers;
    if (values.backend !== undefined) options.tokenBackend = values.backend;
    const timing = io.env.FTDATA_TIMING;
    if (timing) options.onRuleTiming = (file, t) => void io.stderr.write(timingTable(file, t, timing));
    const loaded = await o.configFromFlags(values, io.cwd);
    const files = await expandInputs(positionals, io.cwd);
    const progress = createProgress(io.stderr, io.env, { enabled: !values["no-progress"] });
    if (progress.active) options.onProgress = progressCallback(progress, files, io.cwd);
    const { report, ignored } = await validateWithConfig(files, options, loaded, io.cwd).finally(() => progress.done());
    if (ignored.length > 0) io.stderr.write(ignoredNotice(ignored));
    let text: string;
    if (values.reporter === "json") text = (await loadReporter("json"))(report, { color: false });
    else {
      const blocks = report.files.map((f) => (f.stats ? renderFileStats(f, f.stats) : `${f.file}: no examples could be read`));
      const color = values.output === undefined && colorEnabled(io.stdout, io.env);
      text = `${blocks.join("\n\n")}\n${(await loadReporter("stylish"))(report, { color })}`;
    }
    await emit(io, text, values.output);
    return report.errorCount > 0 ? 1 : 0;
  },
});
