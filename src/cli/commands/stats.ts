import { parseArgs } from "node:util";
import { FtdataUsageError } from "../../core/errors.js";
import { reporters } from "../../reporters/index.js";
import { renderFileStats } from "../../stats/render.js";
import { timingTable } from "../timing.js";
import { BACKENDS, type BackendName } from "../../tokenizer/tokenizer.js";
import { DEFAULT_MODEL } from "../../tokenizer/models.js";
import type { ValidateOptions } from "../../engine/validate.js";
import { ignoredNotice, validateWithConfig } from "../../config/validate-files.js";
import type { Command } from "../command.js";
import { configFromFlags, positiveInt } from "../options.js";
import { expandInputs } from "../expand.js";
import { colorEnabled, emit } from "../io.js";

const HELP = `Usage: ftdata stats <files|globs|->... [options]

Token counts and lengths per file: examples, messages and tokens per example (min, p5, p25, median,
mean, p75, p95, max; total and trained), a histogram, roles, examples over the model's limit, and
estimates of billed tokens, epochs, cost and optimizer steps. Problems found on the way are listed
after the stats (exit 1 on errors, as with lint).

Options:
  -m, --model <id>           OpenAI model (default: the config's, else ${DEFAULT_MODEL}); ft:<base>:… ids work
      --tokenizer <path|id>  Count with a Hugging Face tokenizer (open-weight models): a tokenizer.json,
                             a model folder, or a model id in the local Hugging Face cache (never
                             downloaded); the chat template beside it is used when present
      --limit <n>            Per-example token limit (overrides the model table)
      --epochs <n>           Epochs (default: OpenAI's default for the number of examples)
      --batch-size <n>       Examples per optimizer step, for the step estimate
      --grad-accum <n>       Gradient accumulation steps (default: 1)
  -r, --reporter <name>      Output: stylish, json (default: stylish)
  -o, --output-file <file>   Write to a file instead of stdout
  -f, --format <format>      Dataset format (default: detected)
  -c, --config <file>        Use this config file (default: ftdata.config.json or package.json "ftdata",
                             searched from the working directory up to the repository root); its
                             model, format, rules and ignores apply as in lint
      --no-config            Ignore config files
      --workers <n|auto>     Token-counting threads (default: auto = 1 for files of 16 MiB and more)
      --backend <name>       Tokenizer backend: ${BACKENDS.join(", ")} (default: js; counts are identical)
      --near-dup             Also look for near-duplicate examples (off in stats: it is the costliest
                             check and belongs to lint, where it runs up to 10,000 records)
  -h, --help                 Show this help

Environment: FTDATA_TIMING=1 (or a number, or all) prints the slowest rules per file on stderr.
`;

export function workersOption(value: string | undefined): number | "auto" | undefined {
  if (value === undefined || value === "auto") return value;
  if (!/^\d+$/.test(value) || Number(value) > 16) throw new FtdataUsageError(`--workers must be auto or a number from 0 to 16, found "${value}"`);
  return Number(value);
}

export function backendOption(value: string | undefined): BackendName | undefined {
  if (value === undefined) return undefined;
  if (!(BACKENDS as readonly string[]).includes(value)) throw new FtdataUsageError(`unknown backend "${value}"; expected one of: ${BACKENDS.join(", ")}`);
  return value as BackendName;
}

const stats: Command = {
  name: "stats",
  summary: "Token counts, lengths, limits and cost estimates per file",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        model: { type: "string", short: "m" },
        tokenizer: { type: "string" },
        limit: { type: "string" },
        epochs: { type: "string" },
        "batch-size": { type: "string" },
        "grad-accum": { type: "string" },
        reporter: { type: "string", short: "r", default: "stylish" },
        "output-file": { type: "string", short: "o" },
        format: { type: "string", short: "f" },
        config: { type: "string", short: "c" },
        "no-config": { type: "boolean", default: false },
        workers: { type: "string" },
        backend: { type: "string" },
        "near-dup": { type: "boolean" },
      },
    });
    if (values.reporter !== "stylish" && values.reporter !== "json") throw new FtdataUsageError(`unknown reporter "${values.reporter}"; expected stylish or json`);
    if (positionals.length === 0) throw new FtdataUsageError("no input files; give paths, quoted globs or - for stdin (see --help)");
    const estimate: NonNullable<Exclude<ValidateOptions["stats"], boolean>> = {};
    const epochs = positiveInt("--epochs", values.epochs);
    if (epochs !== undefined) estimate.epochs = epochs;
    const batch = positiveInt("--batch-size", values["batch-size"]);
    if (batch !== undefined) estimate.batchSize = batch;
    const accum = positiveInt("--grad-accum", values["grad-accum"]);
    if (accum !== undefined) estimate.gradAccum = accum;
    // Near-duplicate signing (MinHash) cost more than a third of a stats run on the bench corpus.
    const options: ValidateOptions = { cwd: io.cwd, stats: estimate, nearDup: values["near-dup"] === true };
    if (values.model !== undefined) options.model = values.model;
    if (values.tokenizer !== undefined) options.tokenizer = values.tokenizer;
    const limit = positiveInt("--limit", values.limit);
    if (limit !== undefined) options.tokenLimit = limit;
    if (values.format !== undefined) options.format = values.format;
    const workers = workersOption(values.workers);
    if (workers !== undefined) options.workers = workers;
    const backend = backendOption(values.backend);
    if (backend !== undefined) options.tokenBackend = backend;
    const timing = io.env.FTDATA_TIMING;
    if (timing) options.onRuleTiming = (file, t) => void io.stderr.write(timingTable(file, t, timing));
    const loaded = await configFromFlags(values, io.cwd);
    const files = await expandInputs(positionals, io.cwd);
    const { report, ignored } = await validateWithConfig(files, options, loaded, io.cwd);
    if (ignored.length > 0) io.stderr.write(ignoredNotice(ignored));
    let text: string;
    if (values.reporter === "json") text = reporters.json!(report, { color: false });
    else {
      const blocks = report.files.map((f) => (f.stats ? renderFileStats(f, f.stats) : `${f.file}: no examples could be read`));
      const color = values["output-file"] === undefined && colorEnabled(io.stdout, io.env);
      text = `${blocks.join("\n\n")}\n${reporters.stylish!(report, { color })}`;
    }
    await emit(io, text, values["output-file"]);
    return report.errorCount > 0 ? 1 : 0;
  },
};

export default stats;
