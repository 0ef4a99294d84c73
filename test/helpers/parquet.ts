// A ShareGPT dataset (conversations of from/value turns, a tools string) written as Parquet with
// LIST<STRUCT> columns, as Hugging Face stores such data: for the Parquet tests.
import { parquetWriteFile } from "hyparquet-writer";

export type Row = { conversations: { from: string; value: string }[]; tools: string };

export function writeSharegptParquet(file: string, rows: Row[], rowGroupSize: number): void {
  parquetWriteFile({
    filename: file,
    columnData: [
      { name: "conversations", data: rows.map((r) => r.conversations) },
      { name: "tools", data: rows.map((r) => r.tools) },
    ],
    schema: [
      { name: "root", num_children: 2 },
      { name: "conversations", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
      { name: "list", repetition_type: "REPEATED", num_children: 1 },
      { name: "element", repetition_type: "OPTIONAL", num_children: 2 },
      { name: "from", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      { name: "value", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      { name: "tools", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
    ],
    rowGroupSize,
  } as Parameters<typeof parquetWriteFile>[0]);
}

