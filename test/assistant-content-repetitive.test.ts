import path from "node:path";
import { describe, expect, it } from "vitest";
import { validate } from "../src/engine/validate.js";
import { longestRepetition } from "../src/validators/assistant-content-repetitive.js";
import { lintRecords, msg, onlyRules } from "./helpers/lint-records.js";

const ID = "assistant-content-repetitive";
const chat = (answer: string) => ({ messages: [msg.u("Tell me something."), msg.a(answer)] });

describe("assistant-content-repetitive", () => {
  it("warns on the OpenAI cookbook's toy dataset: one sentence 2,000 times in one answer", async () => {
    const file = path.join(import.meta.dirname, "fixtures", "cookbook", "toy_chat_fine_tuning.jsonl");
    const report = await validate(file, { rules: onlyRules(ID) });
    expect(report.files[0]!.diagnostics.map((d) => [d.ruleId, d.severity, d.line, d.path, d.message])).toEqual([
      [ID, "warning", 5, "/messages/2/content", 'Assistant answer repeats "Eat a banana!" 2000 times in a row (100% of the answer)'],
    ]);
  });

  it("finds a loop at the end of an otherwise normal answer", async () => {
    const answer = "Here is a short summary of the article you sent. " + "I hope this helps. ".repeat(30);
    const report = await lintRecords([chat(answer)], ID);
    expect(report.files[0]!.diagnostics.map((d) => d.message)).toEqual(['Assistant answer repeats "I hope this helps." 30 times in a row (94% of the answer)']);
  });

  it("leaves alone tables, rule lines, ellipses, lists and short repeats", async () => {
    const table = "| Name | Age |\n|:---:|:---:|\n" + Array.from({ length: 30 }, (_, i) => `| person ${i} | ${20 + i} |`).join("\n");
    const rows = [
      chat(table),
      chat("Section\n" + "-".repeat(200) + "\nText."),
      chat("Wait" + ".".repeat(300)),
      chat("Steps:\n" + Array.from({ length: 40 }, (_, i) => `${i + 1}. Do step ${i + 1}.`).join("\n")),
      chat("zeros = [" + Array(12).fill("0").join(", ") + "] and then we compute the mean of the array over the whole batch, which gives the loss we report in the table below, as described in the paper."),
      chat("No, no, no. That is not how it works."),
    ];
    expect((await lintRecords(rows, ID)).files[0]!.diagnostics).toEqual([]);
  });

  it("does not judge answers meant to be bad: a rejected answer, an undesirable (KTO) example", async () => {
    const loop = "Ooh ooh ah ah! ".repeat(50);
    const rows = [
      { prompt: [msg.u("Summarise.")], chosen: [msg.a("A fine summary.")], rejected: [msg.a(loop)] },
      { prompt: [msg.u("Summarise.")], chosen: [msg.a(loop)], rejected: [msg.a("A fine summary.")] },
    ];
    expect((await lintRecords(rows, ID, { format: "trl-preference" })).files[0]!.diagnostics.map((d) => [d.line, d.path])).toEqual([[2, "/chosen/0/content"]]);
    const kto = [{ prompt: "Summarise.", completion: loop, label: false }];
    expect((await lintRecords(kto, ID, { format: "trl-kto" })).files[0]!.diagnostics).toEqual([]);
    // LLaMA-Factory's KTO layout: messages + label.
    expect((await lintRecords([{ ...chat(loop), label: false }], ID)).files[0]!.diagnostics).toEqual([]);
  });

  it("options: minRepeats and minShare", async () => {
    const answer = "Intro sentence that is long enough to matter here. " + "Yes! ".repeat(6);
    const cfg = onlyRules(ID);
    cfg[ID] = ["warning", { minRepeats: 5, minShare: 0.3 }];
    const lines = [JSON.stringify(chat(answer))];
    expect((await validate(lines.values(), { rules: cfg })).files[0]!.diagnostics.map((d) => d.message)).toEqual(['Assistant answer repeats "Yes!" 6 times in a row (55% of the answer)']);
    expect((await lintRecords([chat(answer)], ID)).files[0]!.diagnostics).toEqual([]);
  });

  it("the detector finds the shortest unit and its first occurrence", () => {
    expect(longestRepetition("ab ab ab ab")).toEqual({ unit: "ab", repeats: 4, covered: 4, tokens: 4 });
    expect(longestRepetition("x y Go on, go on, go on, GO ON, z")).toMatchObject({ unit: "Go on,", repeats: 4 });
    expect(longestRepetition("all different words here")).toBeUndefined();
  });
});
