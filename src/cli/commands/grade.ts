import { resolveRules } from "../../core/config.js";
import { FtdataUsageError } from "../../core/errors.js";
import { gradeRows } from "../../grade/grade.js";
import { formatGradeText } from "../../grader/grade.js";
import { lintGrader } from "../../engine/grader-file.js";
import { rules } from "../../validators/index.js";
import { defineCommand, type OptionDefs } from "../command.js";
import { emit } from "../io.js";
import * as o from "../options.js";

const options = {
  grader: { type: "string", short: "g", arg: "<file>", description: "Grader JSON, or a fine-tuning job body with method.reinforcement.grader" },
  "answer-field": { type: "string", short: "a", arg: "<path>", description: "Field of each row to use as the answer: reference_answer, a.b, a[0].b" },
  "min-score": {
    type: "string",
    arg: "<n>",
    description: "Pass threshold (default: the grader's pass_threshold, else 1 for\nstring_check and 0.5 otherwise)",
    parse: (value: string, flag: string) => {
      const n = Number(value);
      if (value.trim() === "" || !Number.isFinite(n)) throw new FtdataUsageError(`${flag} must be a number, found "${value}"`);
      return n;
    },
  },
  "max-rows": { ...o.count("<n>", "List at most n low-scoring rows (default 20)"), deprecated: ["limit"] },
  reporter: { ...o.reporter(["stylish", "json"], { text: "stylish" }), description: "Output: stylish, json (default: stylish; text is the old name of stylish)" },
  output: o.output("Write the result to a file instead of stdout"),
  "no-progress": o.noProgress,
} satisfies OptionDefs;

export default defineCommand({
  name: "grade",
  summary: "Dry-run an RFT grader on the data, with a field as the model answer",
  usage: "<file> --grader <grader.json> --answer-field <path> [options]",
  description: `Runs the grader locally, before a paid run: each row's <path> field (for example the reference
answer itself) is used as the model's answer ({{sample.output_text}}), the grader scores it, and the
score distribution is printed. Rows scoring below the pass threshold are listed: when the answer is
the reference, a grader that scores it low is miswired.

Runs string_check and text_similarity (fuzzy_match, bleu, gleu, meteor, rouge_1…rouge_5, rouge_l)
graders, and multi graders made of them. score_model, label_model, python and cosine need a model
or a sandbox and are not run (exit 2).`,
  options,
  footer: `Exit codes: 0 every row reaches the threshold, 1 some rows score low (or the grader has errors),
2 usage error, unreadable input or a grader that cannot run locally.`,
  async run({ values, positionals, io }) {
    if (positionals.length !== 1) throw new FtdataUsageError("give exactly one data file (see --help)");
    if (values.grader === undefined) throw new FtdataUsageError("--grader <file> is required");
    if (values["answer-field"] === undefined) throw new FtdataUsageError("--answer-field <path> is required (the row field to use as the model's answer)");
    const { report, check } = await lintGrader(values.grader, resolveRules(rules, undefined), io.cwd);
    const errors = report.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0 || !check?.grader) {
      for (const d of errors) io.stderr.write(`${report.file}${d.line ? `:${d.line}` : ""}: ${d.message}${d.path ? ` (${d.path})` : ""} [${d.ruleId}]\n`);
      io.stderr.write(`ftdata grade: the grader has errors; fix them first (ftdata lint --grader ${values.grader})\n`);
      return 1;
    }
    const result = await gradeRows(positionals[0]!, check.grader, {
      graderFile: report.file,
      answerField: values["answer-field"],
      limit: values["max-rows"] ?? 20,
      cwd: io.cwd,
      ...(values["min-score"] !== undefined ? { minScore: values["min-score"] } : {}),
    });
    await emit(io, values.reporter === "json" ? JSON.stringify(result, null, 2) + "\n" : formatGradeText(result), values.output);
    return result.lowCount > 0 || result.skipped.length > 0 ? 1 : 0;
  },
});
