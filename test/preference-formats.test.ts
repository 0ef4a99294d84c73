import { describe, expect, test } from "vitest";
import { detectFormat, getFormat } from "../src/formats/index.js";
import { findings, dpo, rft, msg } from "./helpers/lint-records.js";
import { validate } from "../src/engine/validate.js";

describe("detection", () => {
  const cases: Array<[string, Record<string, unknown>, string | undefined]> = [
    ["OpenAI preference row", dpo("Q", "A", "B"), "openai-dpo"],
    ["preference row with the legacy names", { input: { messages: [msg.u("Q")] }, preferred_completion: [msg.a("A")], non_preferred_completion: [msg.a("B")] }, "openai-dpo"],
    ["RFT item: ends with user and carries grader fields", rft("What is 6 × 7?"), "openai-rft"],
    ["RFT item ending with developer", { messages: [msg.u("Q"), { role: "developer", content: "Be brief" }], answer: "x" }, "openai-rft"],
    ["chat row ending with the assistant, with metadata", { messages: [msg.u("Q"), msg.a("A")], id: "r1" }, "openai-chat"],
    ["chat row ending with user but without extra fields", { messages: [msg.u("Q")] }, "openai-chat"],
    ["TRL preference, explicit prompt", { prompt: "The sky is", chosen: " blue.", rejected: " green." }, "trl-preference"],
    ["TRL preference, implicit prompt", { chosen: "The sky is blue.", rejected: "The sky is green." }, "trl-preference"],
    ["TRL unpaired preference", { prompt: "The sky is", completion: " blue.", label: true }, "trl-kto"],
    ["ShareGPT-style preference is not TRL preference", { conversations: [{ from: "human", value: "Q" }], chosen: { from: "gpt", value: "A" }, rejected: { from: "gpt", value: "B" } }, "sharegpt-ranking"],
    ["Alpaca-style preference is not TRL preference", { instruction: "Q", input: "", chosen: "A", rejected: "B" }, "alpaca-ranking"],
  ];
  test.each(cases)("%s", (_name, record, expected) => {
    expect(detectFormat(record as never).format?.id).toBe(expected);
  });

  test("--format forces a format", async () => {
    const report = await validate([{ messages: [msg.u("Q")] }][Symbol.iterator](), { format: "rft", rules: {} });
    expect(report.files[0]!.format).toBe("openai-rft");
  });
});

describe("canonical preference example", () => {
  test("OpenAI DPO maps input to the prompt and the outputs to chosen/rejected", () => {
    const ex = getFormat("openai-dpo")!.toCanonical(dpo("Q", "good", "bad", { id: 7 }) as never)!;
    expect(ex.kind).toBe("preference");
    expect(ex.messages.map((m) => [m.role, m.text, m.path])).toEqual([["user", "Q", ["input", "messages", 0]]]);
    expect(ex.chosen!.map((m) => [m.text, m.path])).toEqual([["good", ["preferred_output", 0]]]);
    expect(ex.rejected!.map((m) => [m.text, m.path])).toEqual([["bad", ["non_preferred_output", 0]]]);
    expect(ex.extra).toEqual({ id: 7 });
  });

  test("TRL implicit prompt is the common prefix of both answers, cut at a word boundary", () => {
    const ex = getFormat("trl-preference")!.toCanonical({ chosen: "The sky is blue.", rejected: "The sky is bleak." })!;
    expect(ex.messages.map((m) => m.text)).toEqual(["The sky is"]);
    expect(ex.chosen![0]!.text).toBe("blue.");
    expect(ex.rejected![0]!.text).toBe("bleak.");
  });

  test("TRL conversational implicit prompt is the shared message prefix", () => {
    const ex = getFormat("trl-preference")!.toCanonical({ chosen: [msg.u("Q"), msg.a("A")], rejected: [msg.u("Q"), msg.a("B")] } as never)!;
    expect(ex.messages.map((m) => m.text)).toEqual(["Q"]);
    expect(ex.chosen!.map((m) => m.path)).toEqual([["chosen", 1]]);
  });

  test("KTO puts the completion on the side its label says", () => {
    const f = getFormat("trl-kto")!;
    expect(f.toCanonical({ prompt: "p", completion: "c", label: true })!).toMatchObject({ label: true, chosen: [{ text: "c" }] });
    expect(f.toCanonical({ prompt: "p", completion: "c", label: false })!).toMatchObject({ label: false, rejected: [{ text: "c" }] });
  });
});

describe("format-mixed", () => {
  test("valid: rows of one format, including a defective row of that format", async () => {
    expect(await findings("format-mixed", [dpo("Q", "A", "B"), { input: { messages: [msg.u("Q")] } }, dpo("R", "C", "D")])).toEqual([]);
    expect(await findings("format-mixed", [rft("Q"), { messages: [msg.u("Q"), msg.a("A")], reference_answer: "A" }])).toEqual([]);
  });

  test("invalid: a chat row and a TRL row in a DPO file, each reported once on its first line", async () => {
    const report = await (await import("./helpers/lint-records.js")).lintRecords(
      [dpo("Q", "A", "B"), { messages: [msg.u("Hi"), msg.a("Hello")] }, { prompt: "p", chosen: "c", rejected: "r" }, { messages: [msg.u("x"), msg.a("y")] }],
      "format-mixed",
    );
    const d = report.files[0]!.diagnostics;
    expect(d.map((x) => [x.line, x.data?.other, x.data?.count])).toEqual([
      [2, "openai-chat", 2],
      [3, "trl-preference", 1],
    ]);
    expect(d[0]!.message).toContain("openai-dpo (first on line 1)");
    expect(d[0]!.message).toContain("openai-chat (first on line 2)");
    expect(d[0]!.related).toEqual([{ file: "<input>", line: 1, message: "first openai-dpo row" }]);
  });
});
