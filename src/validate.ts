import { resolveRules, type RulesConfig } from "./core/config.js";
import { FtdataUsageError } from "./core/errors.js";
import { countSeverities, makeReport, type FileReport, type Report } from "./core/report.js";
import { Runner } from "./core/runner.js";
import type { FormatId } from "./formats/canonical.js";
import type { FormatModule } from "./formats/format.js";
import { detectFormat, resolveFormat } from "./formats/index.js";
import { displayPath, openSource, type InputSource, type OpenedSource } from "./formats/source.js";
import { rules } from "./validators/index.js";
import type { CanonicalExample } from "./formats/canonical.js";
import { applyDedupOptions, attachHoldout, HoldoutIndex } from "./split/leakage.js";

export interface ValidateOptions {
  /** Force a dataset format instead of detecting it from the first record. */
  format?: FormatId | (string & {});
  /** Rule settings: `{ "example-duplicate": "off", "examples-min-count": ["error", { min: 50 }] }`. */
  rules?: RulesConfig;
  /** Lines longer than this many bytes are skipped and reported (default 64 MiB). */
  maxLineBytes?: number;
  /** Name shown for a non-file input (default `<input>`; `<stdin>` for "-"). */
  name?: string;
  /** Base for relative paths (default: the working directory). */
  cwd?: string;
  /** Stops reading; `validate()` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * A holdout (validation) file to check the inputs against for leakage: the same example (error),
   * the same prompt or a near-duplicate prompt (warnings). The holdout is linted too.
   */
  holdout?: InputSource;
  /** Name shown for the holdout (default: its path). */
  holdoutName?: string;
  /**
   * Near-duplicate detection (`example-near-duplicate`, `holdout-prompt-near-duplicate`): `true` at
   * any size, `false` never; by default it runs on files of up to 50,000 records.
   */
  nearDup?: boolean;
}

/**
 * Validates one or more datasets in one streaming pass each and returns the report.
 *
 * @example
 * const report = await validate("train.jsonl");
 * if (report.errorCount > 0) console.log(report.files[0]!.diagnostics);
 *
 * @param input a path (`.jsonl`, `.jsonl.gz`, or `-` for stdin), an array of paths, a Readable, or an
 *   (async) iterable of lines, byte chunks or already-parsed records.
 * @throws FtdataUsageError when an input cannot be read (missing file, directory, no permission),
 *   a format name is unknown or a rule setting is invalid. Problems in the data never throw.
 */
export async function validate(input: InputSource | readonly string[], options: ValidateOptions = {}): Promise<Report> {
  const enabled = resolveRules(rules, options.rules);
  applyDedupOptions(enabled, options);
  const forced = options.format !== undefined ? resolveFormat(options.format) : undefined;
  const inputs: InputSource[] = Array.isArray(input) ? [...(input as readonly string[])] : [input as InputSource];
  // Open everything first: an unreadable path is a usage error before any work is reported.
  const opened: OpenedSource[] = [];
  for (const i of inputs) {
    const readerOptions: Parameters<typeof openSource>[1] = {};
    if (options.maxLineBytes !== undefined) readerOptions.maxLineBytes = options.maxLineBytes;
    if (options.name !== undefined && inputs.length === 1) readerOptions.name = options.name;
    if (options.cwd !== undefined) readerOptions.cwd = options.cwd;
    opened.push(await openSource(i, readerOptions));
  }
  const files: FileReport[] = [];
  let holdoutReport: FileReport | undefined;
  if (options.holdout !== undefined) {
    const hopts: Parameters<typeof openSource>[1] = { name: options.holdoutName ?? (typeof options.holdout === "string" ? displayPath(options.holdout, options.cwd) : "<holdout>") };
    if (options.maxLineBytes !== undefined) hopts.maxLineBytes = options.maxLineBytes;
    if (options.cwd !== undefined) hopts.cwd = options.cwd;
    const hsrc = await openSource(options.holdout, hopts);
    const index = new HoldoutIndex(hsrc.name, enabled.has("holdout-prompt-near-duplicate"));
    // A validation file has no minimum size: the count rules apply to training files.
    const henabled = new Map([...enabled].filter(([id]) => id !== "examples-min-count" && id !== "examples-recommended-count"));
    holdoutReport = await lintSource(hsrc, henabled, forced, options.signal, (ex, line) => index.add(ex, line));
    attachHoldout(enabled, index);
  }
  for (const src of opened) files.push(await lintSource(src, enabled, forced, options.signal));
  if (holdoutReport) files.push(holdoutReport);
  return makeReport(files);
}

async function lintSource(
  src: OpenedSource,
  enabled: ReturnType<typeof resolveRules>,
  forced: FormatModule | undefined,
  signal: AbortSignal | undefined,
  onExample?: (example: CanonicalExample, line: number) => void,
): Promise<FileReport> {
  const runner = new Runner(src.name, enabled);
  let format = forced;
  let formatReason = forced ? "given with --format" : undefined;
  let decided = forced !== undefined;
  let lines = 0;
  let records = 0;
  for await (const ev of src.records) {
    if (signal?.aborted) throw signal.reason ?? new FtdataUsageError("aborted");
    lines = ev.line;
    if (ev.issues) for (const issue of ev.issues) runner.issue({ ...issue, ...(ev.value ? { record: records } : {}) });
    const value = ev.value;
    if (!value) continue;
    if (!decided) {
      decided = true;
      const d = detectFormat(value);
      format = d.format;
      formatReason = d.reason;
      if (!format) {
        runner.issue({ ruleId: "format-unknown", messageId: d.candidates.length > 1 ? "ambiguous" : "unknown", line: ev.line, data: { reason: d.reason }, hint: "name the format with --format" });
      }
    }
    runner.start(format);
    const at = { line: ev.line, record: records };
    runner.raw(value, at);
    if (format) {
      const example = format.toCanonical(value);
      if (example) {
        runner.example(example, at);
        onExample?.(example, ev.line);
      }
    }
    records++;
  }
  const diagnostics = runner.end();
  const report: FileReport = { file: src.name, format: format?.id ?? null, lines, records, ...countSeverities(diagnostics), diagnostics };
  if (formatReason) report.formatReason = formatReason;
  if (runner.clusters.length > 0) report.clusters = runner.clusters;
  return report;
}
