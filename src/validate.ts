import { resolveRules, type RulesConfig } from "./core/config.js";
import { FtdataUsageError } from "./core/errors.js";
import { countSeverities, makeReport, type FileReport, type Report } from "./core/report.js";
import { Runner } from "./core/runner.js";
import type { FormatId } from "./formats/canonical.js";
import type { FormatModule } from "./formats/format.js";
import { detectFormat, resolveFormat } from "./formats/index.js";
import { openSource, type InputSource, type OpenedSource } from "./formats/source.js";
import { rules } from "./validators/index.js";
import { mergeRuleSettings, resolveTarget, targetRules } from "./targets/index.js";
import { checkFileSize } from "./targets/file-size.js";
import { detectFromFirstRecords } from "./formats/detect-stream.js";

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
  /** Stops reading; `validate()` then rejects with the signal's reason. */
  signal?: AbortSignal;
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
  const enabled = resolveRules(rules, options.target !== undefined ? mergeRuleSettings(targetRules(resolveTarget(options.target)), options.rules) : options.rules);
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
  for (const src of opened) files.push(await lintSource(src, enabled, forced, options.signal));
  return makeReport(files);
}

async function lintSource(
  src: OpenedSource,
  enabled: ReturnType<typeof resolveRules>,
  forced: FormatModule | undefined,
  signal: AbortSignal | undefined,
): Promise<FileReport> {
  const runner = new Runner(src.name, enabled);
  let format = forced;
  let formatReason = forced ? "given with --format" : undefined;
  let decided = forced !== undefined;
  let lines = 0;
  let records = 0;
  let bytesRead = 0;
  const pre = forced ? undefined : await detectFromFirstRecords(src.records);
  for await (const ev of pre ? pre.records : src.records) {
    if (signal?.aborted) throw signal.reason ?? new FtdataUsageError("aborted");
    lines = ev.line;
    bytesRead = ev.offset + ev.bytes;
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
    const at = { line: ev.line, record: records };
    runner.raw(value, at);
    if (format) {
      const example = format.toCanonical(value);
      if (example) runner.example(example, at);
    }
    records++;
  }
  checkFileSize(runner, enabled, bytesRead);
  const diagnostics = runner.end();
  const report: FileReport = { file: src.name, format: format?.id ?? null, lines, records, ...countSeverities(diagnostics), diagnostics };
  if (formatReason) report.formatReason = formatReason;
  return report;
}
