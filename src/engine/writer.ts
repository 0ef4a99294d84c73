import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { JsonObject } from "../core/canonical.js";
import { openAtomic, type AtomicWriter } from "../core/atomic.js";
import { FtdataUsageError } from "../core/errors.js";
import type { Container } from "./jsonl.js";

const FLUSH_BYTES = 1024 * 1024;
const NEWLINE = Buffer.from("\n");

export interface RecordWriterOptions {
  /** How to lay the records out: one per line, or the elements of one JSON array. */
  container: Container;
  /** Replace an existing file (default: refuse, atomically). Inputs are never replaced. */
  force?: boolean;
  /** Paths the output must not replace, besides every file this process has read. */
  inputs?: readonly string[];
  /** Base for relative paths. */
  cwd?: string;
  /** The output as shown in messages (default: the path as given). */
  display?: string;
}

/**
 * The line each record starts on in an output of this container, counted as records are added:
 * a dry run tells where records would be, a writer where they are.
 */
export class OutputLines {
  private line = 1;
  constructor(readonly container: Container) {}

  /** Line on which the next record starts. */
  get next(): number {
    return this.container === "json-array" ? this.line + 1 : this.line;
  }

  /** Counts one record of `raw`'s bytes (as written: a JSON array element is indented by a prefix without newlines). */
  add(body: Uint8Array): void {
    let nl = 0;
    for (let i = body.indexOf(10); i !== -1; i = body.indexOf(10, i + 1)) nl++;
    // JSONL: the record's own newline; a JSON array: the ",\n" before the next element.
    this.line += nl + 1;
  }
}

/**
 * Writes whole records to an output that appears only on `commit()`: one writer for every command
 * that writes data (split, dedupe, convert). A record is copied by its source span when the input's
 * bytes fit the output (`writeRaw`), or serialised (`writeRecord`), so a multi-line record is never
 * cut and a JSON array output is always one parseable array.
 */
export class RecordWriter {
  private parts: Buffer[] = [];
  private buffered = 0;
  /** Records written so far. */
  records = 0;
  private readonly lines: OutputLines;

  private constructor(
    private readonly out: AtomicWriter,
    readonly container: Container,
    readonly display: string,
  ) {
    this.lines = new OutputLines(container);
  }

  /** The line the next record will start on in the output. */
  get nextLine(): number {
    return this.lines.next;
  }

  static async open(target: string, options: RecordWriterOptions): Promise<RecordWriter> {
    const cwd = options.cwd ?? process.cwd();
    const display = options.display ?? target;
    const abs = path.resolve(cwd, target);
    try {
      await mkdir(path.dirname(abs), { recursive: true });
      const out = await openAtomic(abs, { overwrite: options.force === true, inputs: options.inputs ?? [], cwd });
      return new RecordWriter(out, options.container, display);
    } catch (err) {
      throw writeError(display, err);
    }
  }

  /** The record's bytes as they were in a JSONL line or a JSON array element (trimmed). */
  async writeRaw(raw: Uint8Array): Promise<void> {
    await this.push(Buffer.from(raw.buffer, raw.byteOffset, raw.length));
  }

  /** A record serialised: one line in JSONL, an indented element in a JSON array. */
  async writeRecord(record: JsonObject): Promise<void> {
    await this.push(Buffer.from(this.container === "jsonl" ? JSON.stringify(record) : JSON.stringify(record, null, 2).replace(/\n/g, "\n  ")));
  }

  private async push(body: Buffer): Promise<void> {
    this.lines.add(body);
    if (this.container === "json-array") this.add(Buffer.from(this.records === 0 ? "[\n  " : ",\n  "));
    this.add(body);
    if (this.container === "jsonl") this.add(NEWLINE);
    this.records++;
    if (this.buffered >= FLUSH_BYTES) await this.flush();
  }

  private add(b: Buffer): void {
    this.parts.push(b);
    this.buffered += b.length;
  }

  private async flush(): Promise<void> {
    if (this.buffered === 0) return;
    const chunk = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.buffered);
    this.parts = [];
    this.buffered = 0;
    try {
      await this.out.write(chunk);
    } catch (err) {
      throw writeError(this.display, err);
    }
  }

  /** Closes the container, fsyncs and moves the file into place. */
  async commit(): Promise<void> {
    if (this.container === "json-array") this.add(Buffer.from(this.records === 0 ? "[]\n" : "\n]\n"));
    await this.flush();
    try {
      await this.out.commit();
    } catch (err) {
      throw writeError(this.display, err);
    }
  }

  /** Drops the temp file; the target is left as it was. */
  async abort(): Promise<void> {
    this.parts = [];
    this.buffered = 0;
    await this.out.abort();
  }
}

function writeError(display: string, err: unknown): FtdataUsageError {
  if (err instanceof FtdataUsageError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EEXIST") return new FtdataUsageError(`${display} already exists; use --force to replace it`, "EEXIST");
  return new FtdataUsageError(`cannot write ${display}: ${code ?? (err as Error).message}`);
}

/**
 * The layout of an output: JSONL when asked for; else as its name says (`.jsonl` one record per
 * line, `.json` one JSON array); else the input's own.
 */
export function outputContainer(input: Container, jsonl: boolean | undefined, target?: string): Container {
  if (jsonl) return "jsonl";
  if (target !== undefined && /\.jsonl$/i.test(target)) return "jsonl";
  if (target !== undefined && /\.json$/i.test(target)) return "json-array";
  return input;
}
