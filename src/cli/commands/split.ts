import { FtdataUsageError } from "../../core/errors.js";
import { loadReporter, REPORTER_NAMES } from "../reporters.js";
import { split, type SplitOptions } from "../../split/split.js";
import { defineCommand, type OptionDefs } from "../command.js";
import * as o from "../options.js";
import { colorEnabled, emit } from "../io.js";

const options = {
  "out-dir": { type: "string", arg: "<dir>", description: "Write <dir>/train.jsonl and <dir>/holdout.jsonl" },
  train: { type: "string", arg: "<file>", description: "Training output (default <out-dir>/train.jsonl)" },
  "holdout-out": { type: "string", arg: "<file>", description: "Holdout output (default <out-dir>/holdout.jsonl)" },
  holdout: { type: "string", arg: "<fraction>", description: "Holdout share, in expectation (default 0.1)", parse: fraction },
  "holdout-count": o.positiveOption("<n>", "Exactly n holdout records (two passes; whole groups)"),
  "group-by": {
    type: "string",
    arg: "<key>",
    description: "first-user (default: the normalised first user message),\nprompt, conversation, field:<path> or none",
  },
  "stratify-by": { type: "string", arg: "<path>", description: "Report per value of this field; --holdout-count keeps proportions" },
  salt: { type: "string", arg: "<text>", description: "Hash salt (default ftdata-v1); change it to draw another split" },
  format: o.format,
  "no-leakage": { type: "boolean", description: "Skip the leakage check of the written files" },
  "near-dup": { ...o.nearDup, description: "Check near-duplicate prompts at any size (default: up to 10,000\ntraining records)" },
  "no-near-dup": { ...o.noNearDup, description: "No near-duplicate prompt check" },
  "dry-run": { type: "boolean", description: "Report the split without writing files" },
  jsonl: o.jsonl("Write JSONL even when the input is a JSON array (default: its own layout;\na .json array input gives train.json and holdout.json)"),
  force: o.force("Replace existing output files (never the input)"),
  "no-progress": o.noProgress,
  reporter: o.reporter(REPORTER_NAMES),
  output: o.output("Write the report to a file instead of stdout (the data goes to --out-dir)"),
} satisfies OptionDefs;

function fraction(value: string): number {
  const f = Number(value);
  if (!(f > 0 && f < 1)) throw new FtdataUsageError(`--holdout must be a fraction between 0 and 1, found "${value}"`);
  return f;
}

export default defineCommand({
  name: "split",
  summary: "Write reproducible, group-aware train/holdout splits",
  usage: "<file> --out-dir <dir> [options]",
  description: `Splits a dataset into train and holdout files: deterministic (a hash of salt and group key,
stable when rows are appended or reordered), group-aware, lines copied byte for byte.
A record goes to the holdout when
  uint64_be(sha256(utf8(salt) ‖ 0x00 ‖ utf8(groupKey))[0..8]) < floor(fraction × 2^64)`,
  options,
  footer: `Nothing is written when there are errors (unreadable lines, fewer than 10 training examples,
the same example on both sides). Exit codes: 0 written, 1 errors, 2 usage error.`,
  async run({ values, positionals, io }) {
    const reporter = await loadReporter(values.reporter);
    if (positionals.length !== 1) throw new FtdataUsageError(o.ONE_INPUT);
    const options: SplitOptions = { cwd: io.cwd, force: values.force, dryRun: values["dry-run"], jsonl: values.jsonl, leakage: !values["no-leakage"] };
    if (values["out-dir"] !== undefined) options.outDir = values["out-dir"];
    if (values.train !== undefined) options.train = values.train;
    if (values["holdout-out"] !== undefined) options.holdoutOut = values["holdout-out"];
    if (values.holdout !== undefined) options.fraction = values.holdout;
    if (values["holdout-count"] !== undefined) options.holdoutCount = values["holdout-count"];
    if (values["group-by"] !== undefined) options.groupBy = values["group-by"];
    if (values["stratify-by"] !== undefined) options.stratifyBy = values["stratify-by"];
    if (values.salt !== undefined) options.salt = values.salt;
    if (values.format !== undefined) options.format = values.format;
    const nearDup = o.nearDupChoice(values);
    if (nearDup !== undefined) options.nearDup = nearDup;
    const report = await split(positionals[0]!, options);
    const color = values.output === undefined && colorEnabled(io.stdout, io.env);
    await emit(io, reporter(report, { color }), values.output);
    return report.errorCount > 0 ? 1 : 0;
  },
});
