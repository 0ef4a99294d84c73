import { describe, expect, it } from "vitest";
import { validate } from "../src/engine/validate.js";

const row = (i: number, schemaVersion = true) =>
  JSON.stringify({
    ...(schemaVersion ? { schemaVersion: "bedrock-conversation-2024" } : {}),
    messages: [
      { role: "user", content: [{ text: `q${i}` }] },
      { role: "assistant", content: [{ text: `a${i}` }] },
    ],
  });

describe("a Bedrock row without schemaVersion", () => {
  it("is a Bedrock row missing its schemaVersion, not an openai-chat row; the counts agree", async () => {
    const lines = Array.from({ length: 11 }, (_, i) => row(i + 1, i !== 5));
    const f = (await validate(lines.values(), { rules: { "examples-min-count": "off" } })).files[0]!;
    expect(f.format).toBe("bedrock-conversation");
    expect(f.records).toBe(11);
    expect(f.diagnostics.map((d) => [d.ruleId, d.line, d.message])).toEqual([
      ["examples-recommended-count", undefined, "The file has 11 examples; start from about 50 well-crafted ones and add more only if they measurably help"],
      ["bedrock-schema-version-missing", 6, 'Record has no `schemaVersion`; Bedrock\'s format uses "bedrock-conversation-2024"'],
    ]);
  });

  it("a whole file without schemaVersion (and without system) is detected as Bedrock", async () => {
    const lines = Array.from({ length: 3 }, (_, i) => row(i, false));
    const f = (await validate(lines.values(), { rules: { "examples-min-count": "off" } })).files[0]!;
    expect(f.format).toBe("bedrock-conversation");
    expect(f.diagnostics.map((d) => d.ruleId)).toEqual(["bedrock-schema-version-missing", "bedrock-schema-version-missing", "bedrock-schema-version-missing"]);
  });

  it("OpenAI content parts (with type) stay openai-chat", async () => {
    const line = JSON.stringify({ messages: [{ role: "user", content: [{ type: "text", text: "q" }] }, { role: "assistant", content: "a" }] });
    expect((await validate([line].values())).files[0]!.format).toBe("openai-chat");
  });
});
