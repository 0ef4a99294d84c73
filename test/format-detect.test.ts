import { describe, expect, it } from "vitest";
import { detectFormat, resolveFormat } from "../src/formats/index.js";
import { validate } from "../src/engine/validate.js";

const cases: [string, Record<string, unknown>][] = [
  ["openai-chat", { messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello" }] }],
  ["prompt-completion", { prompt: "2+2=", completion: " 4" }],
  ["text", { text: "The sky is blue." }],
  ["trl-prompt", { prompt: [{ role: "user", content: "Solve 2+2" }], solution: "4" }],
  ["trl-prompt", { prompt: "The sky is" }],
  ["trl-prompt-completion", { prompt: [{ role: "user", content: "Hi" }], completion: [{ role: "assistant", content: "Hello" }] }],
  ["sharegpt", { conversations: [{ from: "human", value: "Hi" }, { from: "gpt", value: "Hello" }], system: "Be brief." }],
  ["alpaca", { instruction: "Translate", input: "Hello", output: "Bonjour" }],
  ["gemini", { contents: [{ role: "user", parts: [{ text: "Hi" }] }, { role: "model", parts: [{ text: "Hello" }] }] }],
  ["bedrock-conversation", { schemaVersion: "bedrock-conversation-2024", messages: [{ role: "user", content: [{ text: "Hi" }] }] }],
  ["bedrock-conversation", { system: [{ text: "Be brief" }], messages: [{ role: "user", content: [{ text: "Hi" }] }] }],
];

describe("format detection", () => {
  it.each(cases)("detects %s", (id, record) => {
    const d = detectFormat(record as any);
    expect(d.format?.id).toBe(id);
    // The reason names the record's keys and what they matched.
    expect(d.reason).toContain(Object.keys(record)[0]!);
    expect(d.reason).toContain(id);
  });

  it("leaves preference-shaped records to the preference formats", () => {
    for (const r of [{ prompt: "a", chosen: "b", rejected: "c" }, { prompt: "a", completion: "b", label: true }, { conversations: [{ from: "human", value: "a" }], chosen: { from: "gpt", value: "b" }, rejected: { from: "gpt", value: "c" } }, { instruction: "a", chosen: "b", rejected: "c" }]) {
      const d = detectFormat(r as any);
      expect(["prompt-completion", "trl-prompt", "trl-prompt-completion", "sharegpt", "alpaca"]).not.toContain(d.format?.id);
    }
  });

  it("calls a record with two formats' keys ambiguous and names both", () => {
    const d = detectFormat({ text: "a", messages: [{ role: "user", content: "b" }, { role: "assistant", content: "c" }] } as any);
    expect(d.format).toBeUndefined();
    expect(d.candidates.sort()).toEqual(["openai-chat", "text"]);
    expect(d.reason).toMatch(/openai-chat .* and text|text .* and openai-chat/);
  });

  it("ambiguous files get format-unknown with a --format hint, and --format settles them", async () => {
    const rec = { text: "a", messages: [{ role: "user", content: "b" }, { role: "assistant", content: "c" }] };
    const r = await validate([rec][Symbol.iterator](), { rules: { "examples-min-count": "off" } });
    const d = r.files[0]!.diagnostics.find((x) => x.ruleId === "format-unknown");
    expect(d?.message).toMatch(/Ambiguous/);
    expect(d?.hint).toMatch(/--format/);
    const forced = await validate([rec][Symbol.iterator](), { format: "openai-chat", rules: { "examples-min-count": "off" } });
    expect(forced.files[0]!.format).toBe("openai-chat");
    expect(forced.files[0]!.formatReason).toMatch(/--format/);
  });

  it("reports the detection reason in the file report", async () => {
    const r = await validate([{ instruction: "a", output: "b" }][Symbol.iterator]());
    expect(r.files[0]!.format).toBe("alpaca");
    expect(r.files[0]!.formatReason).toMatch(/instruction.*alpaca/);
  });

  it("names shapes it recognises but does not read yet", () => {
    expect(detectFormat({ conversations: [{ from: "human", value: "a" }], chosen: { from: "gpt", value: "b" }, rejected: { from: "gpt", value: "c" } } as any).format?.id).toBe("sharegpt-ranking");
    expect(detectFormat({ input_ids: [1, 2], labels: [1, 2] } as any).reason).toMatch(/pre-tokenized/);
    expect(detectFormat({ foo: 1 } as any).reason).toMatch(/match no known format \(known: openai-chat, /);
  });

  it("resolves aliases", () => {
    expect(resolveFormat("vertex").id).toBe("gemini");
    expect(resolveFormat("bedrock").id).toBe("bedrock-conversation");
    expect(resolveFormat("llamafactory").id).toBe("sharegpt");
    expect(() => resolveFormat("sharegtp")).toThrow(/unknown format "sharegtp"/);
  });
});

describe("quality rules on the canonical example point into each format's raw record", () => {
  const only = (id: string) => ({ rules: { "examples-min-count": "off" as const, "examples-recommended-count": "off" as const, [id]: "error" as const } });
  const diag = async (records: object[], id: string) => (await validate(records[Symbol.iterator]() as any, only(id))).files[0]!.diagnostics.filter((d) => d.ruleId === id);

  it("assistant-content-empty: ShareGPT value, Alpaca output, Gemini parts, Bedrock content, prompt-completion completion", async () => {
    expect((await diag([{ conversations: [{ from: "human", value: "Hi" }, { from: "gpt", value: " " }] }], "assistant-content-empty"))[0]?.path).toBe("/conversations/1/value");
    expect((await diag([{ instruction: "Hi", output: "" }], "assistant-content-empty"))[0]?.path).toBe("/output");
    expect((await diag([{ contents: [{ role: "user", parts: [{ text: "Hi" }] }, { role: "model", parts: [{ text: "" }] }] }], "assistant-content-empty"))[0]?.path).toBe("/contents/1/parts");
    expect((await diag([{ schemaVersion: "x", messages: [{ role: "user", content: [{ text: "Hi" }] }, { role: "assistant", content: [{ text: "" }] }] }], "assistant-content-empty"))[0]?.path).toBe("/messages/1/content");
    expect((await diag([{ prompt: "Hi", completion: "" }], "assistant-content-empty"))[0]?.path).toBe("/completion");
  });

  it("assistant-missing points at `conversations` / `contents`", async () => {
    expect((await diag([{ conversations: [{ from: "human", value: "Hi" }] }], "assistant-missing"))[0]?.path).toBe("/conversations");
    expect((await diag([{ contents: [{ role: "user", parts: [{ text: "Hi" }] }] }], "assistant-missing"))[0]?.path).toBe("/contents");
  });

  it("alpaca history and system map to turns; a missing output is reported once, by the schema rule", async () => {
    const r = await validate([{ instruction: "Hi" }][Symbol.iterator](), { rules: { "examples-min-count": "off" } });
    expect(r.files[0]!.diagnostics.map((d) => d.ruleId)).toEqual(["alpaca-output-missing"]);
  });

  it("example-duplicate works across formats' own keys (ids ignored)", async () => {
    const d = await diag([{ instruction: "a", output: "b", id: 1 }, { instruction: "a", output: "b", id: 2 }], "example-duplicate");
    expect(d.map((x) => x.line)).toEqual([2]);
  });

  it("record-key-unknown uses each format's keys", async () => {
    const d = await diag([{ conversations: [{ from: "human", value: "a" }, { from: "gpt", value: "b" }], source: "web" }], "record-key-unknown");
    expect(d.map((x) => x.path)).toEqual(["/source"]);
    expect(await diag([{ conversations: [{ from: "human", value: "a" }, { from: "gpt", value: "b" }], system: "s", tools: "[]" }], "record-key-unknown")).toEqual([]);
  });
});

describe("detection from the first rows", () => {
  it("a malformed first record does not leave the file without a format", async () => {
    const recs = [{ messages: null }, { messages: [{ role: "user", content: "a" }, { role: "assistant", content: "b" }] }];
    const r = await validate(recs[Symbol.iterator]() as any, { rules: { "examples-min-count": "off" } });
    const f = r.files[0]!;
    expect(f.format).toBe("openai-chat");
    expect(f.formatReason).toMatch(/line 2/);
    expect(f.diagnostics.map((d) => [d.line, d.ruleId])).toEqual([[1, "messages-invalid"]]);
  });
  it("gives up after the first rows and reports the first record's keys", async () => {
    const recs = Array.from({ length: 12 }, (_, i) => ({ foo: i }));
    const r = await validate(recs[Symbol.iterator]() as any, { rules: { "examples-min-count": "off" } });
    expect(r.files[0]!.format).toBeNull();
    expect(r.files[0]!.diagnostics.find((d) => d.ruleId === "format-unknown")?.message).toMatch(/keys \{foo\} match no known format/);
  });
});
