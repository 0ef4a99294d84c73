/**
 * Hostile inputs: every case has an asserted outcome. The corpus is generated here (nothing large is
 * committed). Whatever the input, ftdata answers with diagnostics on the right lines (exit 1) or a
 * one-line usage error (exit 2): never a stack trace, never "passed" for input it could not read.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../src/core/report.js";
import { validate } from "../src/engine/validate.js";
import { chatLine, CLI, runCli, STACK_TRACE, startCli, tempDir, validRows } from "./helpers/hostile.js";

const MiB = 1024 * 1024;
const CHUNK = MiB; // the reader's chunk size: bad sequences are placed across this boundary
const PREFIX = '{"messages":[{"role":"user","content":"';
const SUFFIX = '"},{"role":"assistant","content":"ok"}]}';

let dir: string;
let cleanup: () => void;
const at = (name: string) => path.join(dir, name);

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

/** A record whose user content holds `seq` so that seq's first byte sits at `fileOffset` (line starts at `lineStart`). */
function recordWithBytesAt(seq: Buffer, fileOffset: number, lineStart = 0): Buffer {
  const pad = fileOffset - lineStart - PREFIX.length;
  if (pad < 0) throw new Error("offset too small");
  return Buffer.concat([Buffer.from(PREFIX + "a".repeat(pad)), seq, Buffer.from(SUFFIX + "\n")]);
}

/** Deterministic bytes (xorshift32), so a failure is reproducible. */
function pseudoRandomBytes(n: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

async function lint(file: string | AsyncIterable<Uint8Array> | Iterable<string>, options: Parameters<typeof validate>[1] = {}) {
  const report = await validate(file as never, options);
  return report.files[0]!;
}

/** Errors and warnings: the info-level count advice is noise here. */
function problems(f: Report["files"][number]) {
  return f.diagnostics.filter((d) => d.severity !== "info");
}

function byRule(f: Report["files"][number], ruleId: string) {
  return f.diagnostics.filter((d) => d.ruleId === ruleId);
}

/** Invariants every report must keep, whatever the input. */
function expectSane(f: Report["files"][number]) {
  for (const d of f.diagnostics) {
    expect(d.message).not.toMatch(/Internal error/);
    if (d.line !== undefined) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(f.lines);
    }
    if (d.column !== undefined) expect(d.column).toBeGreaterThanOrEqual(1);
  }
  expect(f.records).toBeLessThanOrEqual(f.lines);
}

describe("invalid UTF-8", () => {
  // [name, bytes inside a JSON string, offending byte]
  const cases: Array<[string, number[], string]> = [
    ["overlong 2-byte '/'", [0xc0, 0xaf], "0xc0"],
    ["overlong 3-byte '/'", [0xe0, 0x80, 0xaf], "0xe0"],
    ["overlong 4-byte '/'", [0xf0, 0x80, 0x80, 0xaf], "0xf0"],
    ["UTF-8-encoded high surrogate U+D800", [0xed, 0xa0, 0x80], "0xed"],
    ["UTF-8-encoded low surrogate U+DFFF", [0xed, 0xbf, 0xbf], "0xed"],
    ["code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], "0xf4"],
    ["lone continuation byte", [0x80], "0x80"],
    ["byte 0xFF", [0xff], "0xff"],
    ["byte 0xF5", [0xf5, 0x80, 0x80, 0x80], "0xf5"],
    ["truncated 3-byte sequence", [0xe2, 0x82], "0xe2"],
    ["truncated 4-byte sequence", [0xf0, 0x9f, 0x98], "0xf0"],
    ["Latin-1 'é'", [0xe9], "0xe9"],
  ];
  for (const [name, seq, byte] of cases) {
    it(`${name}: utf8-invalid on its line, at its column`, async () => {
      const file = at(`utf8-${byte}-${seq.length}.jsonl`);
      const bad = Buffer.concat([Buffer.from(PREFIX + "hi "), Buffer.from(seq), Buffer.from(SUFFIX + "\n")]);
      writeFileSync(file, Buffer.concat([Buffer.from(validRows(3)), bad, Buffer.from(validRows(8, 3))]));
      const f = await lint(file);
      expectSane(f);
      const d = byRule(f, "utf8-invalid");
      expect(d).toHaveLength(1);
      expect(d[0]).toMatchObject({ line: 4, column: PREFIX.length + 4, severity: "error", data: { byte } });
      expect(f.records).toBe(11); // the bad line is not a record; every other line is
      expect(f.lines).toBe(12);
    });
  }

  it("a valid 3-byte character split across the 1 MiB chunk boundary is read intact", async () => {
    const file = at("euro-boundary.jsonl");
    // € = E2 82 AC: E2 is the last byte of chunk 1, 82 AC open chunk 2.
    writeFileSync(file, Buffer.concat([recordWithBytesAt(Buffer.from("€"), CHUNK - 1), Buffer.from(validRows(10))]));
    const f = await lint(file);
    expect(problems(f)).toEqual([]);
    expect(f.records).toBe(11);
  });

  it("a valid 4-byte emoji split 2+2 across the boundary is read intact", async () => {
    const file = at("emoji-boundary.jsonl");
    writeFileSync(file, Buffer.concat([recordWithBytesAt(Buffer.from("😀"), CHUNK - 2), Buffer.from(validRows(10))]));
    const f = await lint(file);
    expect(problems(f)).toEqual([]);
  });

  const boundary: Array<[string, number[], number]> = [
    ["truncated sequence whose lead byte ends chunk 1", [0xe2, 0x82], CHUNK - 1],
    ["overlong sequence straddling the boundary", [0xe0, 0x80, 0xaf], CHUNK - 2],
    ["encoded surrogate straddling the boundary", [0xed, 0xa0, 0x80], CHUNK - 1],
    ["lone continuation byte opening chunk 2", [0x80], CHUNK],
  ];
  for (const [name, seq, offset] of boundary) {
    it(`${name}: reported with its exact line, column and byte offset`, async () => {
      const first = Buffer.from(chatLine(0) + "\n");
      const file = at(`boundary-${offset}-${seq.length}.jsonl`);
      writeFileSync(file, Buffer.concat([first, recordWithBytesAt(Buffer.from(seq), offset, first.length), Buffer.from(validRows(10, 1))]));
      const f = await lint(file);
      expectSane(f);
      const d = byRule(f, "utf8-invalid");
      expect(d).toHaveLength(1);
      expect(d[0]).toMatchObject({ line: 2, column: offset - first.length + 1, data: { offset } });
      expect(f.records).toBe(11);
    });
  }

  it("a truncated sequence at the very end of a file without final newline", async () => {
    const file = at("utf8-eof.jsonl");
    writeFileSync(file, Buffer.concat([Buffer.from(validRows(10) + PREFIX), Buffer.from([0xe2, 0x82])]));
    const f = await lint(file);
    expect(byRule(f, "utf8-invalid")).toMatchObject([{ line: 11, column: PREFIX.length + 1 }]);
  });

  it("CRLF split across the boundary (CR ends chunk 1) still counts as one line ending", async () => {
    const file = at("crlf-boundary.jsonl");
    const line = recordWithBytesAt(Buffer.from("x"), CHUNK - SUFFIX.length - 2);
    const crlf = Buffer.concat([line.subarray(0, line.length - 1), Buffer.from("\r\n")]);
    expect(crlf.indexOf(0x0d)).toBe(CHUNK - 1);
    writeFileSync(file, Buffer.concat([crlf, Buffer.from(validRows(10))]));
    const f = await lint(file);
    expect(problems(f)).toEqual([]);
    expect(f.lines).toBe(11);
  });
});

describe("over-long lines are reported without being buffered", () => {
  it("a 200 MiB line streamed in 1 MiB chunks: line-too-long with its size; the next line is read", async () => {
    // One reused 1 MiB buffer: 200 MiB go through the reader without ever existing in memory.
    const chunk = Buffer.alloc(MiB, 0x61);
    async function* chunks() {
      yield Buffer.from(chatLine(0) + "\n");
      for (let i = 0; i < 200; i++) yield chunk;
      yield Buffer.from("\n" + validRows(10, 1));
    }
    const f = await lint(chunks(), { maxLineBytes: 4 * MiB });
    expectSane(f);
    expect(byRule(f, "line-too-long")).toMatchObject([{ line: 2, data: { bytes: 200 * MiB, limit: 4 * MiB } }]);
    expect(f.records).toBe(11);
    expect(f.lines).toBe(12);
  });

  it("the limit is exact: a line of exactly maxLineBytes is read, one byte more is skipped", async () => {
    const base = chatLine(0, "x".repeat(200));
    const limit = base.length;
    const longer = chatLine(0, "x".repeat(201));
    const file = at("exact-limit.jsonl");
    writeFileSync(file, `${base}\n${longer}\n${validRows(10, 1)}`);
    const g = await lint(file, { maxLineBytes: limit });
    expect(byRule(g, "line-too-long")).toMatchObject([{ line: 2, data: { bytes: limit + 1, limit } }]);
    expect(g.records).toBe(11);
  });

  it("an over-long last line without a newline", async () => {
    const file = at("long-last.jsonl");
    writeFileSync(file, validRows(10) + "x".repeat(3 * MiB));
    const f = await lint(file, { maxLineBytes: MiB });
    expect(byRule(f, "line-too-long")).toMatchObject([{ line: 11, data: { bytes: 3 * MiB } }]);
  });

  it("CLI: --max-line-size 1 reports the line and exits 1", () => {
    const file = at("long-cli.jsonl");
    writeFileSync(file, chatLine(0) + "\n" + "y".repeat(5 * MiB) + "\n" + validRows(10, 1));
    const r = runCli(["lint", file, "--max-line-size", "1", "-r", "json"]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(problems(report.files[0]!).map((d) => [d.ruleId, d.line])).toEqual([["line-too-long", 2]]);
  });
});

describe("deep nesting is a diagnostic, not a stack overflow", () => {
  const deep = (n: number, open = "[", close = "]") => open.repeat(n) + close.repeat(n);
  const cases: Array<[string, string]> = [
    ["top-level array 100,000 deep", deep(100_000)],
    ["content 100,000 deep", `{"messages":[{"role":"user","content":${deep(100_000)}},{"role":"assistant","content":"x"}]}`],
    ["tool call arguments object 100,000 deep", `{"messages":[{"role":"user","content":"q"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}}]}]}`],
    ["tool parameters 100,000 deep", `{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"x"}],"tools":[{"type":"function","function":{"name":"f","parameters":${'{"p":'.repeat(100_000)}1${"}".repeat(100_000)}}}]}`],
    ["metadata 100,000 deep", `{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"x"}],"meta":${deep(100_000)}}`],
    ["unclosed 100,000 deep", "[".repeat(100_000)],
  ];
  for (const [name, line] of cases) {
    it(name, async () => {
      const file = at(`deep-${name.replace(/\W+/g, "-")}.jsonl`);
      writeFileSync(file, validRows(5) + line + "\n" + validRows(5, 5));
      const f = await lint(file);
      expectSane(f);
      expect(byRule(f, "json-invalid")).toMatchObject([{ line: 6, severity: "error" }]);
      expect(f.records).toBe(10);
    });
  }

  it("CLI: every reporter prints the diagnostic, exit 1, nothing on stderr", () => {
    const file = at("deep-cli.jsonl");
    writeFileSync(file, validRows(5) + `{"messages":[{"role":"user","content":${deep(100_000)}}]}\n` + validRows(5, 5));
    for (const reporter of ["json", "stylish"]) {
      const r = runCli(["lint", file, "-r", reporter]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(/nested more than 1000 levels/);
    }
  });

  it("the limit is 1,000 levels: 1,000 is read, 1,001 is reported", async () => {
    const f = await lint((function* () {
      yield `${deep(1000)}`;
      yield `${deep(1001)}`;
    })());
    expect(byRule(f, "record-not-object").map((d) => d.line)).toEqual([1]);
    expect(byRule(f, "json-invalid")).toMatchObject([{ line: 2, data: { limit: 1000 } }]);
  });
});

describe("binary, compressed and empty inputs", () => {
  it("a binary file: diagnostics on lines inside the file, exit 1, no crash", () => {
    const file = at("random.bin");
    writeFileSync(file, pseudoRandomBytes(300_000));
    const r = runCli(["lint", file, "-r", "json"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    const f = (JSON.parse(r.stdout) as Report).files[0]!;
    expectSane(f);
    expect(f.records).toBe(0);
    expect(f.lines).toBeGreaterThan(100);
    expect(new Set(f.diagnostics.map((d) => d.ruleId))).toEqual(new Set(["utf8-invalid", "json-invalid", "line-blank", "examples-min-count"].filter((id) => f.diagnostics.some((d) => d.ruleId === id))));
    expect(f.errorCount).toBeGreaterThan(100);
  });

  it("NUL bytes and control characters inside a line", async () => {
    const f = await lint((function* () { yield "\x00\x00\x00"; yield '{"a":"\x01"}'; yield "\x1b[31m{}"; })());
    expectSane(f);
    expect(byRule(f, "json-invalid").map((d) => d.line)).toEqual([1, 2, 3]);
  });

  it("a gzip bomb (64 MiB of zeros in 64 KiB) is bounded by the line-size limit", () => {
    const file = at("bomb.jsonl.gz");
    writeFileSync(file, gzipSync(Buffer.alloc(64 * MiB), { level: 9 }));
    const r = runCli(["lint", file, "--max-line-size", "1", "-r", "json"]);
    expect(r.status).toBe(1);
    const f = (JSON.parse(r.stdout) as Report).files[0]!;
    expect(byRule(f, "line-too-long")).toMatchObject([{ line: 1, data: { bytes: 64 * MiB, limit: MiB } }]);
  });

  it("a gzip bomb of newlines: diagnostics listed up to the per-rule limit, all of them counted", async () => {
    const file = at("newline-bomb.jsonl.gz");
    writeFileSync(file, gzipSync(Buffer.alloc(300_000, 0x0a), { level: 9 }));
    // Grouped (the default): one finding with its count and first lines.
    const grouped = await lint(file, { maxDiagnosticsPerRule: 1000 });
    expect(grouped.lines).toBe(300_000);
    const one = byRule(grouped, "line-blank");
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ line: 1, data: { occurrences: 300_000 } });
    expect(one[0]!.related?.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(grouped.warningCount).toBe(300_000);
    // Every occurrence: listed up to the per-rule limit, all counted.
    const f = await lint(file, { maxDiagnosticsPerRule: 1000, allOccurrences: true });
    const blank = byRule(f, "line-blank");
    expect(blank).toHaveLength(1001);
    expect(blank.find((d) => d.line === undefined)).toMatchObject({ data: { omitted: 299_000, limit: 1000 } });
    expect(f.warningCount).toBe(300_000);
  });

  it("a truncated gzip file is a one-line usage error (exit 2), not a partial pass", () => {
    const file = at("truncated.jsonl.gz");
    const gz = gzipSync(Buffer.from(validRows(2000)));
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length / 2)));
    const r = runCli(["lint", file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^ftdata lint: cannot read .*truncated\.jsonl\.gz: corrupt or truncated gzip data\n$/);
  });

  it("an empty file is read, has no records and does not pass", async () => {
    const file = at("empty.jsonl");
    writeFileSync(file, "");
    const f = await lint(file);
    expect(f).toMatchObject({ lines: 0, records: 0 });
    expect(byRule(f, "examples-min-count")).toHaveLength(1);
    expect(runCli(["lint", file]).status).toBe(1);
  });

  it("a file of only newlines", async () => {
    const file = at("newlines.jsonl");
    writeFileSync(file, "\n\n\r\n  \n");
    const f = await lint(file, { allOccurrences: true });
    expect(byRule(f, "line-blank").map((d) => d.line)).toEqual([1, 2, 3, 4]);
    const grouped = byRule(await lint(file), "line-blank");
    expect(grouped.map((d) => [d.line, d.data?.occurrences, d.related?.map((r) => r.line)])).toEqual([[1, 4, [2, 3, 4]]]);
    expect(grouped[0]!.message).toBe("Blank line (on 4 lines: 1, 2, 3, 4)");
    expect(f.records).toBe(0);
  });
});

describe("paths that cannot be read are usage errors (exit 2, one line)", () => {
  it("a directory", () => {
    const d = at("a-directory");
    mkdirSync(d);
    const r = runCli(["lint", d]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^ftdata lint: cannot read .*a-directory: is a directory\n$/);
  });

  it("a missing file", () => {
    const r = runCli(["lint", at("missing.jsonl")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/: no such file\n$/);
  });

  it("a symlink loop", () => {
    symlinkSync(at("loop-b"), at("loop-a"));
    symlinkSync(at("loop-a"), at("loop-b"));
    const r = runCli(["lint", at("loop-a")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/too many symbolic links\n$/);
  });

  it("no report is printed when one of several inputs is unreadable", () => {
    const ok = at("ok.jsonl");
    writeFileSync(ok, validRows(10));
    const r = runCli(["lint", ok, at("nope.jsonl")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
  });

  // Root ignores file permissions, so as root the check drops to the `nobody` user with setpriv;
  // test/hostile-permissions.test.ts proves the same path with a mocked EACCES.
  const isRoot = process.getuid?.() === 0;
  let canDrop = false;
  if (isRoot) {
    try {
      execFileSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, "-e", "0"], { stdio: "ignore" });
      canDrop = true;
    } catch {
      canDrop = false;
    }
  }
  it.skipIf(isRoot && !canDrop)("a file without read permission", () => {
    const file = at("secret.jsonl");
    writeFileSync(file, validRows(10));
    chmodSync(file, 0o000);
    chmodSync(dir, 0o755);
    const prefix = isRoot ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
    const r = runCli(["lint", file], { prefix, cwd: "/" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^ftdata lint: cannot read .*secret\.jsonl: permission denied\n$/);
  });
});

describe("FIFOs and stdin", () => {
  const hasMkfifo = (() => {
    try {
      execFileSync("mkfifo", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasMkfifo)("a FIFO (as from `<(zcat data.gz)`) is read as a stream, plain or gzipped", async () => {
    for (const [name, data] of [["plain", Buffer.from(validRows(10) + "{bad\n")], ["gzip", gzipSync(validRows(10) + "{bad\n")]] as const) {
      const fifo = at(`fifo-${name}`);
      execFileSync("mkfifo", [fifo]);
      const { done } = startCli(["lint", fifo, "-r", "json"]);
      await writeFile(fifo, data);
      const r = await done;
      expect(r.stderr).toBe("");
      expect(r.status).toBe(1);
      const f = (JSON.parse(r.stdout) as Report).files[0]!;
      expect(f.records).toBe(10);
      expect(problems(f).map((d) => [d.ruleId, d.line])).toEqual([["json-invalid", 11]]);
    }
  });

  it("stdin closed in the middle of a line: the truncated line is reported", async () => {
    const { child, done } = startCli(["lint", "-", "-r", "json"]);
    child.stdin.write(validRows(10));
    child.stdin.end('{"messages":[{"role":"user","con');
    const r = await done;
    expect(r.status).toBe(1);
    const f = (JSON.parse(r.stdout) as Report).files[0]!;
    expect(f.file).toBe("<stdin>");
    expect(problems(f)).toMatchObject([{ ruleId: "json-invalid", line: 11, hint: expect.stringMatching(/truncated/) }]);
  });

  it("stdin closed before any data: no records, does not pass", async () => {
    const { child, done } = startCli(["lint", "-"]);
    child.stdin.end();
    const r = await done;
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/0 examples/);
  });

  it("stdin already closed when ftdata starts (`<&-`)", () => {
    const closed = execFileSyncStatus("sh", ["-c", `exec "${process.execPath}" "${CLI}" lint - <&-`]);
    expect(closed.status).toBe(1);
    expect(closed.stderr).not.toMatch(STACK_TRACE);
  });
});

function execFileSyncStatus(cmd: string, args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    return { status: 0, stdout, stderr: "" };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("line endings", () => {
  it("mixed LF, CRLF and a lone CR: lines counted by LF, the lone CR explained", async () => {
    const file = at("mixed-eol.jsonl");
    writeFileSync(file, `${chatLine(1)}\n${chatLine(2)}\r\n${chatLine(3)}\r${chatLine(4)}\n${validRows(10, 5)}`);
    const f = await lint(file);
    expectSane(f);
    expect(f.lines).toBe(13);
    expect(f.records).toBe(12);
    expect(byRule(f, "json-invalid")).toMatchObject([{ line: 3, hint: expect.stringMatching(/lone CR/) }]);
  });

  it("a truncated last line (no newline) is reported on its line", async () => {
    const file = at("truncated-last.jsonl");
    writeFileSync(file, validRows(10) + '{"messages":[{"role":"user","content":"Hel');
    const f = await lint(file);
    expect(byRule(f, "json-invalid")).toMatchObject([{ line: 11, hint: expect.stringMatching(/truncated/) }]);
    expect(f.records).toBe(10);
  });
});

describe("hostile keys and values", () => {
  it("__proto__, constructor and toString as keys and roles are data, not prototypes", async () => {
    const rec = '{"messages":[{"role":"__proto__","content":"a"},{"role":"constructor","content":[{"type":"constructor"}]},{"role":"toString","content":"b","__proto__":1},{"role":"user","content":"q","constructor":{}},{"role":"assistant","content":"x"}],"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
    const f = await lint((function* () { yield rec; })());
    expectSane(f);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(byRule(f, "message-role-invalid").map((d) => d.path)).toEqual(["/messages/0/role", "/messages/1/role", "/messages/2/role"]);
    expect(byRule(f, "record-key-unknown").map((d) => d.path)).toEqual(["/__proto__", "/constructor"]);
    expect(byRule(f, "message-key-unknown").map((d) => d.path)).toEqual(["/messages/3/constructor"]);
  });

  it("huge and tiny numbers are shown as written, not as null", async () => {
    const f = await lint((function* () {
      yield '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"x","weight":1e400}],"n":123456789012345678901234567890}';
    })());
    expect(byRule(f, "assistant-weight-invalid")[0]!.message).toMatch(/Infinity/);
  });

  it("very long strings: messages stay short", async () => {
    const long = "z".repeat(5 * MiB);
    const f = await lint((function* () {
      yield JSON.stringify({ messages: [{ role: long, content: "q" }, { role: "assistant", content: long }], [long]: 1 });
    })());
    expectSane(f);
    expect(f.diagnostics.length).toBeGreaterThan(0);
    for (const d of f.diagnostics) expect(d.message.length).toBeLessThan(400);
  });

  it("10,000 distinct keys in one record: one diagnostic per key, all on line 1", async () => {
    const rec: Record<string, unknown> = { messages: [{ role: "user", content: "q" }, { role: "assistant", content: "x" }] };
    for (let i = 0; i < 10_000; i++) rec[`k${i}`] = i;
    const f = await lint((function* () { yield JSON.stringify(rec); })());
    const d = byRule(f, "record-key-unknown");
    expect(d).toHaveLength(10_000);
    expect(new Set(d.map((x) => x.line))).toEqual(new Set([1]));
  });
});

describe("every corpus file through the CLI: exit 1 with a parseable report or exit 2 with one line", () => {
  it("no case prints a stack trace or passes", () => {
    const files = [
      "random.bin", "empty.jsonl", "newlines.jsonl", "mixed-eol.jsonl", "truncated-last.jsonl",
      "truncated.jsonl.gz", "a-directory", "missing.jsonl", "loop-a", "utf8-eof.jsonl",
    ];
    for (const name of files) {
      for (const reporter of name === "random.bin" ? ["json", "stylish"] : ["json"]) {
        const r = runCli(["lint", at(name), "-r", reporter, "--max-line-size", "1"]);
        expect(r.stderr, name).not.toMatch(STACK_TRACE);
        expect(r.stdout, name).not.toMatch(STACK_TRACE);
        expect([1, 2], name).toContain(r.status);
        if (r.status === 2) expect(r.stderr.trimEnd().split("\n"), name).toHaveLength(1);
        if (r.status === 1 && reporter === "json") expectSane((JSON.parse(r.stdout) as Report).files[0]!);
      }
    }
  }, 120_000);
});

describe("records passed as objects (library input)", () => {
  it("a cyclic object and a 100,000-deep object are diagnostics, not crashes", async () => {
    const cyclic: Record<string, unknown> = { messages: [{ role: "user", content: "q" }, { role: "assistant", content: "a" }] };
    cyclic.self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    const records = [cyclic, { messages: [{ role: "user", content: "q" }, { role: "assistant", content: "a", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: deep } }] }] }, JSON.parse(chatLine(3))];
    const f = await lint((function* () { yield* records; })() as never, { allOccurrences: true });
    expectSane(f);
    expect(byRule(f, "json-invalid").map((d) => d.line)).toEqual([1, 2]);
    expect(f.records).toBe(1);
  });
});
