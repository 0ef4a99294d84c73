/**
 * Property-based fuzzing: valid example files, mutated (bytes flipped, lines cut, duplicated,
 * reordered, random JSON and hostile bytes injected), must always give a sane report. Seeded and
 * bounded by a run count, so CI is fast and reproducible; `npm run fuzz` runs many more with a
 * fresh seed (FTDATA_FUZZ_RUNS, FTDATA_FUZZ_SEED).
 */
import type { Diagnostic } from "../src/core/diagnostic.js";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../src/core/report.js";
import { formatJson } from "../src/reporters/json.js";
import { formatStylish } from "../src/reporters/stylish.js";
import { validate, type ValidateOptions } from "../src/engine/validate.js";
import { rules } from "../src/validators/index.js";
import { chatLine, ROOT } from "./helpers/hostile.js";
import { reportShapeProblems, schemaValidator, SKIP_RULES } from "./helpers/report-shape.js";

const RUNS = Number(process.env.FTDATA_FUZZ_RUNS ?? 150);
const SEED = process.env.FTDATA_FUZZ_SEED === undefined ? 20261129 : Number(process.env.FTDATA_FUZZ_SEED);

/** Every examples/<format>/valid.jsonl (formats are added in parallel), plus built-in ones. */
function corpus(): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  const dir = path.join(ROOT, "examples");
  if (existsSync(dir)) {
    for (const d of readdirSync(dir).sort()) {
      const f = path.join(dir, d, "valid.jsonl");
      if (existsSync(f)) out.push([`examples/${d}/valid.jsonl`, readFileSync(f)]);
    }
  }
  // Built in, so the fuzz has material on any branch: chat with tools, parts, weights, unicode.
  const rich = [
    ...Array.from({ length: 10 }, (_, i) => chatLine(i, `Frage ${i}: äöü ✓ 😀`, `Antwort ${i}`)),
    JSON.stringify({
      messages: [
        { role: "system", content: "Use tools." },
        { role: "user", content: [{ type: "text", text: "Weather?" }, { type: "image_url", image_url: { url: "https://x/y.png", detail: "low" } }] },
        { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
        { role: "tool", tool_call_id: "c1", content: '{"t":21}' },
        { role: "assistant", content: "21 °C", weight: 1 },
      ],
      tools: [{ type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
    }),
  ];
  out.push(["built-in chat", Buffer.from(rich.join("\n") + "\n")]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mutations

type Mutation =
  | { t: "flip"; pos: number; byte: number }
  | { t: "insert"; pos: number; bytes: Uint8Array }
  | { t: "delete"; pos: number; len: number }
  | { t: "cut"; pos: number }
  | { t: "duplicate"; line: number }
  | { t: "swap"; a: number; b: number }
  | { t: "inject"; line: number; text: string };

const HOSTILE_BYTES = [
  [0x0a], [0x0d], [0x0d, 0x0a], [0xef, 0xbb, 0xbf], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80],
  [0xff], [0x00], [0x22], [0x5c], [0x7b], [0x5b], [0x7d], [0x5d], [0x2c], [0x3a], [0x20], [0x09],
  [...Buffer.from("\\ud800")], [...Buffer.from("NaN")], [...Buffer.from("<|im_start|>")], [...Buffer.from("__proto__")],
].map((b) => Uint8Array.from(b));

const jsonLine = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.record({
    messages: fc.array(
      fc.record({
        role: fc.oneof(fc.constantFrom("system", "user", "assistant", "tool", "developer", "function", "__proto__", "constructor", ""), fc.string()),
        content: fc.oneof(fc.string({ unit: "binary" }), fc.jsonValue({ maxDepth: 3 }), fc.constant(null)),
      }, { requiredKeys: [] }),
      { maxLength: 5 },
    ),
  }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.integer({ min: 990, max: 1010 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  fc.string({ unit: "binary", maxLength: 40 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ t: fc.constant("flip" as const), pos: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ t: fc.constant("insert" as const), pos: fc.nat(), bytes: fc.oneof(fc.constantFrom(...HOSTILE_BYTES), fc.uint8Array({ maxLength: 8 })) }),
  fc.record({ t: fc.constant("delete" as const), pos: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ t: fc.constant("cut" as const), pos: fc.nat() }),
  fc.record({ t: fc.constant("duplicate" as const), line: fc.nat() }),
  fc.record({ t: fc.constant("swap" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ t: fc.constant("inject" as const), line: fc.nat(), text: jsonLine }),
);

function applyMutation(buf: Buffer, m: Mutation): Buffer {
  const n = buf.length;
  switch (m.t) {
    case "flip": {
      if (n === 0) return buf;
      const out = Buffer.from(buf);
      out[m.pos % n] = m.byte;
      return out;
    }
    case "insert": {
      const p = n === 0 ? 0 : m.pos % (n + 1);
      return Buffer.concat([buf.subarray(0, p), m.bytes, buf.subarray(p)]);
    }
    case "delete": {
      if (n === 0) return buf;
      const p = m.pos % n;
      return Buffer.concat([buf.subarray(0, p), buf.subarray(p + m.len)]);
    }
    case "cut":
      return buf.subarray(0, n === 0 ? 0 : m.pos % (n + 1));
    default: {
      const lines = buf.toString("latin1").split("\n"); // latin1 keeps every byte as one char
      const k = lines.length;
      if (m.t === "duplicate") lines.splice(m.line % k, 0, lines[m.line % k]!);
      else if (m.t === "swap") [lines[m.a % k], lines[m.b % k]] = [lines[m.b % k]!, lines[m.a % k]!];
      else lines.splice(m.line % (k + 1), 0, Buffer.from(m.text, "utf8").toString("latin1"));
      return Buffer.from(lines.join("\n"), "latin1");
    }
  }
}

/** The bytes cut into chunks at the given sizes (cycled), as a stream would deliver them. */
async function* chunked(buf: Buffer, sizes: number[]): AsyncGenerator<Uint8Array> {
  let pos = 0;
  let i = 0;
  while (pos < buf.length) {
    const size = Math.max(1, sizes.length > 0 ? sizes[i++ % sizes.length]! : buf.length);
    yield buf.subarray(pos, pos + size);
    pos += size;
  }
}

// Every rule on (opt-in ones too), every diagnostic kept, so counts can be checked exactly.
const ALL_RULES = Object.fromEntries(rules.filter((r) => r.meta.optIn).map((r) => [r.meta.id, r.meta.defaultSeverity]));
const OPTIONS: ValidateOptions = { rules: ALL_RULES, maxDiagnosticsPerRule: 0, maxLineBytes: 4096, name: "fuzz.jsonl" };

let schemaCheck: ((r: Report) => string[]) | undefined;
beforeAll(async () => {
  schemaCheck = await schemaValidator();
});

/** A file whose first byte (after a BOM and blanks) is `[` is read as one JSON array, not as lines. */
function isArrayFile(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x5b;
}

function invariants(report: Report, bytes: Uint8Array): void {
  expect(reportShapeProblems(report)).toEqual([]);
  if (schemaCheck) expect(schemaCheck(report)).toEqual([]);
  const f = report.files[0]!;
  // No rule may crash on any input.
  expect(f.diagnostics.filter((d) => d.message.startsWith("Internal error"))).toEqual([]);
  // Each line is a record, or is skipped with exactly one reader diagnostic saying why (JSONL;
  // a JSON-array file counts elements, which may span or share lines).
  // A grouped diagnostic stands for data.occurrences lines (its own and the ones after it).
  const occurrences = (d: Diagnostic) => (typeof d.data?.occurrences === "number" ? d.data.occurrences : 1);
  const skipped = f.diagnostics.filter((d) => SKIP_RULES.has(d.ruleId));
  const skippedLines = skipped.reduce((n, d) => n + occurrences(d), 0);
  // Pretty-printed files (record-multiline) are read value by value, like arrays.
  if (!isArrayFile(bytes) && !f.diagnostics.some((d) => d.ruleId === "record-multiline")) {
    const listed = skipped.flatMap((d) => [d.line, ...(occurrences(d) > 1 ? (d.related ?? []).map((r) => r.line) : [])]);
    expect(new Set(listed).size).toBe(listed.length);
    expect(f.records + skippedLines).toBe(f.lines);
  }
  // Counts are the diagnostics by severity, each grouped one counted as often as it occurred.
  const count = (s: string) => f.diagnostics.filter((d) => d.severity === s).reduce((n, d) => n + occurrences(d), 0);
  expect(f.errorCount).toBe(count("error"));
  expect(f.warningCount).toBe(count("warning"));
  expect(f.infoCount).toBe(count("info"));
  // Reporters accept every report.
  expect(JSON.parse(formatJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  expect(typeof formatStylish(report, { color: true })).toBe("string");
}

describe(`fuzz (${RUNS} runs, seed ${SEED})`, () => {
  const files = corpus();

  it("the corpus itself is valid input for its own format", async () => {
    expect(files.length).toBeGreaterThan(0);
    for (const [name, buf] of files) {
      const report = await validate(chunked(buf, []), OPTIONS);
      expect(report.files[0]!.errorCount, name).toBe(0);
    }
  });

  it("mutated files: validate() never throws and the report keeps its invariants, whatever the chunking", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...files.map(([, b]) => b)),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 6 }),
        async (base, mutations, sizes) => {
          const bytes = mutations.reduce(applyMutation, base);
          const whole = await validate(chunked(bytes, []), OPTIONS);
          invariants(whole, bytes);
          // Where the chunk boundaries fall must not change a thing.
          const pieces = await validate(chunked(bytes, sizes), OPTIONS);
          expect(pieces).toEqual(whole);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 120_000);

  it("lines of random JSON values and strings: never throws, invariants hold", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(jsonLine, { maxLength: 20 }), async (lines) => {
        const bytes = Buffer.from(lines.join("\n"));
        const report = await validate(chunked(bytes, []), OPTIONS);
        invariants(report, bytes);
      }),
      { numRuns: RUNS, seed: SEED + 1, endOnFailure: true },
    );
  }, 120_000);
});
