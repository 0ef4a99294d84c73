import { createReadStream, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validate } from "../src/engine/validate.js";
import { bufferParquetStream } from "../src/engine/parquet.js";
import { runCli } from "./helpers/hostile.js";
import { writeSharegptParquet, type Row } from "./helpers/parquet.js";

/**
 * Parquet on stdin (`cat x.parquet | ftdata lint -`) and from a Readable: told by the "PAR1" magic,
 * buffered whole up to a cap (Parquet's index is at its end), read as the file would be. Rows from
 * LLaMA-Factory's glaive_toolcall_en_demo.json (test/fixtures/llamafactory, ff6d4d12eeb0, Apache-2.0).
 */
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "llamafactory");
const rows = JSON.parse(readFileSync(path.join(fixtures, "glaive_toolcall_en_demo.json"), "utf8")) as Row[];
const dir = mkdtempSync(path.join(tmpdir(), "ftdata-pqin-"));
const file = path.join(dir, "glaive.parquet");
writeSharegptParquet(file, rows, 25);
const quiet = { rules: { "examples-min-count": "off", "examples-recommended-count": "off" }, datasetInfo: false } as const;
const shape = (ds: import("../src/core/diagnostic.js").Diagnostic[]) => ds.map((d) => [d.ruleId, d.record, d.line, d.path]);

describe("Parquet from a stream", () => {
  it("a Readable holding Parquet gives the same report as the file (rows, no lines)", async () => {
    const [fromFile] = (await validate(file, quiet)).files;
    const [fromStream] = (await validate(createReadStream(file, { highWaterMark: 3 }), quiet)).files;
    expect([fromStream!.format, fromStream!.records]).toEqual(["sharegpt", 60]);
    expect(fromStream!.diagnostics.length).toBeGreaterThan(0);
    expect(shape(fromStream!.diagnostics)).toEqual(shape(fromFile!.diagnostics));
  });

  it("cat x.parquet | ftdata lint - : read as Parquet, findings by row", () => {
    const r = runCli(["lint", "-", "--no-dataset-info", "--reporter", "json"], { input: readFileSync(file) });
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout) as { files: { file: string; format: string; records: number; diagnostics: { ruleId: string; record: number; line?: number }[] }[] };
    const f = report.files[0]!;
    expect([f.file, f.format, f.records]).toEqual(["<stdin>", "sharegpt", 60]);
    expect(f.diagnostics.find((d) => d.ruleId === "example-duplicate")).toMatchObject({ record: 6 });
    expect(f.diagnostics.every((d) => d.line === undefined)).toBe(true);
  });

  it("JSONL on stdin is still JSONL (only the first bytes are looked at)", async () => {
    const text = rows.slice(0, 3).map((r) => JSON.stringify(r)).join("\n") + "\n";
    const [f] = (await validate(Readable.from([Buffer.from(text.slice(0, 2)), Buffer.from(text.slice(2))]), quiet)).files;
    expect([f!.format, f!.records, f!.errorCount]).toEqual(["sharegpt", 3, 0]);
  });

  it("past the cap: a usage error that says why and what to do, exit 2", async () => {
    const chunks = (async function* () {
      yield new Uint8Array(600);
      yield new Uint8Array(600);
    })();
    await expect(bufferParquetStream(chunks, "<stdin>", 1000)).rejects.toThrow(/<stdin> is a Parquet stream larger than 0 MiB: .*pass the \.parquet file's path instead/);
    const r = runCli(["lint", "-"], { input: Buffer.concat([Buffer.from("PAR1"), Buffer.from("not really parquet")]) });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/<stdin>: not a readable Parquet file/);
  });
});
