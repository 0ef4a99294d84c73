import { appendFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { assertNotInput } from "../../core/atomic.js";
import { FtdataUsageError } from "../../core/errors.js";
import { countSeverities, makeReport, type Report } from "../../core/report.js";
import { reporters } from "../../reporters/index.js";
import { collectSamples } from "../../samples.js";
import type { ValidateOptions } from "../../engine/validate.js";
import type { Command } from "../command.js";
import { expandInputs } from "../expand.js";
import { colorEnabled, emit } from "../io.js";
import { configFromFlags, maxLineBytes, nonNegativeInt } from "../options.js";
import { ignoredNotice, validateWithConfig } from "../../config/validate-files.js";
import { createProgress, progressCallback } from "../progress.js";
import { timingTable } from "../timing.js";

const HELP = `Usage: ftdata lint <files|globs|->... [options]

Check fine-tuning datasets (JSONL, optionally gzipped) for schema and quality problems.
Every problem is reported with its line, in one pass. Quote globs: "data/**/*.jsonl". Use - for stdin.

Options:
  -r, --reporter <name>      Output: ${Object.keys(reporters).join(", ")} (default: stylish)
  -o, --output-file <file>   Write the report to a file instead of stdout
  -f, --format <format>      Dataset format (default: detected from the first record)
  -t, --target <platform>    Platform profile: openai, azure, together, mistral, fireworks,
                             vertex, bedrock, generic (see \`ftdata targets\`)
      --explain-format       Say which format each file was read as, and why (on stderr)
      --dataset-info <file>  Read every input as this LLaMA-Factory dataset_info.json lays it out
                             (default: the dataset_info.json beside each file, when it lists the file)
      --no-dataset-info      Do not look for dataset_info.json
      --max-warnings <n>     Exit 1 when there are more than n warnings
  -q, --quiet                Report errors only
      --all-occurrences      List every line of a repeated finding (by default an unknown key, a wrong
                             type… on many rows is one finding with its count and first lines)
      --max-line-size <MiB>  Skip and report lines longer than this (default: 64)
      --grader <file>        RFT: check an OpenAI grader (or a job body) and the fields it reads in every row
  -c, --config <file>        Use this config file (default: ftdata.config.json or package.json "ftdata",
                             searched from the working directory up to the repository root)
      --no-config            Ignore config files
      --print-config <file>  Print the settings that apply to <file> as JSON, and exit
      --no-progress          No progress line (it shows only on a TTY, never under CI, PRE_COMMIT or NO_COLOR)
  -m, --model <id>           Count tokens for this model: enables the token rules (limit,
                             truncation, outliers) and adds stats to the json report
      --tokenizer <path|id>  Same with a Hugging Face tokenizer: tokenizer.json, model folder or cached model id
      --limit <n>            Per-example token limit (overrides the model table)
      --holdout <file>       Also check for leakage into this holdout (validation) file
      --near-dup             Near-duplicate detection at any size (default: up to 10,000 records)
      --no-near-dup          No near-duplicate detection
  -h, --help                 Show this help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage error or unreadable input.
Environment: FTDATA_TIMING=1 (or a number, or all) prints the slowest rules per file on stderr.
Inputs of 64 MiB or more in all are linted on a worker thread with a smaller young generation (less
memory); FTDATA_THREAD_MIN_BYTES=<bytes> moves that threshold.
`;

function onlyErrors(report: Report): Report {
  const files = report.files.map((f) => {
    const diagnostics = f.diagnostics.filter((d) => d.severity === "error");
    // errorCount from the file: errors past the per-rule listing limit are counted there only.
    return { ...f, diagnostics, ...countSeverities(diagnostics), errorCount: f.errorCount };
  });
  return { ...makeReport(files), ...(report.split ? { split: report.split } : {}) };
}

const lint: Command = {
  name: "lint",
  summary: "Check datasets for schema and quality problems",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        reporter: { type: "string", short: "r", default: "stylish" },
        "output-file": { type: "string", short: "o" },
        format: { type: "string", short: "f" },
        target: { type: "string", short: "t" },
        "explain-format": { type: "boolean", default: false },
        "dataset-info": { type: "string" },
        "no-dataset-info": { type: "boolean", default: false },
        "max-warnings": { type: "string" },
        quiet: { type: "boolean", short: "q", default: false },
        "all-occurrences": { type: "boolean", default: false },
        "max-line-size": { type: "string" },
        grader: { type: "string" },
        config: { type: "string", short: "c" },
        "no-config": { type: "boolean", default: false },
        "print-config": { type: "string" },
        "no-progress": { type: "boolean", default: false },
        model: { type: "string", short: "m" },
        tokenizer: { type: "string" },
        limit: { type: "string" },
        holdout: { type: "string" },
        "near-dup": { type: "boolean" },
        "no-near-dup": { type: "boolean" },
      },
    });
    const reporter = Object.hasOwn(reporters, values.reporter) ? reporters[values.reporter] : undefined;
    if (!reporter) throw new FtdataUsageError(`unknown reporter "${values.reporter}"; expected one of: ${Object.keys(reporters).join(", ")}`);
    const loaded = await configFromFlags(values, io.cwd);
    if (values["print-config"] !== undefined) {
      const { resolvedConfigFor } = await import("../../config/print.js");
      const printed: Partial<ValidateOptions> = values.format !== undefined ? { format: values.format } : {};
      io.stdout.write(JSON.stringify(await resolvedConfigFor(values["print-config"], loaded, io.cwd, printed), null, 2) + "\n");
      return 0;
    }
    if (positionals.length === 0) throw new FtdataUsageError("no input files; give paths, quoted globs or - for stdin (see --help)");
    const maxWarnings = values["max-warnings"] === undefined ? undefined : nonNegativeInt("--max-warnings", values["max-warnings"]);
    const options: ValidateOptions = { cwd: io.cwd };
    if (values.format !== undefined) options.format = values.format;
    if (values["dataset-info"] !== undefined && values["no-dataset-info"]) throw new FtdataUsageError("--dataset-info and --no-dataset-info exclude each other");
    if (values["dataset-info"] !== undefined) options.datasetInfo = values["dataset-info"];
    if (values["no-dataset-info"]) options.datasetInfo = false;
    if (values.grader !== undefined) options.grader = values.grader;
    if (values.target !== undefined) options.target = values.target;
    if (values["max-line-size"] !== undefined) options.maxLineBytes = maxLineBytes(values["max-line-size"]);
    // Token options: the tokenizer loads only when one of these is given (the hook path stays fast).
    if (values.model !== undefined) options.model = values.model;
    if (values.tokenizer !== undefined) options.tokenizer = values.tokenizer;
    if (values.limit !== undefined) options.tokenLimit = nonNegativeInt("--limit", values.limit);
    if (values.holdout !== undefined) options.holdout = values.holdout;
    if (values["all-occurrences"]) options.allOccurrences = true;
    if (values["near-dup"]) options.nearDup = true;
    if (values["no-near-dup"]) options.nearDup = false;
    const files = await expandInputs(positionals, io.cwd);
    // Before any work: the report must never replace a dataset (writeFileAtomic checks again).
    if (values["output-file"] !== undefined) await assertNotInput(values["output-file"], files, io.cwd);
    const progress = createProgress(io.stderr, io.env, { enabled: !values.quiet && !values["no-progress"] });
    // Not shown (no TTY, CI, hooks): no callback, which the reader would otherwise call on every line.
    if (progress.active) options.onProgress = progressCallback(progress, files, io.cwd);
    const timing = io.env.FTDATA_TIMING;
    if (timing) options.onRuleTiming = (file, t) => void io.stderr.write(timingTable(file, t, timing));
    // FTDATA_THREAD_MIN_BYTES: another size from which big inputs are linted on a worker thread (0: always).
    const threadMin = io.env.FTDATA_THREAD_MIN_BYTES;
    if (threadMin !== undefined && /^\d+$/.test(threadMin)) options.offThread = Number(threadMin) === 0 ? true : Number(threadMin);
    const run = await validateWithConfig(files, options, loaded, io.cwd).finally(() => progress.done());
    let report = run.report;
    if (run.ignored.length > 0 && !values.quiet) io.stderr.write(ignoredNotice(run.ignored));
    if (values["explain-format"]) for (const f of report.files) io.stderr.write(`${f.file}: ${f.format ?? "unknown format"} — ${f.formatReason ?? "no records"}\n`);
    if (values.quiet) report = onlyErrors(report);
    const color = values["output-file"] === undefined && colorEnabled(io.stdout, io.env);
    // The html reporter shows the diagnosed examples: read those lines again (bounded sample).
    const samples = values.reporter === "html" ? await collectSamples(report, { cwd: io.cwd }) : undefined;
    await emit(io, reporter(report, { color, ...(samples ? { samples } : {}) }), values["output-file"]);
    if (values.reporter === "github" && io.env.GITHUB_STEP_SUMMARY) {
      const { formatGithubSummary } = await import("../../reporters/github.js");
      await appendFile(io.env.GITHUB_STEP_SUMMARY, formatGithubSummary(report)).catch((err: NodeJS.ErrnoException) => {
        io.stderr.write(`ftdata: cannot append to GITHUB_STEP_SUMMARY: ${err.code ?? err.message}\n`);
      });
    }
    if (report.errorCount > 0) return 1;
    if (maxWarnings !== undefined && report.warningCount > maxWarnings) {
      io.stderr.write(`ftdata: too many warnings (${report.warningCount}; maximum: ${maxWarnings})\n`);
      return 1;
    }
    return 0;
  },
};

export default lint;
