import type { JsonObject, JsonValue } from "../core/canonical.js";
import { FtdataUsageError } from "../core/errors.js";

/** One Parquet row as a record: `record` is its 0-based row number in the file. */
export interface ParquetRecord {
  record: number;
  value: JsonObject;
}

/**
 * Reads a Parquet file (Hugging Face datasets, Together uploads) one row group at a time with
 * hyparquet + hyparquet-compressors (pure JS, snappy/zstd/gzip/brotli/lz4), so memory follows the
 * largest row group, not the file. Loaded by dynamic import: only a Parquet input pays for it.
 * Nested columns (lists of structs: `conversations`, `messages`) come back as JSON arrays and objects;
 * int64 as numbers, binary as byte arrays, timestamps as ISO strings (hyparquet's toJson).
 */
export async function* readParquet(file: string | ArrayBuffer, display = typeof file === "string" ? file : "<stdin>"): AsyncGenerator<ParquetRecord> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, toJson } = await import("hyparquet");
  const { compressors } = await import("hyparquet-compressors");
  let buffer: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    buffer = typeof file === "string" ? await asyncBufferFromFile(file) : file;
    metadata = await parquetMetadataAsync(buffer);
  } catch (err) {
    throw new FtdataUsageError(`${display}: not a readable Parquet file (${err instanceof Error ? err.message : String(err)})`);
  }
  let start = 0;
  for (const group of metadata.row_groups) {
    const n = Number(group.num_rows);
    const rows = await parquetReadObjects({ file: buffer, metadata, rowStart: start, rowEnd: start + n, compressors });
    for (let i = 0; i < rows.length; i++) yield { record: start + i, value: toJson(rows[i]) as JsonObject & JsonValue };
    start += n;
  }
}

/** Whether a path names a Parquet file (by extension, as Hugging Face and Together name them). */
export function isParquetPath(file: string): boolean {
  return /\.parquet$/i.test(file);
}

/** Parquet's magic bytes, at the start (and end) of every Parquet file. */
export const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31] as const; // "PAR1"

/**
 * The most a Parquet stream (stdin, a Readable) may hold: Parquet keeps its index at the end, so a
 * stream is buffered whole before the first row can be read. Past this, a usage error asks for the path.
 */
export const MAX_PARQUET_STREAM_BYTES = 512 * 1024 * 1024;

/** Buffers a Parquet stream whole (up to the cap) into one ArrayBuffer. */
export async function bufferParquetStream(chunks: AsyncIterable<Uint8Array>, display: string, cap = MAX_PARQUET_STREAM_BYTES): Promise<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const c of chunks) {
    total += c.byteLength;
    if (total > cap) {
      throw new FtdataUsageError(`${display} is a Parquet stream larger than ${Math.round(cap / 1024 / 1024)} MiB: Parquet keeps its index at the end, so a stream is read whole into memory; pass the .parquet file's path instead`);
    }
    parts.push(c);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out.buffer;
}
