import { describe, expect, test } from "vitest";
import { dpo, lintRecords, msg, ruleTester } from "./helpers/rule-tester.js";

const call = (id: string) => ({ id, type: "function", function: { name: "f", arguments: "{}" } });
const toolCall = { role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] };
const pairs = (n: number, longer: number, ratio: number) =>
  Array.from({ length: n }, (_, i) => (i < longer ? dpo(`Q${i}`, "x".repeat(Math.round(10 * ratio)), "y".repeat(10)) : dpo(`Q${i}`, "x".repeat(10), "y".repeat(12))));
const bad = {
  input: { messages: [{ role: "usr", content: "Q" }], tools: [{ type: "function", function: { name: "bad name" } }] },
  preferred_output: [{ role: "assistant", content: 5 }],
  non_preferred_output: [{ role: "assistant", content: "B", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{bad" } }] }],
};
const row = { ...dpo("Q", "A", "B"), preferred_output: [{ role: "assistant", tool_calls: [call("c1")] }], non_preferred_output: [{ role: "assistant", tool_calls: [call("c1")] }] };
const dup = { ...row, preferred_output: [{ role: "assistant", tool_calls: [call("c1"), call("c1")] }] };
const dev = { role: "developer", content: "Be brief" };

describe("preference-contradiction", () => {
  const rule = "preference-contradiction";
  test("invalid: A over B, then B over A, with related pointing at the other row", async () => {
    const report = await lintRecords([dpo("Q", "A", "B"), dpo("other", "x", "y"), dpo("Q", " B", "A ")], rule);
    const [d] = report.files[0]!.diagnostics;
    expect(report.files[0]!.diagnostics).toHaveLength(1);
    expect(d).toMatchObject({ ruleId: rule, line: 3, severity: "error", data: { otherLine: 1 }, related: [{ line: 1 }] });
  });
});

describe("preference-cycle", () => {
  const rule = "preference-cycle";
  test("invalid: A > B, B > C, C > A for one prompt; reported on the last line of the cycle with the others related", async () => {
    const report = await lintRecords([dpo("Q", "A", "B"), dpo("other", "x", "y"), dpo("Q", "B", "C"), dpo("Q", "C", "A")], rule);
    expect(report.files[0]!.diagnostics).toMatchObject([{ ruleId: rule, severity: "warning", line: 4, record: 3, data: { count: 3, lines: "1, 3, 4" }, related: [{ line: 1 }, { line: 3 }] }]);
  });
});

describe("example-duplicate on preference pairs", () => {
  const rule = "example-duplicate";
  test("invalid: the same pair twice (metadata ignored), as a warning", async () => {
    const report = await lintRecords([dpo("Q", "A", "B", { id: 1 }), dpo("Q", "A", "B", { id: 2 })], rule);
    expect(report.files[0]!.diagnostics).toMatchObject([{ ruleId: rule, severity: "warning", line: 2, related: [{ line: 1 }] }]);
  });
});

// Cases in the one rule tester's shape (migrated from findings(): the same records, lines and paths, now with message ids).

ruleTester("preference-pair-identical", {
  valid: [
    { name: "valid: different answers (OpenAI, TRL, KTO)", records: [dpo("Q", "Paris.", "Lyon.")] },
    { name: "valid: different answers (OpenAI, TRL, KTO)", records: [{ prompt: "Q", chosen: "a b", rejected: "a c" }] },
    { name: "valid: different answers (OpenAI, TRL, KTO)", records: [{ prompt: "Q", completion: "x", label: true }] },
  ],
  invalid: [
    { name: "invalid: identical after whitespace normalisation", records: [dpo("Q", "ok", "ok"), dpo("Q", "Same  answer\n", " Same answer")], errors: [{ messageId: "identical", line: 1, path: "/non_preferred_output/0/content" }, { messageId: "identical", line: 2, path: "/non_preferred_output/0/content" }] },
    { name: "invalid: TRL strings and identical implicit-prompt conversations", records: [
        { prompt: "Q", chosen: "yes", rejected: "yes " },
        { chosen: [msg.u("Q"), msg.a("A")], rejected: [msg.u("Q"), msg.a("A")] },
      ], errors: [{ messageId: "identical", line: 1, path: "/rejected" }, { messageId: "identical", line: 2, path: "/rejected/0/content" }] },
  ],
});

ruleTester("preference-side-empty", {
  valid: [
    { name: "valid: both sides have text; a tool-calling side is not empty", records: [dpo("Q", "A", "B"), { ...dpo("Q", "A", "B"), preferred_output: [toolCall] }] },
  ],
  invalid: [
    { name: "invalid: empty or whitespace on either side, and an empty KTO completion", records: [dpo("Q", "", "B"), dpo("Q", "A", " \n ")], errors: [{ messageId: "empty", line: 1, path: "/preferred_output/0/content" }, { messageId: "whitespace", line: 2, path: "/non_preferred_output/0/content" }] },
    { name: "invalid: empty or whitespace on either side, and an empty KTO completion", records: [{ prompt: "Q", chosen: "A", rejected: "B" }, { prompt: "Q", chosen: "A", rejected: "" }], errors: [{ messageId: "empty", line: 2, path: "/rejected" }] },
    { name: "invalid: empty or whitespace on either side, and an empty KTO completion", records: [{ prompt: "Q", completion: "\t", label: false }], errors: [{ messageId: "whitespace", line: 1, path: "/completion" }] },
    { name: "invalid: a conversational side with nothing after the shared prompt", records: [{ chosen: [msg.u("Q"), msg.a("A")], rejected: [msg.u("Q"), msg.a("A"), msg.u("more?"), msg.a("B")] }], errors: [{ messageId: "noMessages", line: 1, path: "/chosen" }] },
  ],
});

ruleTester("preference-contradiction", {
  valid: [
    { name: "valid: the same prompt with consistent or unrelated pairs", records: [dpo("Q", "A", "B"), dpo("Q", "A", "C"), dpo("R", "B", "A"), dpo("Q", "A", "B")] },
  ],
  invalid: [
    { name: "invalid: a KTO completion labelled both ways", records: [
        { prompt: "p", completion: "c", label: true },
        { prompt: "p", completion: "c", label: false },
      ], errors: [{ messageId: "label", line: 2, path: undefined }] },
    { name: "invalid: A over B, then B over A (whitespace aside)", records: [dpo("Q", "A", "B"), dpo("other", "x", "y"), dpo("Q", " B", "A ")], errors: [{ messageId: "pair", line: 3, path: undefined, data: { otherLine: 1 }, severity: "error" }] },
  ],
});

ruleTester("preference-cycle", {
  valid: [
    { name: "valid: a consistent order, and a cycle spread over different prompts", records: [dpo("Q", "A", "B"), dpo("Q", "B", "C"), dpo("Q", "A", "C"), dpo("R", "C", "A")] },
  ],
  invalid: [
    { name: "invalid: A > B, B > C, C > A for one prompt, on the last line of the cycle", records: [dpo("Q", "A", "B"), dpo("other", "x", "y"), dpo("Q", "B", "C"), dpo("Q", "C", "A")], errors: [{ messageId: "cycle", line: 4, path: undefined, data: { count: 3, lines: "1, 3, 4" }, severity: "warning" }] },
  ],
});

ruleTester("example-duplicate", {
  valid: [
    { name: "valid: a reversed pair and a different label are not duplicates", records: [dpo("Q", "A", "B"), dpo("Q", "B", "A")] },
    { name: "valid: a reversed pair and a different label are not duplicates", records: [{ prompt: "p", completion: "c", label: true }, { prompt: "p", completion: "c", label: false }] },
  ],
  invalid: [
    { name: "invalid: the same pair twice (metadata ignored), as a warning", records: [dpo("Q", "A", "B", { id: 1 }), dpo("Q", "A", "B", { id: 2 })], errors: [{ messageId: "duplicate", line: 2, path: undefined, severity: "warning" }] },
  ],
});

ruleTester("preference-length-bias", {
  valid: [
    { name: "valid: balanced lengths, and fewer than 10 pairs", records: [...pairs(20, 10, 1.2)] },
    { name: "valid: balanced lengths, and fewer than 10 pairs", records: [...pairs(9, 9, 3)] },
  ],
  invalid: [
    { name: "invalid: 70% or more prefer the longer answer", records: pairs(10, 7, 1.2), errors: [{ messageId: "bias", line: undefined, path: undefined, data: { share: 70, pairs: 10, ratio: 1.2 }, severity: "warning", message: /70% of 10 pairs.*median length ratio preferred\/non-preferred is 1\.2/ }] },
    {
      name: "invalid: median ratio 1.5 or more even when under 70% are longer",
      records: [...Array.from({ length: 6 }, (_, i) => dpo(`L${i}`, "x".repeat(30), "y".repeat(10))), ...Array.from({ length: 4 }, (_, i) => dpo(`S${i}`, "x".repeat(10), "y".repeat(11)))],
      errors: [{ messageId: "bias", line: undefined, path: undefined, data: { share: 60, ratio: 3 } }],
    },
  ],
});

ruleTester("preference-input-invalid", {
  valid: [
    { name: "preference-input-invalid", records: [dpo("Q", "A", "B"), { ...dpo("Q", "A", "B"), input: { messages: [msg.u("Q")], tools: [], parallel_tool_calls: true } }] },
  ],
  invalid: [
    { name: "preference-input-invalid", records: [
        { preferred_output: [msg.a("A")], non_preferred_output: [msg.a("B")] },
        { ...dpo("Q", "A", "B"), input: "Q" },
        { ...dpo("Q", "A", "B"), input: { messages: [] } },
        { ...dpo("Q", "A", "B"), input: { messages: [msg.u("Q")], system: "x" } },
      ], errors: [{ messageId: "missing", line: 1, path: undefined }, { messageId: "notObject", line: 2, path: "/input" }, { messageId: "messagesType", line: 3, path: "/input/messages" }, { messageId: "unknownKey", line: 4, path: "/input/system" }] },
  ],
});

ruleTester("preference-output-invalid", {
  valid: [
    { name: "preference-output-invalid", records: [dpo("Q", "A", "B")] },
  ],
  invalid: [
    { name: "preference-output-invalid", records: [
        { input: { messages: [msg.u("Q")] }, preferred_output: [msg.a("A")] },
        { ...dpo("Q", "A", "B"), preferred_output: msg.a("A") },
        { ...dpo("Q", "A", "B"), non_preferred_output: [msg.a("B"), msg.a("C")] },
        { ...dpo("Q", "A", "B"), non_preferred_output: [msg.u("B")] },
      ], errors: [{ messageId: "missing", line: 1, path: undefined }, { messageId: "notArray", line: 2, path: "/preferred_output" }, { messageId: "count", line: 3, path: "/non_preferred_output" }, { messageId: "role", line: 4, path: "/non_preferred_output/0/role" }] },
  ],
});

ruleTester("preference-field-legacy", {
  valid: [
    { name: "preference-field-legacy names the new field", records: [dpo("Q", "A", "B")] },
  ],
  invalid: [
    {
      name: "preference-field-legacy names the new field",
      records: [{ input: { messages: [msg.u("Q")] }, preferred_completion: [msg.a("A")], non_preferred_completion: [msg.a("B")] }],
      errors: [
        { messageId: "legacy", line: 1, path: "/preferred_completion", message: /rename the key to `preferred_output`/ },
        { messageId: "legacy", line: 1, path: "/non_preferred_completion", message: /`non_preferred_output`/ },
      ],
    },
  ],
});

ruleTester("prompt-last-assistant", {
  valid: [
    { name: "prompt-last-assistant (DPO input)", records: [dpo("Q", "A", "B"), { ...dpo("Q", "A", "B"), input: { messages: [msg.u("Q"), msg.a("A"), msg.u("And?")] } }] },
  ],
  invalid: [
    { name: "prompt-last-assistant (DPO input)", records: [{ ...dpo("Q", "A", "B"), input: { messages: [msg.u("Q"), msg.a("A")] } }], errors: [{ messageId: "preference", line: 1, path: "/input/messages/1/role" }] },
  ],
});

ruleTester("message-role-invalid", {
  valid: [
    { name: "chat schema rules also check DPO messages, with DPO paths", records: [dpo("Q", "A", "B")] },
  ],
  invalid: [
    { name: "chat schema rules also check DPO messages, with DPO paths", records: [bad], errors: [{ messageId: "unknown", line: 1, path: "/input/messages/0/role" }] },
  ],
});

ruleTester("message-content-invalid", {
  valid: [
    { name: "chat schema rules also check DPO messages", records: [dpo("Q", "A", "B")] },
  ],
  invalid: [
    { name: "chat schema rules also check DPO messages, with DPO paths", records: [bad], errors: [{ messageId: "badType", line: 1, path: "/preferred_output/0/content" }] },
  ],
});

ruleTester("tools-invalid", {
  valid: [
    { name: "chat schema rules also check DPO messages", records: [dpo("Q", "A", "B")] },
  ],
  invalid: [
    { name: "chat schema rules also check DPO messages, with DPO paths", records: [bad], errors: [{ messageId: "name", line: 1, path: "/input/tools/0/function/name" }] },
  ],
});

ruleTester("tool-call-arguments-invalid", {
  valid: [
    { name: "chat schema rules also check DPO messages", records: [dpo("Q", "A", "B")] },
  ],
  invalid: [
    { name: "chat schema rules also check DPO messages, with DPO paths", records: [bad], errors: [{ messageId: "invalid", line: 1, path: "/non_preferred_output/0/tool_calls/0/function/arguments" }] },
  ],
});

ruleTester("tool-call-invalid", {
  valid: [
    { name: "tool-call-invalid: the two outputs may reuse a call id; one list may not", records: [row] },
  ],
  invalid: [
    { name: "tool-call-invalid: the two outputs may reuse a call id; one list may not", records: [dup], errors: [{ messageId: "duplicateId", line: 1, path: "/preferred_output/0/tool_calls/1/id" }] },
  ],
});

ruleTester("message-role-developer", {
  valid: [
    { name: "message-role-developer warns on developer in a DPO input, not in RFT items", records: [{ messages: [dev, msg.u("Q")], answer: "x" }] },
  ],
  invalid: [
    { name: "message-role-developer warns on developer in a DPO input, not in RFT items", records: [{ ...dpo("Q", "A", "B"), input: { messages: [dev, msg.u("Q")] } }], errors: [{ messageId: "developer", line: 1, path: "/input/messages/0/role" }] },
  ],
});

ruleTester("preference-field-invalid", {
  valid: [
    { name: "valid: strings, message lists, implicit prompt, boolean label", records: [
        { prompt: "Q", chosen: "A", rejected: "B" },
        { prompt: [msg.u("Q")], chosen: [msg.a("A")], rejected: [msg.a("B")] },
        { chosen: "Q A", rejected: "Q B" },
      ] },
    { name: "valid: strings, message lists, implicit prompt, boolean label", records: [{ prompt: "Q", completion: "A", label: false }] },
  ],
  invalid: [
    { name: "invalid: wrong types, mixed forms, missing side, bad label", records: [
        { prompt: "Q", chosen: 1, rejected: "B" },
        { prompt: [msg.u("Q")], chosen: "A", rejected: [msg.a("B")] },
        { prompt: "Q", chosen: ["A"], rejected: "B" },
        { chosen: "A", rejected: "B" },
      ], errors: [{ messageId: "type", line: 1, path: "/chosen" }, { messageId: "mixed", line: 2, path: "/chosen" }, { messageId: "message", line: 3, path: "/chosen/0" }] },
    { name: "invalid: wrong types, mixed forms, missing side, bad label", records: [
        { prompt: "Q", completion: "A", label: "yes" },
        { prompt: "Q", completion: "A", label: true },
        { prompt: "Q", completion: "A" },
      ], errors: [{ messageId: "label", line: 1, path: "/label" }, { messageId: "missing", line: 3, path: undefined }] },
  ],
});

ruleTester("preference-input-invalid", {
  valid: [{ records: [dpo("Q", "A", "B")] }],
  invalid: [{ records: [dpo("Q", "A", "B"), { ...dpo("Q", "A", "B"), input: { tools: [] } }], errors: [{ messageId: "messagesMissing", line: 2, path: "/input" }] }],
});

ruleTester("preference-output-invalid", {
  valid: [{ records: [dpo("Q", "A", "B")] }],
  invalid: [{ records: [{ ...dpo("Q", "A", "B"), preferred_output: ["A"] }], errors: [{ messageId: "notObject", line: 1, path: "/preferred_output/0", data: { key: "preferred_output", type: "string" } }] }],
});
