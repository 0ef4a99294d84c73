import { assertNotInput } from "../core/atomic.js";
import type { RulesConfig } from "../core/config.js";
import { displayPath } from "../core/display.js";
import { FtdataUsageError } from "../core/errors.js";
import type { Report } from "../core/report.js";
import { openDataset } from "../engine/dataset.js";
import { validate, type ValidateOptions } from "../engine/validate.js";
import { outputContainer, RecordWriter } from "../engine/writer.js";
import { rules } from "../validators/index.js";
import path from "node:path";
import { stat } from "node:fs/promises";

export interface DedupeOptions {
  /** Output file (never the input; an existing file only with `force`). */
  out: string;
  /** Also drop near duplicates (every member of a near-duplicate cluster but its first line). */
  near?: boolean;
  force?: boolean;
  format?: string;
  /** Write JSONL whatever the input's layout (default: the input's own: a `.json` array stays an array). */
  jsonl?: boolean;
  cwd?: string;
  maxLineBytes?: number;
}

export interface RemovedLine {
  /** First line of the removed record. */
  line: number;
  /** Last line of the removed record, when it spans several (a pretty-printed JSON array element). */
  endLine?: number;
  /** The line that was kept. */
  duplicateOf: number;
  kind: "duplicate" | "near-duplicate";
}

export interface DedupeResult {
  /** The duplicate rules' report on the input (with its clusters). */
  report: Report;
  removed: RemovedLine[];
  /** Records written (and, in JSONL, lines that are not records: they are copied as they are). */
  kept: number;
  output: string;
}

/**
 * Writes the input without its duplicate examples: the first occurrence of each is kept and every
 * other record is copied byte for byte by its source span (a JSON array stays a JSON array, a
 * pretty-printed record is copied whole; in JSONL, lines that are not records are copied too).
 * Two passes: the duplicate rules find the clusters, then the records are copied.
 */
export async function dedupe(input: string, options: DedupeOptions): Promise<DedupeResult> {
  const cwd = options.cwd ?? process.cwd();
  if (input === "-") throw new FtdataUsageError("dedupe reads its input twice, so it needs a file, not stdin");
  const outPath = path.resolve(cwd, options.out);
  const shown = displayPath(outPath, cwd);
  await assertNotInput(outPath, [input], cwd, shown);
  if (!options.force && (await stat(outPath).then(() => true, () => false))) throw new FtdataUsageError(`${shown} already exists; use --force to replace it`);
  const config: RulesConfig = {};
  for (const r of rules) if (r.meta.id !== "example-duplicate" && !(options.near && r.meta.id === "example-near-duplicate")) config[r.meta.id] = "off";
  // Every duplicate line must be known to drop it: clusters are not cut at the listing limit.
  const vopts: ValidateOptions = { cwd, rules: config, maxClusterLines: 0 };
  if (options.near) vopts.nearDup = true;
  if (options.format !== undefined) vopts.format = options.format;
  if (options.maxLineBytes !== undefined) vopts.maxLineBytes = options.maxLineBytes;
  const report = await validate(input, vopts);
  const drop = new Map<number, RemovedLine>();
  for (const c of report.files[0]?.clusters ?? []) {
    if (c.kind !== "duplicate" && c.kind !== "near-duplicate") continue;
    for (const line of c.lines.slice(1)) if (!drop.has(line)) drop.set(line, { line, duplicateOf: c.lines[0]!, kind: c.kind });
  }
  const data = await openDataset(input, { cwd, raw: true, ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}) });
  const container = outputContainer(data.container, options.jsonl, outPath);
  const writer = await RecordWriter.open(outPath, { container, force: options.force === true, inputs: [input], cwd, display: shown });
  let kept = 0;
  try {
    for await (const ev of data.records) {
      const removed = drop.get(ev.line);
      if (removed) {
        if (ev.endLine !== undefined) removed.endLine = ev.endLine;
        continue;
      }
      if (ev.value && container !== data.container) {
        await writer.writeRecord(ev.value); // a JSON array element written as a JSONL line
      } else if (ev.raw && (ev.value || data.container === "jsonl")) {
        await writer.writeRaw(ev.raw);
      } else if (ev.issues?.some((i) => i.ruleId === "line-too-long")) {
        throw new FtdataUsageError(`line ${ev.line} of ${input} is longer than the line limit; raise --max-line-size to copy it`);
      } else {
        continue; // not a record (a reader finding in pass 1's report): a JSON array keeps only records
      }
      kept++;
    }
    await writer.commit();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return { report, removed: [...drop.values()].sort((a, b) => a.line - b.line), kept, output: shown };
}
