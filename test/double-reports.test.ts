import { describe, expect, it } from "vitest";
import { validate } from "../src/engine/validate.js";

/** Rule ids (with JSON Pointer) per line, every rule on except the count rules. */
async function byLine(format: string, rows: unknown[]): Promise<Record<number, string[]>> {
  const r = await validate(
    (function* () {
      for (const x of rows) yield JSON.stringify(x);
    })(),
    { format, rules: { "examples-min-count": "off", "examples-recommended-count": "off" } },
  );
  const by: Record<number, string[]> = {};
  for (const d of r.files[0]!.diagnostics) (by[d.line ?? 0] ??= []).push(d.ruleId + (d.path ? "@" + d.path : ""));
  return by;
}

// One defect, one diagnostic: a field of the wrong type is the schema rule's finding; it is not also an
// empty answer, and the row does not take part in the duplicate rules as if its text were "".
describe("a wrong-typed field gets one diagnostic", () => {
  it('prompt-completion: "completion": 123 is completion-invalid only, and no other row is its duplicate', async () => {
    expect(await byLine("prompt-completion", [{ prompt: "hi", completion: 123 }, { prompt: "hi", completion: "" }, { prompt: "yo", completion: null }])).toEqual({
      1: ["completion-invalid@/completion"],
      2: ["assistant-content-empty@/completion"],
      3: ["completion-invalid@/completion"],
    });
  });

  it('text: "text": ["list"] is not the duplicate of another row\'s ""', async () => {
    expect(await byLine("text", [{ text: ["list"] }, { text: "" }, { text: 5 }, { text: "ok" }])).toEqual({
      1: ["text-invalid@/text"],
      2: ["text-invalid@/text"],
      3: ["text-invalid@/text"],
    });
  });

  it("the other formats: a wrong-typed answer is neither empty nor the duplicate of an empty one", async () => {
    expect(await byLine("openai-chat", [{ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: 123 }] }, { messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "" }] }])).toEqual({
      1: ["message-content-invalid@/messages/1/content"],
      2: ["assistant-content-empty@/messages/1/content"],
    });
    expect(await byLine("alpaca", [{ instruction: "a", input: "", output: 123 }, { instruction: "a", input: "", output: "" }])).toEqual({
      1: ["alpaca-output-missing@/output"],
      2: ["assistant-content-empty@/output"],
    });
    expect(await byLine("sharegpt", [{ conversations: [{ from: "human", value: "hi" }, { from: "gpt", value: 123 }] }, { conversations: [{ from: "human", value: "hi" }, { from: "gpt", value: "" }] }])).toEqual({
      1: ["sharegpt-conversations-invalid@/conversations/1/value"],
      2: ["assistant-content-empty@/conversations/1/value"],
    });
    expect(await byLine("trl-prompt-completion", [{ prompt: [{ role: "user", content: "q" }], completion: [{ role: "assistant", content: 5 }] }, { prompt: [{ role: "user", content: "q" }], completion: [{ role: "assistant", content: "" }] }])).toEqual({
      1: ["completion-invalid@/completion/0"],
      2: ["assistant-content-empty@/completion/0/content"],
    });
    expect(await byLine("trl-preference", [{ prompt: "q", chosen: 123, rejected: "b" }, { prompt: "q", chosen: "", rejected: "b" }])).toEqual({
      1: ["preference-field-invalid@/chosen"],
      2: ["preference-side-empty@/chosen"],
    });
    expect(await byLine("gemini", [{ contents: [{ role: "user", parts: [{ text: "hi" }] }, { role: "model", parts: [{ text: 123 }] }] }, { contents: [{ role: "user", parts: [{ text: "hi" }] }, { role: "model", parts: [{ text: "" }] }] }])).toEqual({
      1: ["gemini-part-invalid@/contents/1/parts/0/text"],
      2: ["assistant-content-empty@/contents/1/parts"],
    });
  });

  it("two valid rows with the same text are still duplicates", async () => {
    expect(await byLine("text", [{ text: "same" }, { text: "same" }])).toEqual({ 2: ["example-duplicate"] });
  });
});
