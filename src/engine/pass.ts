import type { CanonicalExample, JsonObject } from "../core/canonical.js";
import type { ResolvedRule } from "../core/config.js";
import { compareDiagnostics } from "../core/diagnostic.js";
import { FtdataUsageError } from "../core/errors.js";
import type { FormatModule } from "../core/format.js";
import { countSeverities, type FileReport } from "../core/report.js";
import type { RuleRuntime } from "../core/rule.js";
import { Runner } from "../core/runner.js";
import type { RuleIssue } from "../validators/index.js";
import { detectFormat } from "../formats/index.js";
import type { Dataset } from "./dataset.js";
import type { RecordEvent } from "./jsonl.js";
import { MixedFormats } from "./mixed.js";
import type { FileTokens } from "./tokens.js";

/** How far a pass has read one input. */
export interface PassProgress {
  /** Bytes read so far (decompressed bytes for gzip). */
  bytesRead: number;
  /** Records (JSON objects) read so far. */
  records: number;
  /** True on the last call. */
  done: boolean;
}

/** A record as an operation sees it, after the rules have. */
export interface PassRecord {
  /** The reader's event: first line, `endLine`, byte span, raw bytes when asked for. */
  readonly ev: RecordEvent;
  readonly value: JsonObject;
  /** 0-based position among the input's records. */
  readonly index: number;
  /** The canonical example (when the format maps the record and `examples` was asked for). */
  readonly example: CanonicalExample | undefined;
  /** The record got an error from a schema rule of its format. */
  readonly invalid: boolean;
  /** The record is of another format than the file's (reported once as `format-mixed`). */
  readonly otherFormat: boolean;
}

/** What one pass over one input needs besides its records. */
export interface PassOptions {
  /** The rules to run, with their severities and options. */
  enabled: Map<string, ResolvedRule>;
  /** Objects handed to the rules besides their options. */
  runtime?: RuleRuntime;
  /** Diagnostics listed per rule (default 10,000; 0: all). */
  maxDiagnosticsPerRule?: number | undefined;
  /** Lines listed per duplicate cluster (default: maxDiagnosticsPerRule). */
  maxClusterLines?: number | undefined;
  /** Size of the input in bytes, when known (file-size and size-capped rules). */
  bytes?: number | undefined;
  /** Counts the input's lines (a plain file), for rules with a size cap. */
  lines?: (() => number | undefined) | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: PassProgress) => void) | undefined;
  /** Milliseconds per rule, handed over once at the end (FTDATA_TIMING). */
  onRuleTiming?: ((file: string, timings: ReadonlyMap<string, number>) => void) | undefined;
  /** Every occurrence of a repeated finding listed (default: grouped, see RuleMeta.group). */
  allOccurrences?: boolean | undefined;
  /** Token counting for this input: each example is counted before the rules see it. */
  tokens?: FileTokens | undefined;
  /** Map every record to its canonical example even when no rule reads it (for `onRecord`). */
  examples?: boolean;
  /** Tell which records fail their format's schema rules (`PassRecord.invalid`). */
  trackInvalid?: boolean;
  /** The operation's work on each record (split's side, convert's output…), after the rules. */
  onRecord?: (rec: PassRecord) => void | Promise<void>;
  /** Reader events that are not records (blank lines, invalid JSON). */
  onOther?: (ev: RecordEvent) => void | Promise<void>;
  /** The operation's own findings, added before the rules end (they are sorted with the rest). */
  onEnd?: (issue: (i: RuleIssue) => void) => void | Promise<void>;
}

/** The one place a Runner is built: every report of ftdata's is made by one. */
function makeRunner(file: string, pass: Pick<PassOptions, "enabled" | "maxDiagnosticsPerRule" | "bytes" | "maxClusterLines" | "lines" | "runtime">): Runner<RuleIssue> {
  return new Runner<RuleIssue>(file, pass.enabled, pass.maxDiagnosticsPerRule, pass.bytes, pass.maxClusterLines ?? pass.maxDiagnosticsPerRule, pass.lines, pass.runtime);
}

/** What reading a dataset's records told: its format, and how far the reading went. */
export interface PassState {
  format: FormatModule | undefined;
  formatReason: string | undefined;
  /** Last line read. */
  lines: number;
  records: number;
  bytesRead: number;
  mixed: MixedFormats | undefined;
}

/**
 * Runs rules over one dataset in one streaming pass: the one place a Runner is built. Every
 * command reads its input this way (lint, stats, split, dedupe, convert, grade, the holdout of a
 * leakage check), so they all see the same records, format and reader findings.
 */
export async function runPass(dataset: Dataset, pass: PassOptions): Promise<FileReport> {
  const runner = newRunner(dataset.name, pass);
  if (dataset.rowsOnly) runner.rowsOnly = true;
  const state = await readRecords(dataset, pass, runner);
  state.mixed?.report(runner);
  pass.onProgress?.({ bytesRead: state.bytesRead, records: state.records, done: true });
  if (pass.tokens) await pass.tokens.flush();
  return finishPass(dataset, pass, runner, state);
}

/** A runner for one input, set up as the pass asks (timing, grouping). */
export function newRunner(file: string, pass: PassOptions): Runner<RuleIssue> {
  const runner = makeRunner(file, pass);
  if (pass.onRuleTiming) runner.enableTiming();
  if (pass.allOccurrences) runner.groupRepeated = false;
  return runner;
}

/** Feeds a dataset's records to a runner (the whole file, or one shard of it). */
export async function readRecords(dataset: Dataset, pass: PassOptions, runner: Runner<RuleIssue>): Promise<PassState> {
  const { signal, onProgress, tokens, onRecord, onOther } = pass;
  const forced = dataset.forced;
  const state: PassState = { format: dataset.format, formatReason: dataset.formatReason, lines: 0, records: 0, bytesRead: 0, mixed: undefined };
  let decided = forced;
  for await (const ev of dataset.records) {
    if (signal?.aborted) throw signal.reason ?? new FtdataUsageError("aborted");
    state.lines = ev.line;
    state.bytesRead = ev.offset + ev.bytes + 1;
    if (onProgress) onProgress({ bytesRead: state.bytesRead, records: state.records, done: false });
    if (ev.issues) for (const issue of ev.issues) runner.issue({ ...issue, ...(ev.value ? { record: state.records } : {}) });
    const value = ev.value;
    if (!value) {
      if (onOther) await onOther(ev);
      continue;
    }
    if (!decided) {
      decided = true;
      const d = dataset.detection ?? detectFormat(value);
      state.format = d.format;
      state.formatReason = d.reason;
      if (!state.format) {
        runner.issue({ ruleId: "format-unknown", messageId: d.candidates.length > 1 ? "ambiguous" : "unknown", line: ev.line, data: { reason: d.reason }, ...(d.hint ? { hint: d.hint } : {}) });
      }
    }
    const format = state.format;
    runner.start(format);
    // A format given with --format is checked on every row: rows of another shape get its diagnostics.
    const mixed = (state.mixed ??= new MixedFormats(forced ? undefined : format));
    const index = state.records++;
    if (mixed.isOther(value, ev.line, index)) {
      if (onRecord) await onRecord({ ev, value, index, example: undefined, invalid: false, otherFormat: true });
      continue;
    }
    const at = { line: ev.line, record: index };
    runner.position.bytes = state.bytesRead;
    runner.position.records = index + 1;
    const before = pass.trackInvalid ? runner.diagnostics.length : 0;
    const schemaInvalid = runner.raw(value, at);
    let invalid = false;
    if (pass.trackInvalid) for (let i = before; i < runner.diagnostics.length; i++) if (runner.diagnostics[i]!.severity === "error") invalid = true;
    // The canonical example is built only for its consumers: all rules that read it may be off.
    let example: CanonicalExample | undefined;
    if (format && (tokens || pass.examples || runner.wantsExamples)) {
      example = format.toCanonical(value);
      if (example && schemaInvalid) example.schemaInvalid = true;
      if (example && tokens) {
        const ex = example;
        const wait = tokens.push(ex, () => runner.example(ex, at));
        if (wait) await wait;
      } else if (example) runner.example(example, at);
    }
    if (onRecord) await onRecord({ ev, value, index, example, invalid, otherFormat: false });
  }
  return state;
}

/** Ends the rules of a pass and makes the file's report (rows of other formats already reported). */
export async function finishPass(dataset: Dataset, pass: PassOptions, runner: Runner<RuleIssue>, state: PassState): Promise<FileReport> {
  const { format, formatReason, lines, records } = state;
  runner.position.bytes = state.bytesRead; // file-too-large reads it at the end
  if (pass.onEnd) await pass.onEnd((i) => runner.issue(i));
  const diagnostics = runner.end();
  if (dataset.mapPointer) for (const d of diagnostics) if (d.path !== undefined) d.path = dataset.mapPointer(d.path, d.line);
  if (dataset.rowsOnly) withoutLines(diagnostics);
  if (runner.timings) pass.onRuleTiming?.(dataset.name, runner.timings);
  const counts = countSeverities(diagnostics);
  counts.errorCount += runner.omittedCounts.errorCount;
  counts.warningCount += runner.omittedCounts.warningCount;
  counts.infoCount += runner.omittedCounts.infoCount;
  const report: FileReport = { file: dataset.name, format: format?.id ?? null, lines: dataset.rowsOnly ? 0 : lines, records, ...counts, diagnostics };
  if (formatReason) report.formatReason = formatReason;
  if (pass.tokens) report.stats = pass.tokens.stats();
  if (runner.clusters.length > 0) report.clusters = runner.clusters;
  return report;
}

/**
 * The report of a file whose findings come from outside a record pass (an RFT grader file): the
 * same diagnostics as a pass would make of them (severities, messages, limits), and no rule run.
 */
export function reportFindings(file: string, enabled: Map<string, ResolvedRule>, issues: readonly RuleIssue[], shape: Pick<FileReport, "format" | "lines" | "records">): FileReport {
  const runner = makeRunner(file, { enabled });
  for (const i of issues) runner.issue(i);
  const diagnostics = runner.diagnostics.sort(compareDiagnostics);
  return { file, ...shape, ...countSeverities(diagnostics), diagnostics };
}

/**
 * Parquet findings carry their `record` (0-based row) and no `line`: a row has no physical line (their
 * messages already say "row", see Runner.rowsOnly).
 */
function withoutLines(diagnostics: FileReport["diagnostics"]): void {
  for (const d of diagnostics) {
    delete d.line;
    delete d.column;
    if (d.related) for (const r of d.related) delete (r as { line?: number }).line;
  }
}
