import path from "node:path";
import { CONVERT_TARGETS, convert, convertReport } from "../../convert/index.js";
import { plural } from "../../core/wording.js";
import { FtdataUsageError } from "../../core/errors.js";
import { loadReporter, REPORTER_NAMES } from "../reporters.js";
import { defineCommand, type OptionDefs } from "../command.js";
import * as o from "../options.js";
import { colorEnabled } from "../io.js";

const options = {
  to: { type: "string", arg: "<format>", description: "Target format (required)" },
  output: o.output("Output file (default: <input>.<format>.jsonl beside the input)", []),
  format: { ...o.format, description: "Source format (default: detected from the first records)" },
  strict: { type: "boolean", description: "Treat every loss as an error (nothing is written)" },
  jsonl: o.jsonl("Write JSONL even when the input is a JSON array (default: its own layout)"),
  force: o.force("Replace an existing output file"),
  reporter: { ...o.reporter(REPORTER_NAMES), description: `How to print problems: ${REPORTER_NAMES.join(", ")} (default: stylish)` },
  quiet: { ...o.quiet, description: "Print errors only" },
  "no-progress": o.noProgress,
} satisfies OptionDefs;

function defaultOutput(input: string, to: string): string {
  const dir = path.dirname(input);
  const base = path.basename(input).replace(/(\.jsonl|\.json|\.ndjson)?(\.gz)?$/i, "");
  return path.join(dir, `${base}.${to}.jsonl`);
}

export default defineCommand({
  name: "convert",
  summary: "Convert a dataset to another format",
  usage: "<input> --to <format> [-o <output>] [options]",
  description: () => `Converts a dataset (JSONL, a JSON array, optionally gzipped) in one streaming pass. Whatever the
target format cannot hold (tools in Alpaca, weights in ShareGPT, images…) is reported as a warning on
its line; a record that cannot be written at all is an error. With any error nothing is written. The
output is a new file, written atomically; the input is never modified.

Formats (--to): ${CONVERT_TARGETS.join(", ")}`,
  options,
  footer: "Exit codes: 0 written, 1 errors (nothing written), 2 usage error or unreadable input.",
  async run({ values, positionals, io }) {
    const reporter = await loadReporter(values.reporter);
    if (positionals.length !== 1) throw new FtdataUsageError(o.ONE_INPUT);
    if (values.to === undefined) throw new FtdataUsageError("--to <format> is required (see --help)");
    const input = positionals[0]!;
    if (input === "-" && values.output === undefined) throw new FtdataUsageError("reading stdin needs -o <output>");
    const output = values.output ?? defaultOutput(input, values.to);
    const result = await convert(input, {
      to: values.to,
      output,
      cwd: io.cwd,
      strict: values.strict,
      force: values.force,
      jsonl: values.jsonl,
      ...(values.format !== undefined ? { from: values.format } : {}),
    });
    let report = convertReport(result);
    if (values.quiet) report = convertReport({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === "error") });
    if (report.files[0]!.diagnostics.length > 0 || values.reporter !== "stylish") {
      io.stdout.write(reporter(report, { color: colorEnabled(io.stdout, io.env) }));
    }
    if (result.wrote) {
      io.stderr.write(`Wrote ${plural(result.written, `${result.to} record`)} to ${output} (from ${result.from}${result.warningCount > 0 ? `; ${plural(result.warningCount, "warning")}${values.quiet ? "" : ": see above"}` : ""})\n`);
      return 0;
    }
    io.stderr.write(`Nothing written: ${plural(result.errorCount, "error")} in ${result.file}\n`);
    return 1;
  },
});
