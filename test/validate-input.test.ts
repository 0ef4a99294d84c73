import { describe, expect, it } from "vitest";
import { FtdataUsageError, validate } from "../src/index.js";

const chat = (q: string, a: string) => ({ messages: [{ role: "user", content: q }, { role: "assistant", content: a }] });

describe("validate() with an array", () => {
  it("reads an array of objects as the records of one dataset", async () => {
    const report = await validate([chat("hi", "hello"), chat("2+2?", "4")]);
    expect(report.files).toHaveLength(1);
    expect(report.files[0]!.format).toBe("openai-chat");
    expect(report.files[0]!.records).toBe(2);
  });

  it("reports a problem in an array record on that record's line", async () => {
    const report = await validate([chat("hi", "hello"), { messages: [{ role: "user", content: "q" }, { role: "assistant", content: "" }] }]);
    const d = report.files[0]!.diagnostics.find((x) => x.ruleId === "assistant-content-empty");
    expect(d?.line).toBe(2);
  });

  it.each([
    [[1, 2], /item 0 is a number/],
    [[chat("a", "b"), "train.jsonl"], /not a mix/],
    [[[chat("a", "b")]], /item 0 is an array/],
    [[chat("a", "b"), null], /item 1 is null/],
  ])("rejects %j with a usage error", async (input, message) => {
    const err = await validate(input as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FtdataUsageError);
    expect((err as Error).message).toMatch(message);
  });
});
