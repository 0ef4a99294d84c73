import { FtdataUsageError } from "../../core/errors.js";
import { countSeverities, makeReport, type Report } from "../../core/report.js";
import { loadReporter, REPORTER_NAMES } from "../reporters.js";
import type { ValidateOptions } from "../../engine/validate.js";
import { defineCommand, type OptionDefs } from "../command.js";
import { expandInputs } from "../expand.js";
import { colorEnabled, emit } from "../io.js";
import * as o from "../options.js";
import { configFromFlags } from "../options.js";
import { ignoredNotice, validateWithConfig } from "../../config/validate-files.js";
import { createProgress, progressCallback } from "../progress.js";
import { timingTable } from "../timing.js";

const options = {
  reporter: o.reporter(REPORTER_NAMES),
  output: o.output("Write the report to a file instead of stdout"),
  format: o.format,
  target: {
    type: "string",
    short: "t",
    arg: "<platform>",
    description: "Platform profile: openai, azure, together, mistral, fireworks,\nvertex, bedrock, generic (see `ftdata targets`)",
  },
  "explain-format": { type: "boolean", description: "Say which format each file was read as, and why (on stderr)" },
  "dataset-info": {
    type: "string",
    arg: "<file>",
    description: "Read every input as this LLaMA-Factory dataset_info.json lays it out\n(default: the dataset_info.json beside each file, when it lists the file)",
  },
  "no-dataset-info": { type: "boolean", description: "Do not look for dataset_info.json" },
  "max-warnings": o.count("<n>", "Exit 1 when there are more than n warnings"),
  quiet: o.quiet,
  "all-occurrences": o.allOccurrences,
  "max-line-size": o.maxLineSize,
  grader: { type: "string", arg: "<file>", description: "RFT: check an OpenAI grader (or a job body) and the fields it reads in every row" },
  config: o.config,
  "no-config": o.noConfig,
  "print-config": { type: "string", arg: "<file>", description: "Print the settings that apply to <file> as JSON, and exit" },
  "no-progress": o.noProgress,
  model: o.model("Count tokens for this model: enables the token rules (limit,\ntruncation, outliers) and adds stats to the json report"),
  tokenizer: o.tokenizer,
  limit: o.limit,
  holdout: { type: "string", arg: "<file>", description: "Also check for leakage into this holdout (validation) file" },
  "near-dup": o.nearDup,
  "no-near-dup": o.noNearDup,
} satisfies OptionDefs;

function onlyErrors(report: Report): Report {
  const files = report.files.map((f) => {
    const diagnostics = f.diagnostics.filter((d) => d.severity === "error");
    // errorCount from the file: errors past the per-rule listing limit are counted there only.
    return { ...f, diagnostics, ...countSeverities(diagnostics), errorCount: f.errorCount };
  });
  return { ...makeReport(files), ...(report.split ? { split: report.split } : {}) };
}

export default defineCommand({
  name: "lint",
  summary: "Check datasets for schema and quality problems",
  usage: "<files|globs|->... [options]",
  description: `Checks fine-tuning datasets (JSONL, JSON arrays, Parquet; optionally gzipped). Every problem is
reported with its line, in one pass. Quote globs: "data/**/*.jsonl". Use - for stdin.`,
  options,
  footer: `Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage error or unreadable input.
Environment: FTDATA_TIMING=1 (or a number, or all) prints the slowest rules per file on stderr.
A plain JSONL file of 16 MiB or more is linted in parallel, in shards read by this thread and one
worker per other core (with -m or --stats: one worker per core, this thread merging), with the same
report; FTDATA_THREADS=<n> sets the number of threads (1: one thread). Other inputs of 64 MiB or more
in all are linted on one worker thread with a smaller young generation (less memory).
FTDATA_THREAD_MIN_BYTES=<bytes> moves both thresholds (0: always).
On Node 20, lint's compiled code is cached in ~/.cache/ftdata ($XDG_CACHE_HOME/ftdata) for a faster
start; FTDATA_NO_COMPILE_CACHE=1 turns that off (Node 22+ uses its own module compile cache).`,
  async run({ values, positionals, io }) {
    const reporter = await loadReporter(values.reporter);
    const loaded = await configFromFlags(values, io.cwd);
    if (values["print-config"] !== undefined) {
      const { resolvedConfigFor } = await import("../../config/print.js");
      const printed: Partial<ValidateOptions> = values.format !== undefined ? { format: values.format } : {};
      io.stdout.write(JSON.stringify(await resolvedConfigFor(values["print-config"], loaded, io.cwd, printed), null, 2) + "\n");
      return 0;
    }
    if (positionals.length === 0) throw new FtdataUsageError(o.NO_INPUT);
    const maxWarnings = values["max-warnings"];
    const options: ValidateOptions = { cwd: io.cwd };
    if (values.format !== undefined) options.format = values.format;
    if (values["dataset-info"] !== undefined && values["no-dataset-info"]) throw new FtdataUsageError("--dataset-info and --no-dataset-info exclude each other");
    if (values["dataset-info"] !== undefined) options.datasetInfo = values["dataset-info"];
    if (values["no-dataset-info"]) options.datasetInfo = false;
    if (values.grader !== undefined) options.grader = values.grader;
    if (values.target !== undefined) options.target = values.target;
    if (values["max-line-size"] !== undefined) options.maxLineBytes = values["max-line-size"];
    // Token options: the tokenizer loads only when one of these is given (the hook path stays fast).
    if (values.model !== undefined) options.model = values.model;
    if (values.tokenizer !== undefined) options.tokenizer = values.tokenizer;
    if (values.limit !== undefined) options.tokenLimit = values.limit;
    if (values.holdout !== undefined) options.holdout = values.holdout;
    if (values["all-occurrences"]) options.allOccurrences = true;
    const nearDup = o.nearDupChoice(values);
    if (nearDup !== undefined) options.nearDup = nearDup;
    const files = await expandInputs(positionals, io.cwd);
    // Before any work: the report must never replace a dataset (writeFileAtomic checks again).
    if (values.output !== undefined) await (await import("../../core/atomic.js")).assertNotInput(values.output, files, io.cwd);
    const progress = createProgress(io.stderr, io.env, { enabled: !values.quiet && !values["no-progress"] });
    // Not shown (no TTY, CI, hooks): no callback, which the reader would otherwise call on every line.
    if (progress.active) options.onProgress = progressCallback(progress, files, io.cwd);
    const timing = io.env.FTDATA_TIMING;
    if (timing) options.onRuleTiming = (file, t) => void io.stderr.write(timingTable(file, t, timing));
    // FTDATA_THREAD_MIN_BYTES: another size from which big inputs are linted on a worker thread (0: always).
    const threadMin = io.env.FTDATA_THREAD_MIN_BYTES;
    if (threadMin !== undefined && /^\d+$/.test(threadMin)) options.offThread = Number(threadMin) === 0 ? true : Number(threadMin);
    const threads = io.env.FTDATA_THREADS;
    if (threads !== undefined && /^[1-9]\d*$/.test(threads)) options.threads = Number(threads);
    const run = await validateWithConfig(files, options, loaded, io.cwd).finally(() => progress.done());
    let report = run.report;
    if (run.ignored.length > 0 && !values.quiet) io.stderr.write(ignoredNotice(run.ignored));
    if (values["explain-format"]) for (const f of report.files) io.stderr.write(`${f.file}: ${f.format ?? "unknown format"} — ${f.formatReason ?? "no records"}\n`);
    if (values.quiet) report = onlyErrors(report);
    const color = values.output === undefined && colorEnabled(io.stdout, io.env);
    // The html reporter shows the diagnosed examples: read those lines again (bounded sample).
    const samples = values.reporter === "html" ? await (await import("../../samples.js")).collectSamples(report, { cwd: io.cwd }) : undefined;
    await emit(io, reporter(report, { color, ...(samples ? { samples } : {}) }), values.output);
    if (values.reporter === "github" && io.env.GITHUB_STEP_SUMMARY) {
      const { formatGithubSummary } = await import("../../reporters/github.js");
      const { appendFile } = await import("node:fs/promises");
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
});
