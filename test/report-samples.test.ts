import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { collectSamples } from "../src/samples.js";
import { validate } from "../src/engine/validate.js";

const dir = mkdtempSync(path.join(tmpdir(), "ftdata-samples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, data: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
}

const ok = (i: number) => JSON.stringify({ messages: [{ role: "user", content: `question ${i}` }, { role: "assistant", content: `answer ${i}` }] });
const empty = (i: number) => JSON.stringify({ messages: [{ role: "user", content: `question ${i}` }, { role: "assistant", content: "" }] });

describe("collectSamples", () => {
  it("reads back at most perRule distinct lines per rule, with the original of a duplicate", async () => {
    const lines = [ok(0)];
    for (let i = 1; i < 60; i++) lines.push(i % 2 === 0 ? empty(i) : ok(0)); // odd lines: duplicates of line 1
    const file = write("many.jsonl", lines.join("\n") + "\n");
    // Near-duplicate detection would add the templated questions as a third rule.
    const report = await validate(file, { cwd: dir, nearDup: false });
    const samples = await collectSamples(report, { perRule: 5, cwd: dir });
    const got = samples.files["many.jsonl"]!.examples.map((e) => e.line);
    // example-duplicate: lines 2, 4, 6, 8, 10 (+ line 1, their original); assistant-content-empty: 3, 5, 7, 9, 11.
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(samples.files["many.jsonl"]!.examples[2]!.text).toBe(lines[2]);
    expect(samples.perRule).toBe(5);
  });

  it("cuts long lines at maxBytes on a character boundary and says how long they were", async () => {
    const long = JSON.stringify({ messages: [{ role: "user", content: "é".repeat(100) + "🙂".repeat(100) }, { role: "assistant", content: "" }] });
    const file = write("long.jsonl", `${long}\r\n${empty(2)}\r\n`);
    const report = await validate(file, { cwd: dir });
    const samples = await collectSamples(report, { maxBytes: 250, cwd: dir });
    const [first, second] = samples.files["long.jsonl"]!.examples;
    expect(first!.truncated).toBe(true);
    expect(first!.bytes).toBe(Buffer.byteLength(long));
    expect(Buffer.byteLength(first!.text)).toBeLessThanOrEqual(250);
    expect(first!.text).not.toContain("\uFFFD"); // no emoji cut in half
    expect(long.startsWith(first!.text)).toBe(true);
    // The CR of a CRLF line is not part of the example.
    expect(second).toEqual({ line: 2, text: empty(2), bytes: Buffer.byteLength(empty(2)), truncated: false });
  });

  it("reads gzipped files, skips a BOM and shows invalid UTF-8 with replacement characters", async () => {
    const raw = Buffer.concat([Buffer.from("\uFEFF" + empty(1) + "\n"), Buffer.from('{"messages": "\xff"}\n', "latin1")]);
    const file = write("data.jsonl.gz", gzipSync(raw));
    const report = await validate(file, { cwd: dir });
    const samples = await collectSamples(report, { cwd: dir });
    const examples = samples.files["data.jsonl.gz"]!.examples;
    expect(examples.map((e) => e.line)).toEqual([1, 2]);
    expect(examples[0]!.text).toBe(empty(1));
    expect(examples[1]!.text).toBe('{"messages": "\uFFFD"}');
  });

  it("says why examples are missing for stdin, in-memory inputs and files gone since validation", async () => {
    const report = await validate(new Set([empty(1)])); // an iterable of lines, not a path
    expect((await collectSamples(report)).files["<input>"]!.unavailable).toMatch(/in-memory input/);
    report.files[0]!.file = "<stdin>";
    expect((await collectSamples(report)).files["<stdin>"]!.unavailable).toMatch(/standard input, which cannot be read a second time/);
    const file = write("gone.jsonl", empty(1) + "\n");
    const gone = await validate(file, { cwd: dir });
    rmSync(file);
    const s = await collectSamples(gone, { cwd: dir });
    expect(s.files["gone.jsonl"]!.unavailable).toMatch(/could not be read again .*no such file/);
    expect(s.files["gone.jsonl"]!.examples).toEqual([]);
  });

  it("keeps the sample bounded for a large broken file", async () => {
    const lines: string[] = [];
    for (let i = 0; i < 4_000; i++) lines.push(i % 2 === 0 ? empty(i) : `{"broken": ${i}`);
    const file = write("big.jsonl", lines.join("\n") + "\n");
    const report = await validate(file, { cwd: dir, nearDup: false, allOccurrences: true });
    expect(report.files[0]!.diagnostics.length).toBeGreaterThanOrEqual(4_000);
    const samples = await collectSamples(report, { cwd: dir });
    const examples = samples.files["big.jsonl"]!.examples;
    // Two line-level rules (empty answer, invalid JSON), 20 lines each.
    expect(examples).toHaveLength(40);
    expect(Math.max(...examples.map((e) => e.line))).toBe(40);
  });
});
