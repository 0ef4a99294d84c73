import { parseArgs } from "node:util";
import { resolveRules } from "../../core/config.js";
import { FtdataUsageError } from "../../core/errors.js";
import type { PathSegment } from "../../core/path.js";
import type { JsonValue } from "../../core/canonical.js";
import { own } from "../../formats/json-utils.js";
import { openDataset } from "../../engine/dataset.js";
import { lintGrader } from "../../engine/grader-file.js";
import { lookup, passThreshold, runGrader, whyNotLocal } from "../../grader/run.js";
import { parseReference } from "../../grader/template.js";
import { rules } from "../../validators/index.js";
import type { Command } from "../command.js";
import { emit } from "../io.js";

const HELP = `Usage: ftdata grade <file> --grader <grader.json> --answer-field <path> [options]

Dry-runs an RFT grader locally, before a paid run: each row's <path> field (for example the
reference answer itself) is used as the model's answer ({{sample.output_text}}), the grader scores
it, and the score distribution is printed. Rows scoring below the pass threshold are listed: when
the answer is the reference, a grader that scores it low is miswired.

Runs string_check and text_similarity (fuzzy_match, bleu, gleu, meteor, rouge_1…rouge_5, rouge_l)
graders, and multi graders made of them. score_model, label_model, python and cosine need a model
or a sandbox and are not run (exit 2).

Options:
  -g, --grader <file>        Grader JSON, or a fine-tuning job body with method.reinforcement.grader
  -a, --answer-field <path>  Field of each row to use as the answer: reference_answer, a.b, a[0].b
      --min-score <n>        Pass threshold (default: the grader's pass_threshold, else 1 for
                             string_check and 0.5 otherwise)
      --limit <n>            List at most n low-scoring rows (default 20)
  -r, --reporter <name>      text or json (default text)
  -o, --output-file <file>   Write the result to a file instead of stdout
  -h, --help                 Show this help

Exit codes: 0 every row reaches the threshold, 1 some rows score low (or the grader has errors),
2 usage error, unreadable input or a grader that cannot run locally.
`;

interface LowRow {
  line: number;
  score: number | null;
  answer?: string;
  reason?: string;
}

export interface GradeResult {
  file: string;
  grader: string;
  graderName: string;
  graderType: string;
  answerField: string;
  threshold: number;
  rows: number;
  scores: { min: number; median: number; mean: number; max: number } | null;
  histogram: Array<{ from: number; to: number; count: number }>;
  low: LowRow[];
  lowCount: number;
  skipped: Array<{ line: number; reason: string }>;
  /** Set when the grader reads sample.output_json: the answer field must then hold the model's JSON. */
  note?: string;
}

function answerPath(spec: string): PathSegment[] {
  const s = spec.startsWith("item.") ? spec.slice(5) : spec;
  const parsed = parseReference(s);
  if ("error" in parsed) throw new FtdataUsageError(`--answer-field "${spec}": ${parsed.error}`);
  return [parsed.namespace, ...parsed.path];
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;
const preview = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

function histogram(scores: number[]): GradeResult["histogram"] {
  const lo = Math.min(0, ...scores);
  const hi = Math.max(1, ...scores);
  const buckets = 10;
  const width = (hi - lo) / buckets;
  const out = Array.from({ length: buckets }, (_, i) => ({ from: round(lo + i * width), to: round(lo + (i + 1) * width), count: 0 }));
  for (const s of scores) out[Math.min(buckets - 1, Math.floor((s - lo) / width))]!.count++;
  return out;
}

function formatText(r: GradeResult, limit: number): string {
  const out: string[] = [];
  out.push(`${r.file}: ${r.rows} row${r.rows === 1 ? "" : "s"} graded by "${r.graderName}" (${r.graderType}), answer from \`${r.answerField}\`, pass threshold ${r.threshold}`);
  if (r.scores) {
    out.push(`  score  min ${round(r.scores.min)}  median ${round(r.scores.median)}  mean ${round(r.scores.mean)}  max ${round(r.scores.max)}`);
    const most = Math.max(...r.histogram.map((b) => b.count));
    for (const [i, b] of r.histogram.entries()) {
      const bar = "█".repeat(most > 0 ? Math.round((b.count / most) * 30) : 0);
      out.push(`  ${`[${b.from.toFixed(1)}, ${b.to.toFixed(1)}${i === r.histogram.length - 1 ? "]" : ")"}`.padEnd(12)} ${String(b.count).padStart(6)} ${bar}`.trimEnd());
    }
  }
  for (const s of r.skipped) out.push(`  line ${s.line}: not graded: ${s.reason}`);
  if (r.note) out.push(`  note: ${r.note}`);
  if (r.lowCount === 0) out.push(`✔ every graded row reaches ${r.threshold}`);
  else {
    out.push(`✖ ${r.lowCount} row${r.lowCount === 1 ? "" : "s"} below ${r.threshold}; with the reference as the answer the grader should pass — check its input/reference templates:`);
    for (const l of r.low.slice(0, limit)) {
      out.push(`  line ${l.line}  ${l.score === null ? `no score: ${l.reason}` : `score ${round(l.score)}`}${l.answer !== undefined ? `  answer ${JSON.stringify(preview(l.answer))}` : ""}`);
    }
    if (r.lowCount > limit) out.push(`  … and ${r.lowCount - limit} more (--limit)`);
  }
  return out.join("\n") + "\n";
}

const grade: Command = {
  name: "grade",
  summary: "Dry-run an RFT grader on the data, with a field as the model answer",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        grader: { type: "string", short: "g" },
        "answer-field": { type: "string", short: "a" },
        "min-score": { type: "string" },
        limit: { type: "string" },
        reporter: { type: "string", short: "r", default: "text" },
        "output-file": { type: "string", short: "o" },
      },
    });
    if (positionals.length !== 1) throw new FtdataUsageError("give exactly one data file (see --help)");
    if (values.grader === undefined) throw new FtdataUsageError("--grader <file> is required");
    if (values["answer-field"] === undefined) throw new FtdataUsageError("--answer-field <path> is required (the row field to use as the model's answer)");
    if (values.reporter !== "text" && values.reporter !== "json") throw new FtdataUsageError(`unknown reporter "${values.reporter}"; expected text or json`);
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new FtdataUsageError(`--limit must be a non-negative integer, found "${values.limit}"`);
    let minScore: number | undefined;
    if (values["min-score"] !== undefined) {
      minScore = Number(values["min-score"]);
      if (values["min-score"].trim() === "" || !Number.isFinite(minScore)) throw new FtdataUsageError(`--min-score must be a number, found "${values["min-score"]}"`);
    }
    const path = answerPath(values["answer-field"]);

    const enabled = resolveRules(rules, undefined);
    const { report, check } = await lintGrader(values.grader, enabled, io.cwd);
    const errors = report.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0 || !check?.grader) {
      for (const d of errors) io.stderr.write(`${report.file}${d.line ? `:${d.line}` : ""}: ${d.message}${d.path ? ` (${d.path})` : ""} [${d.ruleId}]\n`);
      io.stderr.write(`ftdata grade: the grader has errors; fix them first (ftdata lint --grader ${values.grader})\n`);
      return 1;
    }
    const g = check.grader;
    const why = whyNotLocal(g);
    if (why) throw new FtdataUsageError(`cannot dry-run this grader locally: ${why}; grade runs string_check and text_similarity (not cosine) graders and multi graders of them`);

    const src = await openDataset(positionals[0]!, { cwd: io.cwd });
    const scores: number[] = [];
    const low: LowRow[] = [];
    const skipped: GradeResult["skipped"] = [];
    const threshold = minScore ?? passThreshold(g);
    for await (const ev of src.records) {
      if (!ev.value) {
        if (ev.issues?.some((i) => i.ruleId !== "line-blank" && i.ruleId !== "bom-present")) skipped.push({ line: ev.line, reason: ev.issues.map((i) => i.ruleId).join(", ") });
        continue;
      }
      const answer = lookup(ev.value, path);
      if (answer === undefined || answer === null) {
        low.push({ line: ev.line, score: null, reason: `no \`${values["answer-field"]}\` field` });
        continue;
      }
      const text = typeof answer === "string" ? answer : JSON.stringify(answer);
      let json: JsonValue | undefined;
      try {
        json = JSON.parse(text) as JsonValue;
      } catch {
        json = undefined;
      }
      const score = runGrader(g, { item: ev.value, sample: json === undefined ? { output_text: text } : { output_text: text, output_json: json } });
      scores.push(score);
      if (!(score >= threshold)) low.push({ line: ev.line, score, answer: text });
    }
    const sorted = [...scores].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const result: GradeResult = {
      file: src.name,
      grader: report.file,
      graderName: String(own(g, "name") ?? own(g, "type")),
      graderType: String(own(g, "type")) + (own(g, "type") === "string_check" ? ` ${String(own(g, "operation"))}` : own(g, "type") === "text_similarity" ? ` ${String(own(g, "evaluation_metric"))}` : ""),
      answerField: values["answer-field"],
      threshold,
      rows: scores.length,
      scores:
        sorted.length === 0
          ? null
          : { min: sorted[0]!, median: sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2, mean: scores.reduce((a, b) => a + b, 0) / scores.length, max: sorted[sorted.length - 1]! },
      histogram: scores.length > 0 ? histogram(scores) : [],
      low: low.slice(0, limit),
      lowCount: low.length,
      skipped,
    };
    if (JSON.stringify(g).includes("sample.output_json")) {
      result.note = "the grader reads {{sample.output_json…}}, filled only when the answer field holds JSON (the object the model would return)";
    }
    await emit(io, values.reporter === "json" ? JSON.stringify(result, null, 2) + "\n" : formatText(result, limit), values["output-file"]);
    return low.length > 0 || skipped.length > 0 ? 1 : 0;
  },
};

export default grade;
