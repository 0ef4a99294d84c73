import { FtdataUsageError } from "../core/errors.js";
import type { PathSegment } from "../core/path.js";
import type { JsonObject, JsonValue } from "../core/canonical.js";
import { own } from "../formats/json-utils.js";
import { openSource, type InputSource } from "../formats/source.js";
import { lookup, passThreshold, runGrader, whyNotLocal } from "./run.js";
import { parseReference } from "./template.js";

/** A row that scored below the pass threshold (or could not be scored). */
export interface LowRow {
  line: number;
  score: number | null;
  answer?: string;
  reason?: string;
}

/** The outcome of a local grader dry run over a dataset (`ftdata grade`, `--reporter json`). */
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
  /** At most `limit` of the low rows, in file order. */
  low: LowRow[];
  lowCount: number;
  skipped: Array<{ line: number; reason: string }>;
  /** Set when the grader reads sample.output_json: the answer field must then hold the model's JSON. */
  note?: string;
}

export interface GradeOptions {
  /** Grader display name for the result (the grader file's name). */
  graderFile: string;
  /** Field of each row used as the model's answer: `reference_answer`, `a.b`, `a[0].b` (an `item.` prefix is allowed). */
  answerField: string;
  /** Pass threshold (default: the grader's pass_threshold, else 1 for string_check and 0.5 otherwise). */
  minScore?: number;
  /** Low rows kept in `low` (default 20); `lowCount` counts them all. */
  limit?: number;
  cwd?: string;
}

function answerPath(spec: string): PathSegment[] {
  const s = spec.startsWith("item.") ? spec.slice(5) : spec;
  const parsed = parseReference(s);
  if ("error" in parsed) throw new FtdataUsageError(`--answer-field "${spec}": ${parsed.error}`);
  return [parsed.namespace, ...parsed.path];
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;
const preview = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

/** Ten equal buckets over [min(0, scores), max(1, scores)]; the last bucket is closed. */
export function scoreHistogram(scores: readonly number[]): GradeResult["histogram"] {
  const lo = Math.min(0, ...scores);
  const hi = Math.max(1, ...scores);
  const buckets = 10;
  const width = (hi - lo) / buckets;
  const out = Array.from({ length: buckets }, (_, i) => ({ from: round(lo + i * width), to: round(lo + (i + 1) * width), count: 0 }));
  for (const s of scores) out[Math.min(buckets - 1, Math.floor((s - lo) / width))]!.count++;
  return out;
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
  const src = await openSource(input, options.cwd !== undefined ? { cwd: options.cwd } : {});
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

/** The text report of a grade run: summary, score histogram, skipped and low rows (at most `result.low`). */
export function formatGradeText(r: GradeResult): string {
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
    for (const l of r.low) {
      out.push(`  line ${l.line}  ${l.score === null ? `no score: ${l.reason}` : `score ${round(l.score)}`}${l.answer !== undefined ? `  answer ${JSON.stringify(preview(l.answer))}` : ""}`);
    }
    if (r.lowCount > r.low.length) out.push(`  … and ${r.lowCount - r.low.length} more (--max-rows)`);
  }
  return out.join("\n") + "\n";
}
