import path from "node:path";
import { resolveRules } from "../core/config.js";
import type { Diagnostic } from "../core/diagnostic.js";
import { FtdataUsageError } from "../core/errors.js";
import { toJsonPointer } from "../core/path.js";
import { countSeverities, makeReport, type Report } from "../core/report.js";
import { Runner } from "../core/runner.js";
import type { FormatId } from "../core/canonical.js";
import type { FormatModule } from "../core/format.js";
import { resolveFormat } from "../formats/index.js";
import { detectFromFirstRecords } from "../engine/detect-stream.js";
import { displayPath, openSource, type InputSource } from "../engine/source.js";
import { rules } from "../validators/index.js";
import { AtomicLineWriter } from "./writer.js";

export interface ConvertOptions {
  /** Target format id (or alias). */
  to: FormatId | (string & {});
  /** Output file. Written atomically; never the input; an existing file only with `force`. */
  output: string;
  /** Source format (default: detected from the first record). */
  from?: FormatId | (string & {});
  /** Turn every loss (something the target format cannot hold) into an error. */
  strict?: boolean;
  /** Replace an existing output file. */
  force?: boolean;
  /** Name shown for a non-file input. */
  name?: string;
  /** Base for relative paths (default: the working directory). */
  cwd?: string;
}

export interface ConvertResult {
  /** The input as shown in diagnostics. */
  file: string;
  /** The output as given; written only when `errorCount` is 0. */
  output: string;
  from: FormatId;
  to: FormatId;
  /** Physical lines (or array elements) read. */
  lines: number;
  /** Records read. */
  records: number;
  /** Records written (0 when the output was not written). */
  written: number;
  /** Whether the output file was written. */
  wrote: boolean;
  /** `convert-lossy` (warning, or error with `strict`), `convert-failed` and input errors, in line order. */
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
}

const INPUT_PROBLEMS = new Set(["utf8-invalid", "line-too-long", "json-invalid", "record-not-object", "string-lone-surrogate"]);

/** Schema rules of the source format that report errors: an invalid input record is not converted. */
function schemaRunner(file: string, from: FormatModule): Runner {
  const enabled = resolveRules(rules, undefined);
  for (const [id, r] of enabled) {
    const { meta } = r.rule;
    if (meta.reader || meta.formats === "*" || r.severity !== "error") enabled.delete(id);
  }
  const runner = new Runner(file, enabled);
  runner.start(from);
  return runner;
}

/**
 * Converts a dataset to another format in one streaming pass. Whatever the target format cannot hold
 * is a `convert-lossy` warning on its record (an error with `strict`); a record that cannot be written
 * at all is a `convert-failed` error. With any error the output is not written.
 *
 * @example
 * const r = await convert("train.jsonl", { to: "sharegpt", output: "train.sharegpt.jsonl" });
 * if (r.errorCount > 0) console.log(r.diagnostics);
 *
 * @throws FtdataUsageError for an unreadable input, an unknown or incompatible format pair, an
 *   output equal to the input, or an existing output without `force`.
 */
export async function convert(input: InputSource, options: ConvertOptions): Promise<ConvertResult> {
  const cwd = options.cwd ?? process.cwd();
  const to = resolveFormat(options.to);
  if (!to.toRecord) throw new FtdataUsageError(`converting to ${to.id} is not supported yet`);
  const outPath = path.resolve(cwd, options.output);
  if (typeof input === "string" && input !== "-" && path.resolve(cwd, input) === outPath) {
    throw new FtdataUsageError(`refusing to write ${options.output}: it is the input file`);
  }
  let from = options.from !== undefined ? resolveFormat(options.from) : undefined;
  const src = await openSource(input, { cwd, ...(options.name !== undefined ? { name: options.name } : {}) });
  const writer = await AtomicLineWriter.open(outPath, { force: options.force === true, display: displayPath(options.output, cwd) });
  const diagnostics: Diagnostic[] = [];
  const lossSeverity = options.strict ? "error" : "warning";
  let runner: Runner | undefined;
  let records = 0;
  let lines = 0;
  let written = 0;
  try {
    const pre = from ? undefined : await detectFromFirstRecords(src.records);
    for await (const ev of pre ? pre.records : src.records) {
      lines = ev.line;
      for (const issue of ev.issues ?? []) {
        if (!INPUT_PROBLEMS.has(issue.ruleId)) continue; // blank lines and a BOM carry no data
        const d: Diagnostic = { ruleId: issue.ruleId, severity: "error", message: `Line ${ev.line} cannot be converted: it is not a JSON object record (${issue.ruleId})`, file: src.name, line: ev.line };
        diagnostics.push(d);
      }
      const value = ev.value;
      if (!value) continue;
      const at = { line: ev.line, record: records };
      records++;
      if (!from) {
        const d = pre!.detection!;
        if (!d.format) throw new FtdataUsageError(`cannot tell the format of ${src.name}: ${d.reason}; name it with --format`);
        from = d.format;
      }
      if (!runner) {
        if (from.id === to.id) throw new FtdataUsageError(`${src.name} is already ${to.id}`);
        const accepts = to.accepts ?? [to.kind];
        if (!accepts.includes(from.kind)) {
          throw new FtdataUsageError(`cannot convert ${from.id} (${from.kind} examples) to ${to.id}, which holds ${accepts.join(" or ")} examples`);
        }
        runner = schemaRunner(src.name, from);
      }
      const before = runner.diagnostics.length;
      runner.raw(value, at);
      if (runner.diagnostics.length > before) {
        for (const d of runner.diagnostics.slice(before)) diagnostics.push({ ...d, message: `${d.message} (not converted)` });
        continue;
      }
      const example = from.toCanonical(value);
      if (!example) {
        diagnostics.push({ ruleId: "convert-failed", severity: "error", message: `Record is not a readable ${from.id} record`, file: src.name, line: ev.line, record: at.record });
        continue;
      }
      const result = to.toRecord(example);
      for (const loss of result.losses) {
        const d: Diagnostic = { ruleId: "convert-lossy", severity: lossSeverity, message: `Not carried into ${to.id}: ${loss.what}`, file: src.name, line: ev.line, record: at.record };
        if (loss.path && loss.path.length > 0) d.path = toJsonPointer(loss.path);
        diagnostics.push(d);
      }
      if (result.error !== undefined || !result.record) {
        diagnostics.push({ ruleId: "convert-failed", severity: "error", message: `Cannot write this record as ${to.id}: ${result.error ?? "no record"}`, file: src.name, line: ev.line, record: at.record });
        continue;
      }
      await writer.write(JSON.stringify(result.record) + "\n");
      written++;
    }
    if (!from) throw new FtdataUsageError(`${src.name} holds no records to convert`);
    const counts = countSeverities(diagnostics);
    const wrote = counts.errorCount === 0;
    if (wrote) await writer.commit();
    else await writer.abort();
    diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { file: src.name, output: options.output, from: from.id, to: to.id, lines, records, written: wrote ? written : 0, wrote, diagnostics, errorCount: counts.errorCount, warningCount: counts.warningCount };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

/** The conversion's diagnostics as a Report, so every reporter can print them. */
export function convertReport(r: ConvertResult): Report {
  return makeReport([{ file: r.file, format: r.from, formatReason: `converted to ${r.to}`, lines: r.lines, records: r.records, ...countSeverities(r.diagnostics), diagnostics: r.diagnostics }]);
}
