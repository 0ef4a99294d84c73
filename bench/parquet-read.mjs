// Read-only comparison of the same rows as Parquet and as JSONL through ftdata's reading path
// (validate() with every rule off: read, parse/decode, detect, nothing else). One process per file,
// so peak RSS (maxRSS) is that file's own. Run after `npm run build`:
//   node bench/parquet-read.mjs rows.parquet rows.jsonl [runs=3]
// Make the pair with the same rows, e.g. by writing a JSONL and a Parquet file from one array
// (hyparquet-writer, LIST<STRUCT> turns as Hugging Face stores ShareGPT data).
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = pathToFileURL(path.join(here, "..", "dist", "index.js")).href;

if (process.argv[2] === "--child") {
  const { validate, rules } = await import(dist);
  const off = Object.fromEntries(rules.map((r) => [r.meta.id, "off"]));
  const t0 = process.hrtime.bigint();
  const r = await validate(process.argv[3], { rules: off, datasetInfo: false });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ records: r.files[0].records, s, cpuS: (cpu.user + cpu.system) / 1e6, rssMB: process.resourceUsage().maxRSS / 1024 }));
} else {
  const files = process.argv.slice(2).filter((a) => !/^\d+$/.test(a));
  const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 3);
  for (const file of files) {
    const out = [];
    for (let i = 0; i < runs; i++) out.push(JSON.parse(spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", file], { encoding: "utf8" }).stdout));
    const med = (k) => out.map((o) => o[k]).sort((a, b) => a - b)[Math.floor(out.length / 2)];
    const mb = statSync(file).size / 1e6;
    console.log(`${path.basename(file)}: ${out[0].records} rows, ${mb.toFixed(1)} MB on disk, median ${med("s").toFixed(2)} s = ${(mb / med("s")).toFixed(1)} MB/s of file, ${(out[0].records / med("s")).toFixed(0)} rows/s, CPU median ${med("cpuS").toFixed(2)} s (all threads, whole process: steadier than wall time on a busy machine), peak RSS median ${med("rssMB").toFixed(0)} MB (${runs} runs)`);
  }
}
