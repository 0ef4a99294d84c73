/**
 * What `ftdata grade` prints, as data and text. Reading the rows is the grade operation's
 * (`src/grade/grade.ts`, `gradeRows`, the operation, beside split and convert): the grader room stays below the engine.
 */

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
