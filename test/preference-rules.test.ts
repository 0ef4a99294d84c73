import { describe, expect, test } from "vitest";
import { dpo, findings, lintRecords, msg } from "./helpers/lint-records.js";

describe("preference-pair-identical", () => {
  const rule = "preference-pair-identical";
  test("valid: different answers (OpenAI, TRL, KTO)", async () => {
    expect(await findings(rule, [dpo("Q", "Paris.", "Lyon.")])).toEqual([]);
    expect(await findings(rule, [{ prompt: "Q", chosen: "a b", rejected: "a c" }])).toEqual([]);
    expect(await findings(rule, [{ prompt: "Q", completion: "x", label: true }])).toEqual([]);
  });
  test("invalid: identical after whitespace normalisation", async () => {
    expect(await findings(rule, [dpo("Q", "ok", "ok"), dpo("Q", "Same  answer\n", " Same answer")])).toEqual([
      { line: 1, path: "/non_preferred_output/0/content" },
      { line: 2, path: "/non_preferred_output/0/content" },
    ]);
  });
  test("invalid: TRL strings and identical implicit-prompt conversations", async () => {
    expect(
      await findings(rule, [
        { prompt: "Q", chosen: "yes", rejected: "yes " },
        { chosen: [msg.u("Q"), msg.a("A")], rejected: [msg.u("Q"), msg.a("A")] },
      ]),
    ).toEqual([
      { line: 1, path: "/rejected" },
      { line: 2, path: "/rejected/0/content" },
    ]);
  });
});

describe("preference-side-empty", () => {
  const rule = "preference-side-empty";
  test("valid: both sides have text; a tool-calling side is not empty", async () => {
    const toolCall = { role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] };
    expect(await findings(rule, [dpo("Q", "A", "B"), { ...dpo("Q", "A", "B"), preferred_output: [toolCall] }])).toEqual([]);
  });
  test("invalid: empty or whitespace on either side, and an empty KTO completion", async () => {
    expect(await findings(rule, [dpo("Q", "", "B"), dpo("Q", "A", " \n ")])).toEqual([
      { line: 1, path: "/preferred_output/0/content" },
      { line: 2, path: "/non_preferred_output/0/content" },
    ]);
    expect(await findings(rule, [{ prompt: "Q", chosen: "A", rejected: "B" }, { prompt: "Q", chosen: "A", rejected: "" }])).toEqual([{ line: 2, path: "/rejected" }]);
    expect(await findings(rule, [{ prompt: "Q", completion: "\t", label: false }])).toEqual([{ line: 1, path: "/completion" }]);
  });
  test("invalid: a conversational side with nothing after the shared prompt", async () => {
    expect(await findings(rule, [{ chosen: [msg.u("Q"), msg.a("A")], rejected: [msg.u("Q"), msg.a("A"), msg.u("more?"), msg.a("B")] }])).toEqual([{ line: 1, path: "/chosen" }]);
  });
});

describe("preference-contradiction", () => {
  const rule = "preference-contradiction";
  test("valid: the same prompt with consistent or unrelated pairs", async () => {
    expect(await findings(rule, [dpo("Q", "A", "B"), dpo("Q", "A", "C"), dpo("R", "B", "A"), dpo("Q", "A", "B")])).toEqual([]);
  });
  test("invalid: A over B, then B over A, with related pointing at the other row", async () => {
    const report = await lintRecords([dpo("Q", "A", "B"), dpo("other", "x", "y"), dpo("Q", " B", "A ")], rule);
    const [d] = report.files[0]!.diagnostics;
    expect(report.files[0]!.diagnostics).toHaveLength(1);
    expect(d).toMatchObject({ ruleId: rule, line: 3, severity: "error", data: { otherLine: 1 }, related: [{ line: 1 }] });
  });
  test("invalid: a KTO completion labelled both ways", async () => {
    expect(
      await findings(rule, [
        { prompt: "p", completion: "c", label: true },
        { prompt: "p", completion: "c", label: false },
      ]),
    ).toEqual([{ line: 2 }]);
  });
});

describe("preference-cycle", () => {
  const rule = "preference-cycle";
  test("valid: a consistent order, and a cycle spread over different prompts", async () => {
    expect(await findings(rule, [dpo("Q", "A", "B"), dpo("Q", "B", "C"), dpo("Q", "A", "C"), dpo("R", "C", "A")])).toEqual([]);
  });
  test("invalid: A > B, B > C, C > A for one prompt; reported on the last line of the cycle with the others related", async () => {
    const report = await lintRecords([dpo("Q", "A", "B"), dpo("other", "x", "y"), dpo("Q", "B", "C"), dpo("Q", "C", "A")], rule);
    expect(report.files[0]!.diagnostics).toMatchObject([{ ruleId: rule, severity: "warning", line: 4, record: 3, data: { count: 3, lines: "1, 3, 4" }, related: [{ line: 1 }, { line: 3 }] }]);
  });
});

describe("example-duplicate on preference pairs", () => {
  const rule = "example-duplicate";
  test("valid: a reversed pair and a different label are not duplicates", async () => {
    expect(await findings(rule, [dpo("Q", "A", "B"), dpo("Q", "B", "A")])).toEqual([]);
    expect(await findings(rule, [{ prompt: "p", completion: "c", label: true }, { prompt: "p", completion: "c", label: false }])).toEqual([]);
  });
  test("invalid: the same pair twice (metadata ignored), as a warning", async () => {
    const report = await lintRecords([dpo("Q", "A", "B", { id: 1 }), dpo("Q", "A", "B", { id: 2 })], rule);
    expect(report.files[0]!.diagnostics).toMatchObject([{ ruleId: rule, severity: "warning", line: 2, related: [{ line: 1 }] }]);
  });
});

describe("preference-length-bias", () => {
  const rule = "preference-length-bias";
  const pairs = (n: number, longer: number, ratio: number) =>
    Array.from({ length: n }, (_, i) => (i < longer ? dpo(`Q${i}`, "x".repeat(Math.round(10 * ratio)), "y".repeat(10)) : dpo(`Q${i}`, "x".repeat(10), "y".repeat(12))));
  test("valid: balanced lengths, and fewer than 10 pairs", async () => {
    expect(await findings(rule, pairs(20, 10, 1.2))).toEqual([]);
    expect(await findings(rule, pairs(9, 9, 3))).toEqual([]);
  });
  test("invalid: 70% or more prefer the longer answer; both figures in the message", async () => {
    const report = await lintRecords(pairs(10, 7, 1.2), rule);
    const [d] = report.files[0]!.diagnostics;
    expect(d).toMatchObject({ ruleId: rule, severity: "warning", data: { share: 70, pairs: 10, ratio: 1.2 } });
    expect(d!.line).toBeUndefined();
    expect(d!.message).toContain("70% of 10 pairs");
    expect(d!.message).toContain("median length ratio preferred/non-preferred is 1.2");
  });
  test("invalid: median ratio 1.5 or more even when under 70% are longer", async () => {
    const rows = [...Array.from({ length: 6 }, (_, i) => dpo(`L${i}`, "x".repeat(30), "y".repeat(10))), ...Array.from({ length: 4 }, (_, i) => dpo(`S${i}`, "x".repeat(10), "y".repeat(11)))];
    const [d] = (await lintRecords(rows, rule)).files[0]!.diagnostics;
    expect(d).toMatchObject({ data: { share: 60, ratio: 3 } });
  });
});

describe("OpenAI preference schema", () => {
  test("preference-input-invalid", async () => {
    const rule = "preference-input-invalid";
    expect(await findings(rule, [dpo("Q", "A", "B"), { ...dpo("Q", "A", "B"), input: { messages: [msg.u("Q")], tools: [], parallel_tool_calls: true } }])).toEqual([]);
    expect(
      await findings(rule, [
        { preferred_output: [msg.a("A")], non_preferred_output: [msg.a("B")] },
        { ...dpo("Q", "A", "B"), input: "Q" },
        { ...dpo("Q", "A", "B"), input: { messages: [] } },
        { ...dpo("Q", "A", "B"), input: { messages: [msg.u("Q")], system: "x" } },
      ]),
    ).toEqual([{ line: 1 }, { line: 2, path: "/input" }, { line: 3, path: "/input/messages" }, { line: 4, path: "/input/system" }]);
  });

  test("preference-output-invalid", async () => {
    const rule = "preference-output-invalid";
    expect(await findings(rule, [dpo("Q", "A", "B")])).toEqual([]);
    expect(
      await findings(rule, [
        { input: { messages: [msg.u("Q")] }, preferred_output: [msg.a("A")] },
        { ...dpo("Q", "A", "B"), preferred_output: msg.a("A") },
        { ...dpo("Q", "A", "B"), non_preferred_output: [msg.a("B"), msg.a("C")] },
        { ...dpo("Q", "A", "B"), non_preferred_output: [msg.u("B")] },
      ]),
    ).toEqual([{ line: 1 }, { line: 2, path: "/preferred_output" }, { line: 3, path: "/non_preferred_output" }, { line: 4, path: "/non_preferred_output/0/role" }]);
  });

  test("preference-field-legacy names the new field", async () => {
    const rule = "preference-field-legacy";
    expect(await findings(rule, [dpo("Q", "A", "B")])).toEqual([]);
    const report = await lintRecords([{ input: { messages: [msg.u("Q")] }, preferred_completion: [msg.a("A")], non_preferred_completion: [msg.a("B")] }], rule);
    const d = report.files[0]!.diagnostics;
    expect(d.map((x) => [x.line, x.path])).toEqual([
      [1, "/preferred_completion"],
      [1, "/non_preferred_completion"],
    ]);
    expect(d[0]!.message).toContain("rename the key to `preferred_output`");
    expect(d[1]!.message).toContain("`non_preferred_output`");
  });

  test("prompt-last-assistant (DPO input)", async () => {
    const rule = "prompt-last-assistant";
    expect(await findings(rule, [dpo("Q", "A", "B"), { ...dpo("Q", "A", "B"), input: { messages: [msg.u("Q"), msg.a("A"), msg.u("And?")] } }])).toEqual([]);
    expect(await findings(rule, [{ ...dpo("Q", "A", "B"), input: { messages: [msg.u("Q"), msg.a("A")] } }])).toEqual([{ line: 1, path: "/input/messages/1/role" }]);
  });

  test("chat schema rules also check DPO messages, with DPO paths", async () => {
    const bad = {
      input: { messages: [{ role: "usr", content: "Q" }], tools: [{ type: "function", function: { name: "bad name" } }] },
      preferred_output: [{ role: "assistant", content: 5 }],
      non_preferred_output: [{ role: "assistant", content: "B", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{bad" } }] }],
    };
    expect(await findings("message-role-invalid", [bad])).toEqual([{ line: 1, path: "/input/messages/0/role" }]);
    expect(await findings("message-content-invalid", [bad])).toEqual([{ line: 1, path: "/preferred_output/0/content" }]);
    expect(await findings("tools-invalid", [bad])).toEqual([{ line: 1, path: "/input/tools/0/function/name" }]);
    expect(await findings("tool-call-arguments-invalid", [bad])).toEqual([{ line: 1, path: "/non_preferred_output/0/tool_calls/0/function/arguments" }]);
    expect(await findings("message-role-invalid", [dpo("Q", "A", "B")])).toEqual([]);
  });

  test("tool-call-invalid: the two outputs may reuse a call id; one list may not", async () => {
    const call = (id: string) => ({ id, type: "function", function: { name: "f", arguments: "{}" } });
    const row = { ...dpo("Q", "A", "B"), preferred_output: [{ role: "assistant", tool_calls: [call("c1")] }], non_preferred_output: [{ role: "assistant", tool_calls: [call("c1")] }] };
    expect(await findings("tool-call-invalid", [row])).toEqual([]);
    const dup = { ...row, preferred_output: [{ role: "assistant", tool_calls: [call("c1"), call("c1")] }] };
    expect(await findings("tool-call-invalid", [dup])).toEqual([{ line: 1, path: "/preferred_output/0/tool_calls/1/id" }]);
  });

  test("message-role-developer warns on developer in a DPO input, not in RFT items", async () => {
    const dev = { role: "developer", content: "Be brief" };
    expect(await findings("message-role-developer", [{ ...dpo("Q", "A", "B"), input: { messages: [dev, msg.u("Q")] } }])).toEqual([{ line: 1, path: "/input/messages/0/role" }]);
    expect(await findings("message-role-developer", [{ messages: [dev, msg.u("Q")], answer: "x" }])).toEqual([]);
  });
});

describe("TRL schema: preference-field-invalid", () => {
  const rule = "preference-field-invalid";
  test("valid: strings, message lists, implicit prompt, boolean label", async () => {
    expect(
      await findings(rule, [
        { prompt: "Q", chosen: "A", rejected: "B" },
        { prompt: [msg.u("Q")], chosen: [msg.a("A")], rejected: [msg.a("B")] },
        { chosen: "Q A", rejected: "Q B" },
      ]),
    ).toEqual([]);
    expect(await findings(rule, [{ prompt: "Q", completion: "A", label: false }])).toEqual([]);
  });
  test("invalid: wrong types, mixed forms, missing side, bad label", async () => {
    expect(
      await findings(rule, [
        { prompt: "Q", chosen: 1, rejected: "B" },
        { prompt: [msg.u("Q")], chosen: "A", rejected: [msg.a("B")] },
        { prompt: "Q", chosen: ["A"], rejected: "B" },
        { chosen: "A", rejected: "B" },
      ]),
    ).toEqual([{ line: 1, path: "/chosen" }, { line: 2, path: "/chosen" }, { line: 3, path: "/chosen/0" }]);
    expect(
      await findings(rule, [
        { prompt: "Q", completion: "A", label: "yes" },
        { prompt: "Q", completion: "A", label: true },
        { prompt: "Q", completion: "A" },
      ]),
    ).toEqual([{ line: 1, path: "/label" }, { line: 3 }]);
  });
});
