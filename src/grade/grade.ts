import { FtdataUsageError } from "../core/errors.js";
import type { PathSegment } from "../core/path.js";
import type { JsonObject, JsonValue } from "../core/canonical.js";
import { own } from "../formats/json-utils.js";
import { scoreHistogram, type GradeOptions, type GradeResult, type LowRow } from "../grader/grade.js";
import { lookup, passThreshold, runGrader, whyNotLocal } from "../grader/run.js";
import { parseReference } from "../grader/template.js";
import { openDataset } from "../engine/dataset.js";
import type { InputSource } from "../engine/source.js";

function answerPath(spec: string): PathSegment[] {
  const s = spec.startsWith("item.") ? spec.slice(5) : spec;
  const parsed = parseReference(s);
  if ("error" in parsed) throw new FtdataUsageError(`--answer-field "${spec}": ${parsed.error}`);
  return [parsed.namespace, ...parsed.path];
}

/**
 * Scores every row of `input` with a checked grader, the row's `answerField` standing in for the
 * model's answer. Throws FtdataUsageError when the grader cannot run locally (score_model, python…)
 * or the answer field is not a valid path.
 */
export async function gradeRows(input: InputSource, grader: JsonObject, options: GradeOptions): Promise<GradeResult> {
  const path = answerPath(options.answerField);
  const limit = options.limit ?? 20;
  const why = whyNotLocal(grader);
  if (why) throw new FtdataUsageError(`cannot dry-run this grader locally: ${why}; grade runs string_check and text_similarity (not cosine) graders and multi graders of them`);
  const src = await openDataset(input, options.cwd !== undefined ? { cwd: options.cwd } : {});
  const scores: number[] = [];
  const low: LowRow[] = [];
  const skipped: GradeResult["skipped"] = [];
  const threshold = options.minScore ?? passThreshold(grader);
  for await (const ev of src.records) {
    if (!ev.value) {
      if (ev.issues?.some((i) => i.ruleId !== "line-blank" && i.ruleId !== "bom-present")) skipped.push({ line: ev.line, reason: ev.issues.map((i) => i.ruleId).join(", ") });
      continue;
    }
    const answer = lookup(ev.value, path);
    if (answer === undefined || answer === null) {
      low.push({ line: ev.line, score: null, reason: `no \`${options.answerField}\` field` });
      continue;
    }
    const text = typeof answer === "string" ? answer : JSON.stringify(answer);
    let json: JsonValue | undefined;
    try {
      json = JSON.parse(text) as JsonValue;
    } catch {
      json = undefined;
    }
    const score = runGrader(grader, { item: ev.value, sample: json === undefined ? { output_text: text } : { output_text: text, output_json: json } });
    scores.push(score);
    if (!(score >= threshold)) low.push({ line: ev.line, score, answer: text });
  }
  const sorted = [...scores].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const type = own(grader, "type");
  const result: GradeResult = {
    file: src.name,
    grader: options.graderFile,
    graderName: String(own(grader, "name") ?? type),
    graderType: String(type) + (type === "string_check" ? ` ${String(own(grader, "operation"))}` : type === "text_similarity" ? ` ${String(own(grader, "evaluation_metric"))}` : ""),
    answerField: options.answerField,
    threshold,
    rows: scores.length,
    scores:
      sorted.length === 0
        ? null
        : { min: sorted[0]!, median: sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2, mean: scores.reduce((a, b) => a + b, 0) / scores.length, max: sorted[sorted.length - 1]! },
    histogram: scores.length > 0 ? scoreHistogram(scores) : [],
    low: low.slice(0, limit),
    lowCount: low.length,
    skipped,
  };
  if (JSON.stringify(grader).includes("sample.output_json")) {
    result.note = "the grader reads {{sample.output_json…}}, filled only when the answer field holds JSON (the object the model would return)";
  }
  return result;
}

