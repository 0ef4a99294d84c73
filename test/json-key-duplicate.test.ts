import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { findDuplicateKeys, mayHaveDuplicateKeys } from "../src/engine/json-duplicate-keys.js";
import { validate } from "../src/engine/validate.js";

const lint = async (lines: string[]) =>
  (await validate(lines.values(), { rules: { "examples-min-count": "off", "examples-recommended-count": "off" } })).files[0]!.diagnostics.filter((d) => d.ruleId === "json-key-duplicate");

describe("json-key-duplicate", () => {
  it("warns with the line and the key when a message repeats a key", async () => {
    const d = await lint(['{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}', '{"messages": [{"role": "user", "content": "q2"}, {"role": "assistant", "content": "draft", "content": "final"}]}']);
    expect(d.map((x) => [x.line, x.path, x.severity, x.message])).toEqual([
      [2, "/messages/1/content", "warning", 'Duplicate key "content": JSON parsers keep only its last value, the earlier one is lost'],
    ]);
  });

  it("finds duplicates at the top level, in arrays of objects and with escapes in keys", () => {
    expect(findDuplicateKeys('{"a": 1, "b": {"x": [1, {"k": 2, "k": 3}]}, "a": 4}')).toEqual([
      { path: "/b/x/1", key: "k" },
      { path: "", key: "a" },
    ]);
    expect(findDuplicateKeys('{"a\\"b": 1, "a\\u0022b": 2}')).toEqual([{ path: "", key: 'a"b' }]);
    expect(findDuplicateKeys('{"a" : 1 , "a" :2}')).toEqual([{ path: "", key: "a" }]);
  });

  it("no false positive: same key in sibling objects, keys inside strings, JSON in strings", async () => {
    const args = JSON.stringify({ city: "Paris", city2: "x" });
    const line = JSON.stringify({ messages: [{ role: "user", content: 'say "role": "x"' }, { role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: args } }] }] });
    expect(mayHaveDuplicateKeys(line, JSON.parse(line))).toBe(false);
    expect(await lint([line])).toEqual([]);
  });

  it("the cheap check never misses a duplicate written without space before the colon (property)", () => {
    const key = fc.constantFrom("a", "b", "role", "content", 'q"x', "a\\b");
    const obj: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, fc.string(), fc.integer(), tie("object"), fc.array(tie("value"), { maxLength: 3 })),
      object: fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }),
    })).value;
    const write = (v: unknown): string => {
      if (Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === "string")) return `{${(v as [string, unknown][]).map(([k, x]) => `${JSON.stringify(k)}: ${write(x)}`).join(", ")}}`;
      if (Array.isArray(v)) return `[${v.map(write).join(", ")}]`;
      return JSON.stringify(v);
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(key, obj), { maxLength: 5 }), (pairs) => {
        const text = write(pairs);
        const exact = findDuplicateKeys(text).length > 0;
        if (exact) expect(mayHaveDuplicateKeys(text, JSON.parse(text))).toBe(true);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
