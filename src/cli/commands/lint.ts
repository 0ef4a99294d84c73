import { parseArgs } from "node:util";
import { FtdataUsageError } from "../../core/errors.js";
import { countSeverities, makeReport, type Report } from "../../core/report.js";
import { reporters } from "../../reporters/index.js";
import { validate, type ValidateOptions } from "../../validate.js";
import type { Command } from "../command.js";
import { expandInputs } from "../expand.js";
import { colorEnabled, emit } from "../io.js";

const HELP = `Usage: ftdata lint <files|globs|->... [options]

Check fine-tuning datasets (JSONL, optionally gzipped) for schema and quality problems.
Every problem is reported with its line, in one pass. Quote globs: "data/**/*.jsonl". Use - for stdin.

Options:
  -r, --reporter <name>      Output: ${Object.keys(reporters).join(", ")} (default: stylish)
  -o, --output-file <file>   Write the report to a file instead of stdout
  -f, --format <format>      Dataset format (default: detected from the first record)
      --max-warnings <n>     Exit 1 when there are more than n warnings
  -q, --quiet                Report errors only
      --max-line-size <MiB>  Skip and report lines longer than this (default: 64)
      --holdout <file>       Also check for leakage into this holdout (validation) file
      --near-dup             Near-duplicate detection at any size (default: up to 50,000 records)
      --no-near-dup          No near-duplicate detection
  -h, --help                 Show this help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage error or unreadable input.
`;

function onlyErrors(report: Report): Report {
  const files = report.files.map((f) => {
    const diagnostics = f.diagnostics.filter((d) => d.severity === "error");
    return { ...f, diagnostics, ...countSeverities(diagnostics) };
  });
  return { ...makeReport(files), ...(report.split ? { split: report.split } : {}) };
}

function nonNegativeInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new FtdataUsageError(`${flag} must be a non-negative integer, found "${value}"`);
  return Number(value);
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
        "max-warnings": { type: "string" },
        quiet: { type: "boolean", short: "q", default: false },
        "max-line-size": { type: "string" },
        holdout: { type: "string" },
        "near-dup": { type: "boolean" },
        "no-near-dup": { type: "boolean" },
      },
    });
    const reporter = reporters[values.reporter];
    if (!reporter) throw new FtdataUsageError(`unknown reporter "${values.reporter}"; expected one of: ${Object.keys(reporters).join(", ")}`);
    if (positionals.length === 0) throw new FtdataUsageError("no input files; give paths, quoted globs or - for stdin (see --help)");
    const maxWarnings = values["max-warnings"] === undefined ? undefined : nonNegativeInt("--max-warnings", values["max-warnings"]);
    const options: ValidateOptions = { cwd: io.cwd };
    if (values.format !== undefined) options.format = values.format;
    if (values["max-line-size"] !== undefined) {
      const mib = Number(values["max-line-size"]);
      if (!(mib > 0)) throw new FtdataUsageError(`--max-line-size must be a positive number of MiB, found "${values["max-line-size"]}"`);
      options.maxLineBytes = Math.floor(mib * 1024 * 1024);
    }
    if (values.holdout !== undefined) options.holdout = values.holdout;
    if (values["near-dup"]) options.nearDup = true;
    if (values["no-near-dup"]) options.nearDup = false;
    const files = await expandInputs(positionals, io.cwd);
    let report = await validate(files, options);
    if (values.quiet) report = onlyErrors(report);
    const color = values["output-file"] === undefined && colorEnabled(io.stdout, io.env);
    await emit(io, reporter(report, { color }), values["output-file"]);
    if (report.errorCount > 0) return 1;
    if (maxWarnings !== undefined && report.warningCount > maxWarnings) {
      io.stderr.write(`ftdata: too many warnings (${report.warningCount}; maximum: ${maxWarnings})\n`);
      return 1;
    }
    return 0;
  },
};

export default lint;
