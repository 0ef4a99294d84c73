import path from "node:path";
import { parseArgs } from "node:util";
import { CONVERT_TARGETS, convert, convertReport } from "../../convert/index.js";
import { FtdataUsageError } from "../../core/errors.js";
import { plural } from "../../core/wording.js";
import { reporters } from "../../reporters/index.js";
import type { Command } from "../command.js";
import { colorEnabled } from "../io.js";

const HELP = `Usage: ftdata convert <input> --to <format> [-o <output>] [options]

Convert a dataset (JSONL, a JSON array, optionally gzipped) to another format in one streaming pass.
Whatever the target format cannot hold (tools in Alpaca, weights in ShareGPT, images…) is reported
as a warning on its line; a record that cannot be written at all is an error. With any error
nothing is written. The output is a new file, written atomically; the input is never modified.

Formats (--to): ${CONVERT_TARGETS.join(", ")}

Options:
      --to <format>          Target format (required)
  -o, --output <file>        Output file (default: <input>.<format>.jsonl beside the input)
  -f, --format <format>      Source format (default: detected from the first record)
      --strict               Treat every loss as an error (nothing is written)
      --jsonl                Write JSONL even when the input is a JSON array (default: its own layout)
      --force                Replace an existing output file
  -r, --reporter <name>      How to print problems: ${Object.keys(reporters).join(", ")} (default: stylish)
  -q, --quiet                Print errors only
  -h, --help                 Show this help

Exit codes: 0 written, 1 errors (nothing written), 2 usage error or unreadable input.
`;

function defaultOutput(input: string, to: string): string {
  const dir = path.dirname(input);
  const base = path.basename(input).replace(/(\.jsonl|\.json|\.ndjson)?(\.gz)?$/i, "");
  return path.join(dir, `${base}.${to}.jsonl`);
}

const command: Command = {
  name: "convert",
  summary: "Convert a dataset to another format",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        to: { type: "string" },
        output: { type: "string", short: "o" },
        format: { type: "string", short: "f" },
        strict: { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        jsonl: { type: "boolean", default: false },
        reporter: { type: "string", short: "r", default: "stylish" },
        quiet: { type: "boolean", short: "q", default: false },
      },
    });
    const reporter = reporters[values.reporter];
    if (!reporter) throw new FtdataUsageError(`unknown reporter "${values.reporter}"; expected one of: ${Object.keys(reporters).join(", ")}`);
    if (positionals.length !== 1) throw new FtdataUsageError("give exactly one input file (see --help)");
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
};

export default command;
