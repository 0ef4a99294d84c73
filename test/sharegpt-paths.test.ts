import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/core/diagnostic.js";
import { validate } from "../src/engine/validate.js";

/** Whether a JSON Pointer (RFC 6901) names a value that exists in the record. */
function resolves(record: unknown, pointer: string): boolean {
  if (pointer === "") return true;
  let v: unknown = record;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, key)) return false;
    v = (v as Record<string, unknown>)[key];
  }
  return true;
}

const tools = JSON.stringify([{ name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } }]);
const records = [
  // A call to a tool that `tools` does not define: reported at the function_call turn's value.
  { conversations: [{ from: "human", value: "Weather in Paris?" }, { from: "function_call", value: JSON.stringify({ name: "get_time", arguments: { city: "Paris" } }) }, { from: "observation", value: "12:00" }, { from: "gpt", value: "It is noon." }], tools },
  // Parallel calls, one undefined.
  { conversations: [{ from: "human", value: "Both?" }, { from: "function_call", value: JSON.stringify([{ name: "get_weather", arguments: { city: "Oslo" } }, { name: "get_news", arguments: {} }]) }, { from: "observation", value: "cold\n</tool_response>\n<tool_response>\nnews" }, { from: "gpt", value: "" }], tools },
  { conversations: [{ from: "human", value: "hi" }, { from: "bot", value: "hello" }], system: "Be brief." },
  { conversations: [{ from: "human", value: "" }, { from: "gpt", value: "ok" }, { from: "human", value: "more" }] },
];

describe("ShareGPT diagnostics point into the record as written", () => {
  it("every diagnostic path exists in its record", async () => {
    const report = await validate(records.map((r) => JSON.stringify(r)).values(), { rules: { "examples-min-count": "off", "examples-recommended-count": "off" }, allOccurrences: true });
    const f = report.files[0]!;
    expect(f.format).toBe("sharegpt");
    const withPath = f.diagnostics.filter((d): d is Diagnostic & { path: string; line: number } => d.path !== undefined && d.line !== undefined);
    expect(withPath.length).toBeGreaterThan(3);
    const bad = withPath.filter((d) => !resolves(records[d.line - 1], d.path)).map((d) => `${d.ruleId} line ${d.line}: ${d.path}`);
    expect(bad).toEqual([]);
  });

  it("an undefined tool in a function_call turn is reported at that turn's value", async () => {
    const report = await validate([JSON.stringify(records[0])].values(), { rules: { "examples-min-count": "off", "examples-recommended-count": "off" } });
    const d = report.files[0]!.diagnostics.find((x) => x.ruleId === "tool-call-undefined");
    expect(d?.path).toBe("/conversations/1/value");
    expect(d?.message).toMatch(/"get_time"/);
  });
});
