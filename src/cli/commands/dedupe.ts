import { plural } from "../../core/wording.js";
import { parseArgs } from "node:util";
import { FtdataUsageError } from "../../core/errors.js";
import { dedupe, type DedupeOptions } from "../../dedupe/dedupe.js";
import type { Command } from "../command.js";

const HELP = `Usage: ftdata dedupe <file> --out <file> [options]

Write the dataset without its duplicate examples: the first occurrence is kept, every other record
is copied byte for byte (a .json array stays an array; --jsonl writes JSONL). Duplicates ignore metadata fields (id, source…) and whitespace differences.

Options:
  -o, --out <file>       Output file (never the input)
      --near             Also drop near duplicates (MinHash, similarity ≥ 0.8), keeping the first
  -f, --format <format>  Dataset format (default: detected from the first record)
      --jsonl            Write JSONL even when the input is a JSON array
      --force            Replace an existing output file
  -h, --help             Show this help

Prints each removed record (its first line) and the line of the record it duplicates. Exit codes: 0 written, 2 usage error.
`;

const command: Command = {
  name: "dedupe",
  summary: "Write a copy of a dataset without duplicate examples",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string", short: "o" },
        near: { type: "boolean", default: false },
        format: { type: "string", short: "f" },
        force: { type: "boolean", default: false },
        jsonl: { type: "boolean", default: false },
      },
    });
    if (positionals.length !== 1) throw new FtdataUsageError("give exactly one input file (see --help)");
    if (values.out === undefined) throw new FtdataUsageError("say where to write with --out <file>");
    const options: DedupeOptions = { out: values.out, cwd: io.cwd, near: values.near, force: values.force, jsonl: values.jsonl };
    if (values.format !== undefined) options.format = values.format;
    const result = await dedupe(positionals[0]!, options);
    const lines = result.removed.map((r) => `  line ${r.endLine !== undefined ? `${r.line}-${r.endLine}` : r.line}: ${r.kind === "duplicate" ? "duplicate" : "near duplicate"} of line ${r.duplicateOf}`);
    const head = result.removed.length === 0
      ? `No duplicates found; wrote ${result.output} (${plural(result.kept, "record")})`
      : `Removed ${plural(result.removed.length, "record")}; wrote ${result.output} (${plural(result.kept, "record")})`;
    io.stdout.write([head, ...lines, ""].join("\n"));
    return 0;
  },
};

export default command;
