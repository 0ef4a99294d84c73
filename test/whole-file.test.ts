import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validate } from "../src/engine/validate.js";

const dir = mkdtempSync(path.join(tmpdir(), "ftdata-whole-file-"));
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "whole-file");
const noCount = { "examples-min-count": "off", "examples-recommended-count": "off" } as const;

function file(name: string, content: string): string {
  writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
}

async function lint(p: string) {
  const f = (await validate(p, { rules: noCount })).files[0]!;
  return { f, ids: f.diagnostics.map((d) => [d.ruleId, d.line]) };
}

const chat = (q: string, a: string) => ({ messages: [{ role: "user", content: q }, { role: "assistant", content: a }] });

describe("whole-file mistakes are said once", () => {
  it("one pretty-printed record in a .jsonl: one error, and the record is still checked", async () => {
    const { f, ids } = await lint(file("one.jsonl", JSON.stringify(chat("hi", ""), null, 2) + "\n"));
    expect(ids).toEqual([["assistant-content-empty", 1], ["record-multiline", 1]]);
    expect(f.diagnostics[1]!.message).toBe("The file is one JSON object over 12 lines, not JSONL (one record per line)");
    expect(f.diagnostics[1]!.hint).toMatch(/json\.dumps\(record\)/);
    expect(f.records).toBe(1);
    expect(f.lines).toBe(12);
  });

  it("pretty-printed records one after another: one error, every record read on its first line", async () => {
    const text = [chat("a", "b"), chat("c", ""), chat("e", "f")].map((r) => JSON.stringify(r, null, 2)).join("\n") + "\n";
    const { f, ids } = await lint(file("many.jsonl", text));
    expect(ids).toEqual([["record-multiline", 1], ["assistant-content-empty", 13]]);
    expect(f.records).toBe(3);
    expect(f.format).toBe("openai-chat");
  });

  it("a LLaMA-Factory dataset_info.json: says what it is, once", async () => {
    const { f, ids } = await lint(path.join(fixtures, "dataset_info.json"));
    expect(ids).toEqual([["record-multiline", 1]]);
    expect(f.diagnostics[0]!.message).toBe("The file is a LLaMA-Factory dataset_info.json (a registry of 8 datasets), not a dataset");
    expect(f.records).toBe(0);
  });

  it("one object holding the records under a key: names the key and how to extract them", async () => {
    const doc = { version: "1.0", data: [{ instruction: "a", output: "b" }, { instruction: "c", output: "d" }] };
    const { f, ids } = await lint(file("nested.json", JSON.stringify(doc, null, 2)));
    expect(ids).toEqual([["record-multiline", 1]]);
    expect(f.diagnostics[0]!.message).toMatch(/2 records are under "data"/);
    expect(f.diagnostics[0]!.hint).toBe("extract them one per line: jq -c '.data[]' in.json > out.jsonl");
  });

  it("JSONL written with Python's repr: one error naming the cause, with the first lines", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `{'messages': [{'role': 'user', 'content': 'q${i}'}, {'role': 'assistant', 'content': "it's ${i}"}], 'ok': True}`);
    const { f, ids } = await lint(file("repr.jsonl", rows.join("\n") + "\n"));
    expect(ids).toEqual([["json-invalid", 1]]);
    const d = f.diagnostics[0]!;
    expect(d.message).toMatch(/^Invalid JSON: the line is a Python dict written with repr\(\) or str\(\).*\(on 40 lines: 1, 2, 3, 4, 5 and 35 more\)$/);
    expect(d.hint).toMatch(/json\.dumps/);
    expect(d.data?.occurrences).toBe(40);
    expect(f.errorCount).toBe(40);
  });

  it("a JSONL file whose first line is cut off is still read as JSONL", async () => {
    const good = JSON.stringify(chat("a", "b"));
    const { f, ids } = await lint(file("cut.jsonl", `{"messages": [{"role": "user",\n${good}\n${JSON.stringify(chat("c", "d"))}\n`));
    expect(ids).toEqual([["json-invalid", 1]]);
    expect(f.records).toBe(2);
  });

  it("ordinary JSONL and JSON arrays are untouched", async () => {
    const { ids: a } = await lint(file("ok.jsonl", [chat("a", "b"), chat("c", "d")].map((r) => JSON.stringify(r)).join("\n") + "\n"));
    expect(a).toEqual([]);
    const { f, ids: b } = await lint(file("ok.json", JSON.stringify([chat("a", "b"), chat("c", "d")], null, 2)));
    expect(b).toEqual([]);
    expect(f.records).toBe(2);
  });
});
