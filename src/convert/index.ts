import path from "node:path";
import { stat } from "node:fs/promises";
import { assertNotInput } from "../core/atomic.js";
import { resolveRules, type ResolvedRule } from "../core/config.js";
import type { Diagnostic } from "../core/diagnostic.js";
import { displayPath } from "../core/display.js";
import { FtdataUsageError } from "../core/errors.js";
import type { FormatId } from "../core/canonical.js";
import type { FormatModule } from "../core/format.js";
import { toJsonPointer } from "../core/path.js";
import { countSeverities, makeReport, type Report } from "../core/report.js";
import { openDataset } from "../engine/dataset.js";
import { runPass } from "../engine/pass.js";
import type { InputSource } from "../engine/source.js";
import { outputContainer, RecordWriter } from "../engine/writer.js";
import { formats, resolveFormat } from "../formats/index.js";
import { rules } from "../validators/index.js";

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
  /** Write JSONL whatever the input's layout (default: the input's own: a `.json` array gives an array). */
  jsonl?: boolean;
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

/** Reader findings that mean a line holds no record to convert (blank lines and a BOM carry no data). */
const INPUT_PROBLEMS = ["utf8-invalid", "line-too-long", "json-invalid", "record-not-object", "string-lone-surrogate"];

/** The input problems and the source format's schema rules that report errors: an invalid record is not converted. */
function convertRules(from: FormatModule): Map<string, ResolvedRule> {
  const enabled = resolveRules(rules, undefined);
  for (const [id, r] of enabled) {
    const { meta } = r.rule;
    if (INPUT_PROBLEMS.includes(id)) r.severity = "error";
    else if (meta.reader || meta.formats === "*" || r.severity !== "error" || !meta.formats.includes(from.id)) enabled.delete(id);
  }
  return enabled;
}

/** The formats `convert` can write, in registry order (for `--to` and its help). */
export const CONVERT_TARGETS: readonly FormatId[] = formats.filter((f) => f.toRecord).map((f) => f.id);

/**
 * The format to write: a name (or alias) of a format that can be written. A wrong name lists only the
 * targets that work, so the list never offers a format that then says "not supported".
 */
function resolveTargetFormat(name: string): FormatModule & Required<Pick<FormatModule, "toRecord">> {
  let to: FormatModule | undefined;
  try {
    to = resolveFormat(name);
  } catch {
    // Unknown name: reported below with the writable formats only.
  }
  if (to?.toRecord) return to as FormatModule & Required<Pick<FormatModule, "toRecord">>;
  const targets = CONVERT_TARGETS.join(", ");
  if (to) throw new FtdataUsageError(`ftdata cannot convert to ${to.id} (it reads ${to.id} but does not write it); targets: ${targets}`);
  throw new FtdataUsageError(`cannot convert to "${name}": not a format ftdata writes; targets: ${targets}`);
}

/**
 * Converts a dataset to another format in one streaming pass. Whatever the target format cannot hold
 * is a `convert-lossy` warning on its record (an error with `strict`); a record that cannot be written
 * at all is a `convert-failed` error. With any error the output is not written. The output keeps the
 * input's layout (a `.json` array gives a JSON array) unless `jsonl` is set.
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
  const to = resolveTargetFormat(options.to);
  const outPath = path.resolve(cwd, options.output);
  const shown = displayPath(options.output, cwd);
  await assertNotInput(outPath, typeof input === "string" ? [input] : [], cwd, shown);
  const forced = options.from !== undefined ? resolveFormat(options.from) : undefined;
  const data = await openDataset(input, { cwd, ...(options.name !== undefined ? { name: options.name } : {}), ...(forced ? { format: forced } : {}) });
  const from = data.format;
  if (!from) {
    if (data.detection) throw new FtdataUsageError(`cannot tell the format of ${data.name}: ${data.detection.reason}; name it with --format`);
    throw new FtdataUsageError(`${data.name} holds no records to convert`);
  }
  if (from.id === to.id) throw new FtdataUsageError(`${data.name} is already ${to.id}`);
  const accepts = to.accepts ?? [to.kind];
  if (!accepts.includes(from.kind)) throw new FtdataUsageError(`cannot convert ${from.id} (${from.kind} examples) to ${to.id}, which holds ${accepts.join(" or ")} examples`);
  if (!options.force && (await stat(outPath).then(() => true, () => false))) throw new FtdataUsageError(`${shown} already exists; use --force to replace it`, "EEXIST");
  const writer = await RecordWriter.open(outPath, { container: outputContainer(data.container, options.jsonl, outPath), force: options.force === true, inputs: typeof input === "string" ? [input] : [], cwd, display: shown });
  const converted: Diagnostic[] = [];
  const lossSeverity = options.strict ? "error" : "warning";
  let written = 0;
  try {
    const report = await runPass(data, {
      enabled: convertRules(from),
      maxDiagnosticsPerRule: 0,
      examples: true,
      trackInvalid: true,
      async onRecord({ ev, index, example, invalid, otherFormat }) {
        if (invalid) return;
        const at = { file: data.name, line: ev.line, record: index };
        if (otherFormat || !example) {
          converted.push({ ruleId: "convert-failed", severity: "error", message: `Record is not a readable ${from.id} record`, ...at });
          return;
        }
        const result = to.toRecord!(example);
        for (const loss of result.losses) {
          const d: Diagnostic = { ruleId: "convert-lossy", severity: lossSeverity, message: `Not carried into ${to.id}: ${loss.what}`, ...at };
          if (loss.path && loss.path.length > 0) d.path = toJsonPointer(loss.path);
          converted.push(d);
        }
        if (result.error !== undefined || !result.record) {
          converted.push({ ruleId: "convert-failed", severity: "error", message: `Cannot write this record as ${to.id}: ${result.error ?? "no record"}`, ...at });
          return;
        }
        await writer.writeRecord(result.record);
        written++;
      },
    });
    const diagnostics = [...report.diagnostics.map((d) => (d.severity === "error" && !INPUT_PROBLEMS.includes(d.ruleId) ? { ...d, message: `${d.message} (not converted)` } : d)), ...converted];
    diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const counts = countSeverities(diagnostics);
    const wrote = counts.errorCount === 0;
    if (wrote) await writer.commit();
    else await writer.abort();
    return { file: data.name, output: options.output, from: from.id, to: to.id, lines: report.lines, records: report.records, written: wrote ? written : 0, wrote, diagnostics, errorCount: counts.errorCount, warningCount: counts.warningCount };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

/** The conversion's diagnostics as a Report, so every reporter can print them. */
export function convertReport(r: ConvertResult): Report {
  return makeReport([{ file: r.file, format: r.from, formatReason: `converted to ${r.to}`, lines: r.lines, records: r.records, ...countSeverities(r.diagnostics), diagnostics: r.diagnostics }]);
}
