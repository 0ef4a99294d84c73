import { plural } from "../../core/wording.js";
import { FtdataUsageError } from "../../core/errors.js";
import { dedupe, type DedupeOptions } from "../../dedupe/dedupe.js";
import { defineCommand, type OptionDefs } from "../command.js";
import * as o from "../options.js";

const options = {
  output: o.output("Output file (never the input)", ["out"]),
  near: { type: "boolean", description: "Also drop near duplicates (MinHash, similarity ≥ 0.8), keeping the first" },
  format: o.format,
  jsonl: o.jsonl(),
  force: o.force("Replace an existing output file"),
  "no-progress": o.noProgress,
} satisfies OptionDefs;

export default defineCommand({
  name: "dedupe",
  summary: "Write a copy of a dataset without duplicate examples",
  usage: "<file> -o <file> [options]",
  description: `The first occurrence is kept, every other record is copied byte for byte (a .json array stays an
array; --jsonl writes JSONL). Duplicates ignore metadata fields (id, source…) and whitespace differences.`,
  options,
  footer: "Prints each removed record (its first line) and the line of the record it duplicates. Exit codes: 0 written, 2 usage error.",
  async run({ values, positionals, io }) {
    if (positionals.length !== 1) throw new FtdataUsageError(o.ONE_INPUT);
    if (values.output === undefined) throw new FtdataUsageError("say where to write with -o <file>");
    const options: DedupeOptions = { out: values.output, cwd: io.cwd, near: values.near, force: values.force, jsonl: values.jsonl };
    if (values.format !== undefined) options.format = values.format;
    const result = await dedupe(positionals[0]!, options);
    const lines = result.removed.map((r) => `  line ${r.endLine !== undefined ? `${r.line}-${r.endLine}` : r.line}: ${r.kind === "duplicate" ? "duplicate" : "near duplicate"} of line ${r.duplicateOf}`);
    const head = result.removed.length === 0
      ? `No duplicates found; wrote ${result.output} (${plural(result.kept, "record")})`
      : `Removed ${plural(result.removed.length, "record")}; wrote ${result.output} (${plural(result.kept, "record")})`;
    io.stdout.write([head, ...lines, ""].join("\n"));
    return 0;
  },
});
