import { existsSync, mkdtempSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { nestedDeeperThan, openByteSource, parseLine, readJsonlRecords, readLines, parseLines } from "../src/engine/jsonl.js";
import { FtdataUsageError, validate } from "../src/index.js";
import type { JsonValue } from "../src/core/canonical.js";
import { only } from "./helpers/rule-tester.js";

const dir = mkdtempSync(path.join(tmpdir(), "ftdata-reader-"));
const ok = '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}';

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** Lints with only the reader rules on, so each case shows just what the reader reported. */
async function readerDiagnostics(input: Parameters<typeof validate>[0], maxLineBytes?: number) {
  const report = await validate(input, { rules: only("none"), ...(maxLineBytes ? { maxLineBytes } : {}) });
  const f = report.files[0]!;
  return { f, diags: f.diagnostics.map((d) => ({ ruleId: d.ruleId, severity: d.severity, line: d.line, column: d.column, path: d.path })) };
}

/** Feeds bytes in chunks of the given size, to exercise lines that span chunk boundaries. */
function chunked(buf: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
}

describe("streaming JSONL reader", () => {
  // /proc/self/fd lists this process's open descriptors (Linux, where CI runs).
  it.runIf(existsSync("/proc/self/fd"))("holds no file descriptor for an input opened but never read (plain or gzip)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-fd-"));
    const plain = path.join(dir, "a.jsonl");
    const gz = path.join(dir, "a.jsonl.gz");
    writeFileSync(plain, '{"a":1}\n');
    writeFileSync(gz, gzipSync('{"a":1}\n'));
    const open = () => readdirSync("/proc/self/fd").length;
    const before = open();
    const sources = [await openByteSource(plain), await openByteSource(gz)];
    expect(open()).toBe(before);
    // Read, they still give their bytes.
    for (const src of sources) {
      let bytes = 0;
      for await (const chunk of src) bytes += chunk.length;
      expect(bytes).toBe(8);
    }
    expect(open()).toBe(before);
  });

  // The file reader reads the next chunk while the current one is parsed, into a second buffer.
  it("reads a file of many chunks byte for byte, and closes it when the reading stops early", async () => {
    const lines: string[] = [];
    for (let i = 0, bytes = 0; bytes < 3.5 * 1024 * 1024; i++) bytes += lines[lines.push(JSON.stringify({ i, pad: "x".repeat(i % 5000) })) - 1]!.length + 1;
    const p = file("chunks.jsonl", lines.join("\n") + "\n");
    const got: string[] = [];
    for await (const l of readLines(await openByteSource(p))) got.push(l.text!);
    expect(got).toEqual(lines);
    if (!existsSync("/proc/self/fd")) return;
    const open = () => readdirSync("/proc/self/fd").length;
    const before = open();
    let n = 0;
    for await (const l of readLines(await openByteSource(p))) if (++n === 1000 || !l.text) break;
    expect(open()).toBe(before);
  });

  it("measures nesting like a plain depth count, and the surrogate pre-filter misses no lone surrogate", async () => {
    const depth = (v: unknown): number => (v !== null && typeof v === "object" ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 8 }), (v, limit) => {
        if (v === null || typeof v !== "object") return;
        expect(nestedDeeperThan(v as JsonValue, limit)).toBe(depth(v) > limit);
      }),
      { numRuns: 2000, seed: 13 },
    );
    // Escapes of every case next to surrogate and non-surrogate ones, and escaped backslashes that spell
    // "ud83d" as text right before a real escape: the reader must flag exactly the lines whose parsed
    // strings are not well-formed.
    const unit = fc.constantFrom("\\ud83d", "\\uD83D", "\\ude00", "\\uDE00", "\\u00e9", "\\u0041", "\\\\u", "\\\\", "x", "\\n", "ud83d", "\\\\ud83d", "de00", "\\\\\\ude00");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 6 }), (parts) => {
        const line = `{"k":"${parts.join("")}"}`;
        const ev = parseLine({ line: 1, offset: 0, bytes: line.length, text: line });
        const lone = !(JSON.parse(line) as { k: string }).k.isWellFormed();
        expect(ev.issues?.some((i) => i.ruleId === "string-lone-surrogate") ?? false).toBe(lone);
      }),
      { numRuns: 5000, seed: 17 },
    );
  });

  it("readJsonlRecords gives what parseLines(readLines()) gives", async () => {
    const text = Buffer.from(`\ufeff${ok}\r\n\n{x\n1\n{"a":"\\ud800"}\n${"[".repeat(1500)}${"]".repeat(1500)}\n\xff\n${ok}`);
    for (const size of [1, 5, 64, 1 << 20]) {
      const a = [];
      for await (const e of readJsonlRecords(chunked(text, size), { raw: true, maxLineBytes: 2000 })) a.push(e);
      const b = [];
      for await (const e of parseLines(readLines(chunked(text, size), { raw: true, maxLineBytes: 2000 }))) b.push(e);
      expect(a).toEqual(b);
      expect(a.length).toBe(8);
    }
  });

  it("yields line numbers and byte offsets, CRLF and a missing final newline accepted", async () => {
    const text = `${ok}\r\n{"a":"é"}\n${ok}`;
    const lines = [];
    for await (const l of readLines(chunked(Buffer.from(text), 7))) lines.push(l);
    expect(lines.map((l) => [l.line, l.offset, l.text])).toEqual([
      [1, 0, ok],
      [2, ok.length + 2, '{"a":"é"}'],
      [3, ok.length + 2 + Buffer.byteLength('{"a":"é"}') + 1, ok],
    ]);
  });

  it("reports invalid UTF-8 with its line and byte column, never replacing it with U+FFFD", async () => {
    const bad = Buffer.concat([Buffer.from(`${ok}\n{"a":"x`), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n'), Buffer.from(`${ok}\n`)]);
    const { f, diags } = await readerDiagnostics(file("utf8.jsonl", bad));
    expect(diags).toEqual([{ ruleId: "utf8-invalid", severity: "error", line: 2, column: 8, path: undefined }]);
    expect(f.diagnostics[0]!.message).toContain("0xc3");
    expect(f.records).toBe(2);
  });

  it("reports a truncated multi-byte sequence split across chunks", async () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xe4, 0xb8]), Buffer.from('"}\n')]);
    const { diags } = await readerDiagnostics(chunked(bytes, 7));
    expect(diags.map((d) => [d.ruleId, d.line, d.column])).toEqual([["utf8-invalid", 1, 7]]);
  });

  it("accepts a BOM with an info diagnostic", async () => {
    const { f, diags } = await readerDiagnostics(file("bom.jsonl", `\ufeff${ok}\n`));
    expect(diags).toEqual([{ ruleId: "bom-present", severity: "info", line: 1, column: undefined, path: undefined }]);
    expect(f.records).toBe(1);
  });

  it("warns on blank and whitespace-only lines", async () => {
    const { diags } = await readerDiagnostics(file("blank.jsonl", `${ok}\n\n  \t\n${ok}\n\n`));
    // Repeats are one finding, its count in data and the other lines in related.
    expect(diags.map((d) => [d.ruleId, d.severity, d.line])).toEqual([["line-blank", "warning", 2]]);
    const { f } = await readerDiagnostics(file("blank2.jsonl", `${ok}\n\n  \t\n${ok}\n\n`));
    expect(f.diagnostics[0]).toMatchObject({ data: { occurrences: 3 }, related: [{ line: 3 }, { line: 5 }] });
    expect(f.warningCount).toBe(3);
    const all = await validate(path.join(dir, "blank.jsonl"), { rules: only("none"), allOccurrences: true });
    expect(all.files[0]!.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([["line-blank", 2], ["line-blank", 3], ["line-blank", 5]]);
  });

  it("reports invalid JSON with the column and a reason", async () => {
    const { f, diags } = await readerDiagnostics(file("json.jsonl", `${ok}\n{"a": 1,}\n{"a": NaN}\n{"a": "x\n`));
    expect(diags.map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ["json-invalid", 2, 8],
      ["json-invalid", 3, 7],
      ["json-invalid", 4, 7],
    ]);
    expect(f.diagnostics[0]!.message).toMatch(/trailing comma/);
    expect(f.diagnostics[1]!.message).toMatch(/NaN is not valid JSON/);
    expect(f.diagnostics[1]!.hint).toMatch(/json\.dumps/);
    expect(f.diagnostics[2]!.message).toMatch(/unterminated string/);
  });

  it("reports lines that are not objects", async () => {
    const { f, diags } = await readerDiagnostics(file("notobj.jsonl", `"text"\n[1,2]\nnull\n${ok}\n`));
    expect(diags.map((d) => [d.ruleId, d.line])).toEqual([
      ["record-not-object", 1],
      ["record-not-object", 2],
      ["record-not-object", 3],
    ]);
    expect(f.diagnostics.map((d) => d.message)).toEqual(["Line is a JSON string, not an object", "Line is a JSON array, not an object", "Line is a JSON null, not an object"]);
  });

  it("reports lone surrogates with the path to the string", async () => {
    // Line 3: an escaped backslash spells "ud800" as text, so the low surrogate after it is alone.
    const lines = [`{"messages":[{"role":"user","content":"a\\ud800b"}]}`, `{"messages":[{"role":"user","content":"\\ud83d\\ude00"}]}`, `{"messages":[{"role":"user","content":"\\\\ud800\\ude00"}]}`];
    const { diags } = await readerDiagnostics(file("sur.jsonl", lines.join("\n") + "\n"));
    expect(diags).toEqual([
      { ruleId: "string-lone-surrogate", severity: "error", line: 1, column: undefined, path: "/messages/0/content" },
      { ruleId: "string-lone-surrogate", severity: "error", line: 3, column: undefined, path: "/messages/0/content" },
    ]);
  });

  it("skips a line over the size limit without buffering it, and reads on", async () => {
    const long = `{"a":"${"x".repeat(5000)}"}`;
    const { f, diags } = await readerDiagnostics(chunked(Buffer.from(`${ok}\n${long}\n${ok}\n${long}`), 1000), 1024);
    expect(diags.map((d) => [d.ruleId, d.line])).toEqual([
      ["line-too-long", 2],
      ["line-too-long", 4],
    ]);
    expect(f.records).toBe(2);
    expect(f.lines).toBe(4);
    expect(f.diagnostics[0]!.message).toMatch(/5008 bytes, over the 1024-byte limit/);
  });

  it("reads .jsonl.gz transparently", async () => {
    const { f } = await readerDiagnostics(file("data.jsonl.gz", gzipSync(`${ok}\n${ok}\n`)));
    expect(f.records).toBe(2);
    expect(f.diagnostics).toEqual([]);
  });

  it("reports a corrupt gzip file as unreadable, not as passed", async () => {
    const gz = gzipSync(`${ok}\n`.repeat(100));
    await expect(validate(file("bad.jsonl.gz", gz.subarray(0, gz.length - 20)))).rejects.toThrow(/corrupt or truncated gzip/);
  });

  it("accepts async iterables of lines, of records, and Readables", async () => {
    async function* lines() {
      yield ok;
      yield "{oops";
    }
    const a = await validate(lines(), { rules: only("none") });
    expect(a.files[0]!.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([["json-invalid", 2]]);
    async function* records() {
      yield JSON.parse(ok);
      yield { messages: [] };
    }
    const b = await validate(records(), { rules: only("messages-invalid") });
    expect(b.files[0]!.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([["messages-invalid", 2]]);
    const c = await validate(Readable.from([Buffer.from(`${ok}\n`), Buffer.from("[]\n")]), { rules: only("none") });
    expect(c.files[0]!.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([["record-not-object", 2]]);
  });

  it("rejects a missing file or a directory with a one-line usage error", async () => {
    await expect(validate(path.join(dir, "missing.jsonl"))).rejects.toThrow(FtdataUsageError);
    await expect(validate(path.join(dir, "missing.jsonl"))).rejects.toThrow(/cannot read .*missing\.jsonl: no such file/);
    mkdirSync(path.join(dir, "adir"), { recursive: true });
    await expect(validate(path.join(dir, "adir"))).rejects.toThrow(/is a directory/);
  });

  it("counts lines and records so that every line is accounted for", async () => {
    const { f } = await readerDiagnostics(file("count.jsonl", `${ok}\n\n{bad\n${ok}\n[]\n`));
    expect(f.lines).toBe(5);
    expect(f.records).toBe(2);
    expect(f.diagnostics).toHaveLength(3);
  });

  it("parseLines keeps going after every kind of bad line", async () => {
    const events = [];
    for await (const e of parseLines(readLines(chunked(Buffer.from(`{x\n${ok}\n1\n${ok}`), 3)))) events.push(e);
    expect(events.map((e) => (e.value ? "record" : e.issues![0]!.ruleId))).toEqual(["json-invalid", "record", "record-not-object", "record"]);
  });
});
