import { parseArgs } from "node:util";
import { FtdataUsageError } from "../../core/errors.js";
import { reporters } from "../../reporters/index.js";
import { split, type SplitOptions } from "../../split/split.js";
import type { Command } from "../command.js";
import { colorEnabled, emit } from "../io.js";

const HELP = `Usage: ftdata split <file> --out-dir <dir> [options]

Split a JSONL dataset into train and holdout files: deterministic (a hash of salt and group key,
stable when rows are appended or reordered), group-aware, lines copied byte for byte.
A record goes to the holdout when
  uint64_be(sha256(utf8(salt) ‖ 0x00 ‖ utf8(groupKey))[0..8]) < floor(fraction × 2^64)

Options:
      --out-dir <dir>          Write <dir>/train.jsonl and <dir>/holdout.jsonl
      --train <file>           Training output (default <out-dir>/train.jsonl)
      --holdout-out <file>     Holdout output (default <out-dir>/holdout.jsonl)
      --holdout <fraction>     Holdout share, in expectation (default 0.1)
      --holdout-count <n>      Exactly n holdout records (two passes; whole groups)
      --group-by <key>         first-user (default: the normalised first user message),
                               prompt, conversation, field:<path> or none
      --stratify-by <path>     Report per value of this field; --holdout-count keeps proportions
      --salt <text>            Hash salt (default ftdata-v1); change it to draw another split
  -f, --format <format>        Dataset format (default: detected from the first record)
      --no-leakage             Skip the leakage check of the written files
      --near-dup               Check near-duplicate prompts at any size (default: up to 10,000
                               training records); --no-near-dup never
      --jsonl                  Write JSONL even when the input is a JSON array (default: its own layout;
                               a .json array input gives train.json and holdout.json)
      --dry-run                Report the split without writing files
      --force                  Replace existing output files (never the input)
  -r, --reporter <name>        Output: ${Object.keys(reporters).join(", ")} (default: stylish)
  -o, --output-file <file>     Write the report to a file instead of stdout
  -h, --help                   Show this help

Nothing is written when there are errors (unreadable lines, fewer than 10 training examples,
the same example on both sides). Exit codes: 0 written, 1 errors, 2 usage error.
`;

const command: Command = {
  name: "split",
  summary: "Write reproducible, group-aware train/holdout splits",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "out-dir": { type: "string" },
        train: { type: "string" },
        "holdout-out": { type: "string" },
        holdout: { type: "string" },
        "holdout-count": { type: "string" },
        "group-by": { type: "string" },
        "stratify-by": { type: "string" },
        salt: { type: "string" },
        format: { type: "string", short: "f" },
        "no-leakage": { type: "boolean", default: false },
        "near-dup": { type: "boolean" },
        "no-near-dup": { type: "boolean" },
        "dry-run": { type: "boolean", default: false },
        jsonl: { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        reporter: { type: "string", short: "r", default: "stylish" },
        "output-file": { type: "string", short: "o" },
      },
    });
    const reporter = reporters[values.reporter];
    if (!reporter) throw new FtdataUsageError(`unknown reporter "${values.reporter}"; expected one of: ${Object.keys(reporters).join(", ")}`);
    if (positionals.length !== 1) throw new FtdataUsageError("give exactly one input file (see --help)");
    const options: SplitOptions = { cwd: io.cwd, force: values.force, dryRun: values["dry-run"], jsonl: values.jsonl, leakage: !values["no-leakage"] };
    if (values["out-dir"] !== undefined) options.outDir = values["out-dir"];
    if (values.train !== undefined) options.train = values.train;
    if (values["holdout-out"] !== undefined) options.holdoutOut = values["holdout-out"];
    if (values.holdout !== undefined) {
      const f = Number(values.holdout);
      if (!(f > 0 && f < 1)) throw new FtdataUsageError(`--holdout must be a fraction between 0 and 1, found "${values.holdout}"`);
      options.fraction = f;
    }
    if (values["holdout-count"] !== undefined) {
      if (!/^[1-9]\d*$/.test(values["holdout-count"])) throw new FtdataUsageError(`--holdout-count must be a positive integer, found "${values["holdout-count"]}"`);
      options.holdoutCount = Number(values["holdout-count"]);
    }
    if (values["group-by"] !== undefined) options.groupBy = values["group-by"];
    if (values["stratify-by"] !== undefined) options.stratifyBy = values["stratify-by"];
    if (values.salt !== undefined) options.salt = values.salt;
    if (values.format !== undefined) options.format = values.format;
    if (values["near-dup"]) options.nearDup = true;
    if (values["no-near-dup"]) options.nearDup = false;
    const report = await split(positionals[0]!, options);
    const color = values["output-file"] === undefined && colorEnabled(io.stdout, io.env);
    await emit(io, reporter(report, { color }), values["output-file"]);
    return report.errorCount > 0 ? 1 : 0;
  },
};

export default command;
