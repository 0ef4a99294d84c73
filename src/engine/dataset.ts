import type { FormatModule } from "../core/format.js";
import type { Detection } from "../formats/index.js";
import { detectFromFirstRecords } from "./detect-stream.js";
import type { Container, ReaderOptions, RecordEvent } from "./jsonl.js";
import { openSource, type InputSource } from "./source.js";
import type { DatasetPlan } from "./dataset-info.js";
import { getFormat } from "../formats/index.js";

export interface OpenDatasetOptions extends Omit<ReaderOptions, "onContainer"> {
  /** Name shown in diagnostics (default: the path relative to `cwd`, `<stdin>`, `<input>`). */
  name?: string;
  /** Base for relative paths (default: the working directory). */
  cwd?: string;
  /** The format, when the caller names it; otherwise it is detected from the first records. */
  format?: FormatModule;
  /** A LLaMA-Factory dataset_info.json entry's reading plan: its format, and records rewritten into it. */
  plan?: DatasetPlan;
}

/**
 * A dataset opened for reading: its records (each with its source span: first line, `endLine`, byte
 * offset and length, and its raw bytes when asked for) and its format, decided one way for every
 * command.
 */
export interface Dataset {
  /** The input as shown in diagnostics. */
  readonly name: string;
  /** How the records are laid out: one per line, or the elements of one JSON array. */
  readonly container: Container;
  /** The format named by the caller or detected from the first records; undefined when none fits. */
  readonly format: FormatModule | undefined;
  /** The caller named the format (every row is then checked against it). */
  readonly forced: boolean;
  /** Why that format: "given with --format", or what detection saw. */
  readonly formatReason: string | undefined;
  /** Detection's answer (undefined when the format was given): its candidates when it found none. */
  readonly detection: Detection | undefined;
  /** Every record and reader finding, in input order, once. */
  readonly records: AsyncIterable<RecordEvent>;
  /** Rows without physical lines (Parquet): findings carry `record` and no `line`. */
  readonly rowsOnly?: boolean;
  /** Maps a JSON Pointer into a rewritten record back to the record as written (dataset_info.json columns). */
  readonly mapPointer?: (pointer: string, line?: number) => string;
}

/** Records rewritten by a dataset_info.json plan; reader findings and spans pass through. */
async function* mapped(records: AsyncIterable<RecordEvent>, map: (r: NonNullable<RecordEvent["value"]>, line: number) => NonNullable<RecordEvent["value"]>): AsyncGenerator<RecordEvent> {
  for await (const ev of records) yield ev.value ? { ...ev, value: map(ev.value, ev.line) } : ev;
}

/**
 * Opens any input ftdata reads (a path, `-`, a `.gz`, a `.json` array, a Readable, an iterable of
 * lines, byte chunks or records) and decides its format from its first records: the first record
 * whose keys name a format decides, so one malformed first record does not leave the file unread.
 *
 * @throws FtdataUsageError when the input cannot be opened.
 */
export async function openDataset(input: InputSource, options: OpenDatasetOptions = {}): Promise<Dataset> {
  let container: Container = "jsonl";
  const { format: given, name, cwd, plan, ...reader } = options;
  // A dataset_info.json entry names the format like --format does; --format wins (the caller passes no plan then).
  const forced = given ?? (plan ? getFormat(plan.format) : undefined);
  const src = await openSource(input, {
    ...reader,
    ...(name !== undefined ? { name } : {}),
    ...(cwd !== undefined ? { cwd } : {}),
    onContainer: (c) => (container = c),
  });
  // Detection reads the first records (replayed after), which also tells the container.
  const records = plan?.mapRecord ? mapped(src.records, plan.mapRecord) : src.records;
  const pre = await detectFromFirstRecords(records);
  const extra = { ...(src.rowsOnly ? { rowsOnly: true } : {}), ...(plan?.mapRecord ? { mapPointer: plan.mapPointer } : {}) };
  if (forced) {
    const formatReason = given ? "given with --format" : plan!.explain;
    return { name: src.name, container, forced: true, format: forced, formatReason, detection: undefined, records: pre.records, ...extra };
  }
  const d = pre.detection;
  return {
    name: src.name,
    container,
    forced: false,
    format: d?.format,
    formatReason: d?.reason,
    detection: d,
    records: pre.records,
    ...extra,
  };
}
