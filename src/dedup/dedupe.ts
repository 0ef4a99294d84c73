import path from "node:path";
import { FtdataUsageError, readError } from "../core/errors.js";
import type { Report } from "../core/report.js";
import { openByteSource, readLines } from "../engine/jsonl.js";
import { displayPath } from "../engine/source.js";
import { rules } from "../validators/index.js";
import { validate, type ValidateOptions } from "../engine/validate.js";
import type { RulesConfig } from "../core/config.js";
import { AtomicLineWriter } from "../split/writer.js";
import { stat } from "node:fs/promises";

export interface DedupeOptions {
  /** Output file (never the input; an existing file only with `force`). */
  out: string;
  /** Also drop near duplicates (every member of a near-duplicate cluster but its first line). */
  near?: boolean;
  force?: boolean;
  format?: string;
  cwd?: string;
  maxLineBytes?: number;
}

export interface RemovedLine {
  line: number;
  /** The line that was kept. */
  duplicateOf: number;
  kind: "duplicate" | "near-duplicate";
}

export interface DedupeResult {
  /** The duplicate rules' report on the input (with its clusters). */
  report: Report;
  removed: RemovedLine[];
  /** Lines written. */
  kept: number;
  output: string;
}

/**
 * Writes the input without its duplicate examples: the first occurrence of each is kept and every
 * line is copied byte for byte (lines that are not records are copied too). Two passes: the
 * duplicate rules find the clusters, then the lines are copied.
 */
export async function dedupe(input: string, options: DedupeOptions): Promise<DedupeResult> {
  const cwd = options.cwd ?? process.cwd();
  if (input === "-") throw new FtdataUsageError("dedupe reads its input twice, so it needs a file, not stdin");
  const inPath = path.resolve(cwd, input);
  const outPath = path.resolve(cwd, options.out);
  const shown = displayPath(outPath, cwd);
  if (inPath === outPath) throw new FtdataUsageError(`refusing to write ${shown}: it is the input file`);
  try {
    const [a, b] = await Promise.all([stat(inPath), stat(outPath)]);
    if (a.dev === b.dev && a.ino === b.ino) throw new FtdataUsageError(`refusing to write ${shown}: it is the input file`);
    if (!options.force) throw new FtdataUsageError(`${shown} already exists; use --force to replace it`);
  } catch (err) {
    if (err instanceof FtdataUsageError) throw err;
  }
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
  const writer = await AtomicLineWriter.open(outPath, options.force === true);
  try {
    const ro: Parameters<typeof readLines>[1] = { raw: true };
    if (options.maxLineBytes !== undefined) ro.maxLineBytes = options.maxLineBytes;
    for await (const ev of readLines(await openByteSource(inPath, input), ro)) {
      if (drop.has(ev.line)) continue;
      if (!ev.raw) throw new FtdataUsageError(`line ${ev.line} of ${input} is longer than the line limit; raise --max-line-size to copy it`);
      await writer.writeLine(ev.raw);
    }
    await writer.commit();
  } catch (err) {
    await writer.abort();
    if (err instanceof FtdataUsageError) throw err;
    throw readError(shown, err);
  }
  return { report, removed: [...drop.values()].sort((a, b) => a.line - b.line), kept: writer.lines, output: shown };
}
