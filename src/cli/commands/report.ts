import { open } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../../core/atomic.js";
import { FtdataUsageError } from "../../core/errors.js";
import { formatHtml, type HtmlOptions } from "../../reporters/html.js";
import { collectSamples, DEFAULT_SAMPLE_BYTES, DEFAULT_SAMPLES_PER_RULE, type ReportSamples } from "../../samples.js";
import type { ValidateOptions } from "../../engine/validate.js";
import { ignoredNotice, validateWithConfig } from "../../config/validate-files.js";
import type { Command } from "../command.js";
import { expandInputs } from "../expand.js";
import { configFromFlags, maxLineBytes, nonNegativeInt } from "../options.js";
import { assertNotInput } from "../../core/atomic.js";

const DEFAULT_OUTPUT = "ftdata-report.html";

const HELP = `Usage: ftdata report <files|globs|->... [options]

Validate datasets and write one self-contained HTML page: summary, charts, every problem grouped by
rule with the example it points at. It opens offline and loads nothing from the network.

Options:
  -o, --output <file>          Where to write the page (default: ${DEFAULT_OUTPUT}; - for stdout).
                               An earlier report is replaced; any other existing file
                               only with --force; an input file never is.
      --force                  Replace an existing file that is not an ftdata report
  -f, --format <format>        Dataset format (default: detected from the first record)
      --examples-per-rule <n>  Example lines embedded per rule and file (default: ${DEFAULT_SAMPLES_PER_RULE})
      --example-bytes <n>      Bytes kept of each embedded line (default: ${DEFAULT_SAMPLE_BYTES})
      --no-examples            Leave example text out (datasets often hold personal data)
      --all-occurrences        List every line of a repeated finding (by default one finding with its count)
      --max-rows <n>           Diagnostics listed per rule and file (default: 200; counts stay complete)
      --title <text>           Page title (default: "ftdata report")
      --max-line-size <MiB>    Skip and report lines longer than this (default: 64)
  -c, --config <file>          Use this config file (default: ftdata.config.json or package.json "ftdata",
                               searched up to the repository root); model, format, rules and ignores
                               apply as in lint
      --no-config              Ignore config files
  -m, --model <id>             Count tokens for this model (limits, billed tokens, cost; default: the
                               config's, else the default model)
      --tokenizer <path|id>    Count with a Hugging Face tokenizer instead: tokenizer.json, model folder or cached id
      --no-stats               No token statistics (no tokenizer is loaded)
  -h, --help                   Show this help

Exit codes: 0 no errors, 1 errors found (the report is written either way), 2 usage error or unreadable input.
`;

/** Whether an existing file is an earlier ftdata report (safe to replace), judged by its first bytes. */
async function isFtdataReport(file: string): Promise<boolean | undefined> {
  let fh;
  try {
    fh = await open(file, "r");
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT" ? undefined : false;
  }
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead).toString("utf8");
    return head.startsWith("<!doctype html>") && head.includes('<meta name="generator" content="ftdata ');
  } finally {
    await fh.close();
  }
}

function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const reportCommand: Command = {
  name: "report",
  summary: "Write a self-contained HTML report of datasets",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o" },
        format: { type: "string", short: "f" },
        "examples-per-rule": { type: "string" },
        "example-bytes": { type: "string" },
        "no-examples": { type: "boolean", default: false },
        "all-occurrences": { type: "boolean", default: false },
        "max-rows": { type: "string" },
        title: { type: "string" },
        "max-line-size": { type: "string" },
        force: { type: "boolean", default: false },
        model: { type: "string", short: "m" },
        tokenizer: { type: "string" },
        "no-stats": { type: "boolean", default: false },
        config: { type: "string", short: "c" },
        "no-config": { type: "boolean", default: false },
      },
    });
    if (positionals.length === 0) throw new FtdataUsageError("no input files; give paths, quoted globs or - for stdin (see --help)");
    const output = values.output ?? DEFAULT_OUTPUT;
    if (output === "") throw new FtdataUsageError("--output must name a file (or - for stdout)");
    const perRule = values["examples-per-rule"] === undefined ? DEFAULT_SAMPLES_PER_RULE : nonNegativeInt("--examples-per-rule", values["examples-per-rule"]);
    const maxBytes = values["example-bytes"] === undefined ? DEFAULT_SAMPLE_BYTES : nonNegativeInt("--example-bytes", values["example-bytes"]);
    const html: HtmlOptions = {};
    if (values["max-rows"] !== undefined) html.maxRowsPerRule = nonNegativeInt("--max-rows", values["max-rows"]);
    if (values.title !== undefined) html.title = values.title;
    const options: ValidateOptions = { cwd: io.cwd };
    if (values.format !== undefined) options.format = values.format;
    if (values["max-line-size"] !== undefined) options.maxLineBytes = maxLineBytes(values["max-line-size"]);
    // Token statistics come from the same pass as the diagnostics (the charts need them).
    if (!values["no-stats"]) options.stats = true;
    if (values["all-occurrences"]) options.allOccurrences = true;
    if (values.model !== undefined) options.model = values.model;
    if (values.tokenizer !== undefined) options.tokenizer = values.tokenizer;
    const files = await expandInputs(positionals, io.cwd);
    if (output !== "-") {
      await assertNotInput(output, files, io.cwd);
      if (!values.force && (await isFtdataReport(path.resolve(io.cwd, output))) === false) {
        throw new FtdataUsageError(`${output} exists and is not an ftdata report; use --force to replace it`);
      }
    }

    const loaded = await configFromFlags(values, io.cwd);
    const { report, ignored } = await validateWithConfig(files, options, loaded, io.cwd);
    if (ignored.length > 0) io.stderr.write(ignoredNotice(ignored));
    let samples: ReportSamples;
    if (values["no-examples"] || perRule === 0 || maxBytes === 0) {
      samples = { perRule: 0, maxBytes: 0, files: {}, omitted: true };
    } else {
      samples = await collectSamples(report, { perRule, maxBytes, cwd: io.cwd });
    }
    const page = formatHtml(report, samples, html);
    if (output === "-") {
      io.stdout.write(page);
    } else {
      try {
        await writeFileAtomic(output, page);
      } catch (err) {
        throw new FtdataUsageError(`cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      const counts = `${report.errorCount} error${report.errorCount === 1 ? "" : "s"}, ${report.warningCount} warning${report.warningCount === 1 ? "" : "s"}`;
      io.stdout.write(`Wrote ${output} (${kb(Buffer.byteLength(page))}): ${report.files.length} file${report.files.length === 1 ? "" : "s"}, ${counts}\n`);
    }
    return report.errorCount > 0 ? 1 : 0;
  },
};

export default reportCommand;
