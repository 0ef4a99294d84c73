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
export async function* readParquet(file: string): AsyncGenerator<ParquetRecord> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, toJson } = await import("hyparquet");
  const { compressors } = await import("hyparquet-compressors");
  let buffer: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    buffer = await asyncBufferFromFile(file);
    metadata = await parquetMetadataAsync(buffer);
  } catch (err) {
    throw new FtdataUsageError(`${file}: not a readable Parquet file (${err instanceof Error ? err.message : String(err)})`);
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
