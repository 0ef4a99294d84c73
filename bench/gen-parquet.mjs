// The same rows as JSONL and as Parquet, for bench/parquet-read.mjs: bench/gen-chat.mjs's seeded chat
// rows reduced to `{messages: [{role, content}]}` (tool-call turns keep their role, content "" when
// absent), the Parquet file with `messages` as LIST<STRUCT<role, content>> (as Hugging Face stores chat
// data), snappy-compressed, row groups of 5,000 rows (ROW_GROUP=n to change).
//   node bench/gen-parquet.mjs out-dir [MiB=20] [seed=7]
import { readFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parquetWriteFile } from "hyparquet-writer";
import { generate } from "./gen-chat.mjs";

const [dir = ".bench", mib = "20", seed = "7"] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const src = path.join(dir, "chat-src.jsonl");
await generate(src, Number(mib), Number(seed));
const rows = readFileSync(src, "utf8").split("\n").filter((l) => l.trim() !== "").flatMap((l) => {
  try {
    const r = JSON.parse(l);
    if (!Array.isArray(r.messages)) return [];
    return [{ messages: r.messages.map((m) => ({ role: String(m.role ?? ""), content: typeof m.content === "string" ? m.content : "" })) }];
  } catch {
    return [];
  }
});
const { writeFileSync } = await import("node:fs");
writeFileSync(path.join(dir, "rows.jsonl"), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
parquetWriteFile({
  filename: path.join(dir, "rows.parquet"),
  columnData: [{ name: "messages", data: rows.map((r) => r.messages) }],
  schema: [
    { name: "root", num_children: 1 },
    { name: "messages", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    { name: "element", repetition_type: "OPTIONAL", num_children: 2 },
    { name: "role", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
    { name: "content", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
  ],
  rowGroupSize: Number(process.env.ROW_GROUP ?? 5000),
});
console.log(`${rows.length} rows → ${dir}/rows.jsonl, ${dir}/rows.parquet`);
