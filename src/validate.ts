import { resolveRules, type RulesConfig } from "./core/config.js";
import { FtdataUsageError } from "./core/errors.js";
import { countSeverities, makeReport, type FileReport, type Report } from "./core/report.js";
import { Runner } from "./core/runner.js";
import type { FormatId } from "./core/canonical.js";
import type { FormatModule } from "./core/format.js";
import { detectFormat, resolveFormat } from "./formats/index.js";
import { displayPath, openSource, type InputSource, type OpenedSource } from "./formats/source.js";
import { rules } from "./validators/index.js";
import { MixedFormats } from "./formats/mixed.js";
import type { GraderSource } from "./grader/load.js";
import { lintGrader, withGraderReferences } from "./grader/report.js";
import { mergeRuleSettings, resolveTarget, targetRules } from "./targets/index.js";
import { checkFileSize } from "./targets/file-size.js";
import { fileBytes, prepareTokens, type TokenPassOptions, type TokenRun } from "./stats/validate-tokens.js";
import type { CanonicalExample } from "./core/canonical.js";
import { applyDedupOptions, attachHoldout, HoldoutIndex } from "./split/leakage.js";
import { detectFromFirstRecords } from "./formats/detect-stream.js";
import { countFileLines } from "./formats/line-count.js";
import path from "node:path";

export interface ValidateOptions {
  /** Force a dataset format instead of detecting it from the first record. */
  format?: FormatId | (string & {});
  /** Rule settings: `{ "example-duplicate": "off", "examples-min-count": ["error", { min: 50 }] }`. */
  rules?: RulesConfig;
  /** Platform profile (`openai`, `together`, `generic`…): rule settings under `rules`. See `targets`. */
  target?: string;
  /** Lines longer than this many bytes are skipped and reported (default 64 MiB). */
  maxLineBytes?: number;
  /** Name shown for a non-file input (default `<input>`; `<stdin>` for "-"). */
  name?: string;
  /** Base for relative paths (default: the working directory). */
  cwd?: string;
  /** Diagnostics listed per rule per file; past it they are only counted (default 10,000; 0: no limit). */
  maxDiagnosticsPerRule?: number;
  /**
   * Lines listed in each duplicate rule's clusters per file (default: `maxDiagnosticsPerRule`; 0: all).
   * Past it a cluster is cut (its `size` says how many lines it has) and later clusters are left out.
   */
  maxClusterLines?: number;
  /** Stops reading; `validate()` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * An OpenAI grader (or a whole fine-tuning job body holding `method.reinforcement.grader`): a file
   * path or an object. It is checked and gets its own entry in `files`; every `{{item.x}}` it reads is
   * checked in every row.
   */
  grader?: GraderSource;
  /** Called as the input is read (after every line, and once when a file is done): for progress display. */
  onProgress?: (progress: ValidateProgress) => void;
  /**
   * A holdout (validation) file to check the inputs against for leakage: the same example (error),
   * the same prompt or a near-duplicate prompt (warnings). The holdout is linted too.
   */
  holdout?: InputSource;
  /** Name shown for the holdout (default: its path). */
  holdoutName?: string;
  /**
   * Near-duplicate detection (`example-near-duplicate`, `holdout-prompt-near-duplicate`): `true` at
   * any size, `false` never; by default it runs on files of up to 10,000 records.
   */
  nearDup?: boolean;
  /**
   * Measures the time spent in each rule and hands it over once per file (milliseconds by rule id).
   * Slows the run a little; the CLI turns it on with the FTDATA_TIMING environment variable.
   */
  onRuleTiming?: (file: string, timings: ReadonlyMap<string, number>) => void;
}

/** How far `validate()` has read. */
export interface ValidateProgress {
  /** The file being read, as shown in diagnostics. */
  file: string;
  /** 0-based position of that file among the inputs. */
  fileIndex: number;
  /** Bytes of the file read so far (decompressed bytes for gzip). */
  bytesRead: number;
  /** Records (JSON objects) read so far in that file. */
  records: number;
  /** True on the last call for a file. */
  done: boolean;
}

// Token options (model, tokenizer, stats, workers…) live with the stats module.
export interface ValidateOptions extends TokenPassOptions {}

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
  let enabled = resolveRules(rules, options.target !== undefined ? mergeRuleSettings(targetRules(resolveTarget(options.target)), options.rules) : options.rules);
  applyDedupOptions(enabled, options);
  const forced = options.format !== undefined ? resolveFormat(options.format) : undefined;
  const tokenRun = prepareTokens(options);
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
  const grader = options.grader !== undefined ? await lintGrader(options.grader, enabled, options.cwd) : undefined;
  if (grader?.check) enabled = withGraderReferences(enabled, grader.check.itemRefs);
  const passFor = (rulesOn: ReturnType<typeof resolveRules>, input: InputSource): FilePass => ({
    enabled: rulesOn,
    forced,
    signal: options.signal,
    maxDiagnosticsPerRule: options.maxDiagnosticsPerRule,
    maxClusterLines: options.maxClusterLines,
    tokenRun,
    bytes: fileBytes(input, options.cwd),
    lines: typeof input === "string" && input !== "-" ? () => countFileLines(path.resolve(options.cwd ?? process.cwd(), input)) : undefined,
    onRuleTiming: options.onRuleTiming,
  });
  let holdoutReport: FileReport | undefined;
  if (options.holdout !== undefined) {
    const hopts: Parameters<typeof openSource>[1] = { name: options.holdoutName ?? (typeof options.holdout === "string" ? displayPath(options.holdout, options.cwd) : "<holdout>") };
    if (options.maxLineBytes !== undefined) hopts.maxLineBytes = options.maxLineBytes;
    if (options.cwd !== undefined) hopts.cwd = options.cwd;
    const hsrc = await openSource(options.holdout, hopts);
    const index = new HoldoutIndex(hsrc.name, enabled.has("holdout-prompt-near-duplicate"));
    // A validation file has no minimum size: the count rules apply to training files.
    const henabled = new Map([...enabled].filter(([id]) => id !== "examples-min-count" && id !== "examples-recommended-count"));
    const hpass = passFor(henabled, options.holdout);
    hpass.onExample = (ex, line) => index.add(ex, line);
    holdoutReport = await lintSource(hsrc, hpass);
    attachHoldout(enabled, index);
  }
  for (const [i, src] of opened.entries()) {
    const file = passFor(enabled, inputs[i]!);
    if (options.onProgress) file.onProgress = (p) => options.onProgress!({ file: src.name, fileIndex: i, ...p });
    files.push(await lintSource(src, file));
  }
  if (holdoutReport) files.push(holdoutReport);
  if (grader) files.push(grader.report);
  return makeReport(files);
}

/** What one file's pass needs besides its records. */
interface FilePass {
  enabled: ReturnType<typeof resolveRules>;
  forced: FormatModule | undefined;
  signal: AbortSignal | undefined;
  maxDiagnosticsPerRule: number | undefined;
  maxClusterLines: number | undefined;
  tokenRun: TokenRun | undefined;
  bytes: number | undefined;
  /** Counts the input's lines (a plain file), for rules with a size cap. */
  lines: (() => number | undefined) | undefined;
  onProgress?: (p: Omit<ValidateProgress, "file" | "fileIndex">) => void;
  /** Sees every canonical example (the holdout index is built this way). */
  onExample?: (example: CanonicalExample, line: number) => void;
  onRuleTiming: ValidateOptions["onRuleTiming"];
}

async function lintSource(src: OpenedSource, pass: FilePass): Promise<FileReport> {
  const runner = new Runner(src.name, pass.enabled, pass.maxDiagnosticsPerRule, pass.bytes, pass.maxClusterLines ?? pass.maxDiagnosticsPerRule, pass.lines);
  if (pass.onRuleTiming) runner.enableTiming();
  const tokens = pass.tokenRun?.start(pass.bytes);
  try {
    return await lintRecords(src, runner, pass, tokens);
  } finally {
    await tokens?.close();
  }
}

async function lintRecords(src: OpenedSource, runner: Runner, pass: FilePass, tokens: ReturnType<TokenRun["start"]> | undefined): Promise<FileReport> {
  const { enabled, forced, signal, onProgress, onExample } = pass;
  let format = forced;
  let formatReason = forced ? "given with --format" : undefined;
  let decided = forced !== undefined;
  let lines = 0;
  let records = 0;
  let mixed: MixedFormats | undefined;
  let bytesRead = 0;
  const pre = forced ? undefined : await detectFromFirstRecords(src.records);
  for await (const ev of pre ? pre.records : src.records) {
    if (signal?.aborted) throw signal.reason ?? new FtdataUsageError("aborted");
    lines = ev.line;
    bytesRead = ev.offset + ev.bytes + 1;
    if (onProgress) onProgress({ bytesRead, records, done: false });
    if (ev.issues) for (const issue of ev.issues) runner.issue({ ...issue, ...(ev.value ? { record: records } : {}) });
    const value = ev.value;
    if (!value) continue;
    if (!decided) {
      decided = true;
      const d = pre?.detection ?? detectFormat(value);
      format = d.format;
      formatReason = d.reason;
      if (!format) {
        runner.issue({ ruleId: "format-unknown", messageId: d.candidates.length > 1 ? "ambiguous" : "unknown", line: ev.line, data: { reason: d.reason }, hint: "name the format with --format" });
      }
    }
    runner.start(format);
    // A format given with --format is checked on every row: rows of another shape get its diagnostics.
    mixed ??= new MixedFormats(forced ? undefined : format);
    if (mixed.isOther(value, ev.line, records)) {
      records++;
      continue;
    }
    const at = { line: ev.line, record: records };
    runner.position.bytes = bytesRead;
    runner.position.records = records + 1;
    runner.raw(value, at);
    // The canonical example is built only for its consumers: all rules that read it may be off.
    if (format && (tokens || onExample || runner.wantsExamples)) {
      const example = format.toCanonical(value);
      if (example) onExample?.(example, ev.line);
      if (example && tokens) {
        const wait = tokens.push(example, () => runner.example(example, at));
        if (wait) await wait;
      } else if (example) runner.example(example, at);
    }
    records++;
  }
  mixed?.report(runner);
  checkFileSize(runner, enabled, bytesRead);
  onProgress?.({ bytesRead, records, done: true });
  if (tokens) await tokens.flush();
  const diagnostics = runner.end();
  if (runner.timings) pass.onRuleTiming?.(src.name, runner.timings);
  const counts = countSeverities(diagnostics);
  counts.errorCount += runner.omittedCounts.errorCount;
  counts.warningCount += runner.omittedCounts.warningCount;
  counts.infoCount += runner.omittedCounts.infoCount;
  const report: FileReport = { file: src.name, format: format?.id ?? null, lines, records, ...counts, diagnostics };
  if (formatReason) report.formatReason = formatReason;
  if (tokens) report.stats = tokens.stats();
  if (runner.clusters.length > 0) report.clusters = runner.clusters;
  return report;
}
