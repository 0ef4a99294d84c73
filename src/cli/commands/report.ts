import { open } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../../core/atomic.js";
import { FtdataUsageError } from "../../core/errors.js";
import { formatHtml, type HtmlOptions } from "../../reporters/html.js";
import { collectSamples, DEFAULT_SAMPLE_BYTES, DEFAULT_SAMPLES_PER_RULE, type ReportSamples } from "../../samples.js";
import type { ValidateOptions } from "../../engine/validate.js";
import { ignoredNotice, validateWithConfig } from "../../config/validate-files.js";
import { defineCommand, type OptionDefs } from "../command.js";
import { createProgress, progressCallback } from "../progress.js";
import { expandInputs } from "../expand.js";
import * as o from "../options.js";
import { assertNotInput } from "../../core/atomic.js";

const DEFAULT_OUTPUT = "ftdata-report.html";

const options = {
  output: o.output(
    `Where to write the page (default: ${DEFAULT_OUTPUT}; - for stdout).\nAn earlier report is replaced; any other existing file\nonly with --force; an input file never is.`,
    [],
  ),
  force: o.force("Replace an existing file that is not an ftdata report"),
  format: o.format,
  "examples-per-rule": o.count("<n>", `Example lines embedded per rule and file (default: ${DEFAULT_SAMPLES_PER_RULE})`),
  "example-bytes": o.count("<n>", `Bytes kept of each embedded line (default: ${DEFAULT_SAMPLE_BYTES})`),
  "no-examples": { type: "boolean", description: "Leave example text out (datasets often hold personal data)" },
  "all-occurrences": o.allOccurrences,
  "max-rows": o.count("<n>", "Diagnostics listed per rule and file (default: 200; counts stay complete)"),
  title: { type: "string", arg: "<text>", description: 'Page title (default: "ftdata report")' },
  "max-line-size": o.maxLineSize,
  config: { ...o.config, description: `${o.config.description as string}; model, format, rules and ignores\napply as in lint` },
  "no-config": o.noConfig,
  "no-progress": o.noProgress,
  model: o.model("Count tokens for this model (limits, billed tokens, cost; default: the\nconfig's, else the default model)"),
  tokenizer: o.tokenizer,
  "no-stats": { type: "boolean", description: "No token statistics (no tokenizer is loaded)" },
  "near-dup": o.nearDup,
  "no-near-dup": o.noNearDup,
} satisfies OptionDefs;

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

export default defineCommand({
  name: "report",
  summary: "Write a self-contained HTML report of datasets",
  usage: "<files|globs|->... [options]",
  description: `Validates datasets and writes one page: summary, charts, every problem grouped by rule with the
example it points at. It opens offline and loads nothing from the network.`,
  options,
  footer: "Exit codes: 0 no errors, 1 errors found (the report is written either way), 2 usage error or unreadable input.",
  async run({ values, positionals, io }) {
    if (positionals.length === 0) throw new FtdataUsageError(o.NO_INPUT);
    const output = values.output ?? DEFAULT_OUTPUT;
    if (output === "") throw new FtdataUsageError("--output must name a file (or - for stdout)");
    const perRule = values["examples-per-rule"] ?? DEFAULT_SAMPLES_PER_RULE;
    const maxBytes = values["example-bytes"] ?? DEFAULT_SAMPLE_BYTES;
    const html: HtmlOptions = {};
    if (values["max-rows"] !== undefined) html.maxRowsPerRule = values["max-rows"];
    if (values.title !== undefined) html.title = values.title;
    const options: ValidateOptions = { cwd: io.cwd };
    if (values.format !== undefined) options.format = values.format;
    if (values["max-line-size"] !== undefined) options.maxLineBytes = values["max-line-size"];
    // Token statistics come from the same pass as the diagnostics (the charts need them).
    if (!values["no-stats"]) options.stats = true;
    if (values["all-occurrences"]) options.allOccurrences = true;
    if (values.model !== undefined) options.model = values.model;
    if (values.tokenizer !== undefined) options.tokenizer = values.tokenizer;
    const nearDup = o.nearDupChoice(values);
    if (nearDup !== undefined) options.nearDup = nearDup;
    const files = await expandInputs(positionals, io.cwd);
    if (output !== "-") {
      await assertNotInput(output, files, io.cwd);
      if (!values.force && (await isFtdataReport(path.resolve(io.cwd, output))) === false) {
        throw new FtdataUsageError(`${output} exists and is not an ftdata report; use --force to replace it`);
      }
    }

    const loaded = await o.configFromFlags(values, io.cwd);
    const progress = createProgress(io.stderr, io.env, { enabled: !values["no-progress"] });
    if (progress.active) options.onProgress = progressCallback(progress, files, io.cwd);
    const { report, ignored } = await validateWithConfig(files, options, loaded, io.cwd).finally(() => progress.done());
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
});
