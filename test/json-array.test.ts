import { describe, expect, it } from "vitest";
import { validate } from "../src/engine/validate.js";

const enc = new TextEncoder();
/** Feeds text as byte chunks of the given size: element boundaries land anywhere. */
function chunks(text: string | Uint8Array, size: number): Iterable<Uint8Array> {
  const bytes = typeof text === "string" ? enc.encode(text) : text;
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}
const quiet = { rules: { "examples-min-count": "off" as const, "examples-recommended-count": "off" as const } };
async function lint(text: string | Uint8Array, size = 1 << 20, extra: object = {}) {
  const r = await validate((async function* () { yield* chunks(text, size); })(), { ...quiet, ...extra });
  const f = r.files[0]!;
  return { format: f.format, records: f.records, diags: f.diagnostics.map((d) => [d.line, d.ruleId, d.path ?? ""]) };
}

const ALPACA = [
  { instruction: "Translate to French", input: "Hello", output: "Bonjour" },
  { instruction: "Tricky [brackets], {braces}, \"quotes\" and \\ backslashes", input: "a,b]", output: "ok" },
  { instruction: "Missing output" },
  { instruction: "Multi\nline", input: "", output: "" },
];

describe("JSON array files", () => {
  it("reads each element with the line it starts on, whatever the chunk size", async () => {
    const text = JSON.stringify(ALPACA, null, 2);
    // Elements start on lines 2, 7, 12 and 15 of the pretty-printed file.
    const expected = { format: "alpaca", records: 4, diags: [[12, "alpaca-output-missing", ""], [15, "assistant-content-empty", "/output"]] };
    expect(text.split("\n")[11]).toBe("  {");
    for (const size of [1, 2, 7, 64, 1 << 20]) expect(await lint(text, size), `chunk size ${size}`).toEqual(expected);
  });

  it("reads compact arrays, a BOM, and an empty array", async () => {
    expect(await lint("\uFEFF" + JSON.stringify(ALPACA.slice(0, 2)))).toEqual({ format: "alpaca", records: 2, diags: [[1, "bom-present", ""]] });
    expect(await lint("  [ ]\n")).toEqual({ format: null, records: 0, diags: [] });
  });

  it("reports broken structure on its line and keeps reading", async () => {
    const text = '[\n{"text": "a"},\n{"text": "b"} {"text": "c"},\n{"text": },\n,\n{"text": "d"},\n]';
    const r = await lint(text, 3);
    expect(r.records).toBe(2);
    // Missing comma (3), missing value (4), stray comma (5), trailing comma (7).
    expect(r.diags.map((d) => [d[0], d[1]])).toEqual([[3, "json-invalid"], [4, "json-invalid"], [5, "json-invalid"], [7, "json-invalid"]]);
  });

  it("says when the array is not closed or followed by more data", async () => {
    const open = await lint('[{"text": "a"},\n{"text": "b"}\n');
    expect(open.records).toBe(2);
    expect(open.diags).toEqual([[3, "json-invalid", ""]]);
    const after = await lint('[{"text": "a"}]\n{"text": "b"}\n');
    expect(after.records).toBe(1);
    expect(after.diags).toEqual([[2, "json-invalid", ""]]);
  });

  it("non-object elements, invalid UTF-8 and oversized elements are reported on their line", async () => {
    expect((await lint('[{"text": "a"},\n42]')).diags).toEqual([[2, "record-not-object", ""]]);
    const bytes = new Uint8Array([...enc.encode('[{"text": "a"},\n{"text": "'), 0xff, ...enc.encode('"}]')]);
    expect((await lint(bytes, 5)).diags).toEqual([[2, "utf8-invalid", ""]]);
    const big = `[{"text": "a"},\n{"text": "${"x".repeat(200)}"},\n{"text": "c"}]`;
    const r = await lint(big, 16, { maxLineBytes: 100 });
    expect(r.records).toBe(2);
    expect(r.diags).toEqual([[2, "line-too-long", ""]]);
  });

  it("JSONL is still read line by line", async () => {
    expect(await lint('{"text": "a"}\n{"text": ""}\n', 4)).toEqual({ format: "text", records: 2, diags: [[2, "text-invalid", "/text"]] });
  });
});
