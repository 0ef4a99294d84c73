import { describe, expect, it } from "vitest";
import { FtdataUsageError } from "../src/core/errors.js";
import { mergeRuleSettings, resolveTarget, targets } from "../src/targets/index.js";
import { validate } from "../src/engine/validate.js";

const chat = (...roles: string[]) => ({ messages: roles.map((role, i) => ({ role, content: `${role} ${i}` })) });
const many = (n: number, rec: object) => Array.from({ length: n }, (_, i) => ({ ...rec, id: i }));
const ids = async (records: object[], target?: string) => {
  const r = await validate(records[Symbol.iterator]() as any, target ? { target } : {});
  return r.files[0]!.diagnostics;
};
const has = (ds: { ruleId: string; severity: string }[], id: string) => ds.filter((d) => d.ruleId === id).map((d) => d.severity);

describe("targets: each profile changes a rule from the default", () => {
  it("openai: rejects formats OpenAI does not train on (default: any format)", async () => {
    const recs = many(10, { conversations: [{ from: "human", value: "a" }, { from: "gpt", value: "b" }] }).map(({ id, ...r }) => ({ ...r, conversations: [{ from: "human", value: `q${id}` }, { from: "gpt", value: "b" }] }));
    expect(has(await ids(recs), "format-unsupported")).toEqual([]);
    const d = (await ids(recs, "openai")).find((x) => x.ruleId === "format-unsupported");
    expect(d?.severity).toBe("error");
    expect(d?.message).toMatch(/sharegpt is not accepted by openai/);
    expect(d?.hint).toMatch(/ftdata convert/);
  });

  it("azure: 64 images per example instead of 10", async () => {
    const img = { type: "image_url", image_url: { url: "https://example.com/a.png" } };
    const rec = { messages: [{ role: "user", content: Array.from({ length: 12 }, () => img) }, { role: "assistant", content: "ok" }] };
    const recs = Array.from({ length: 10 }, (_, i) => ({ ...rec, messages: [rec.messages[0], { role: "assistant", content: `ok ${i}` }] }));
    expect(has(await ids(recs), "example-images-too-many")).toHaveLength(10);
    expect(has(await ids(recs, "azure"), "example-images-too-many")).toEqual([]);
  });

  it("together: strict alternation, no extra keys, system/user/assistant only, 1 example is enough", async () => {
    const rec = { ...chat("user", "user", "assistant"), source: "web" };
    const def = await ids([rec]);
    expect(has(def, "conversation-role-alternation")).toEqual([]);
    expect(has(def, "record-key-unknown")).toEqual(["warning"]);
    expect(has(def, "examples-min-count")).toEqual(["error"]);
    const tg = await ids([rec], "together");
    expect(has(tg, "conversation-role-alternation")).toEqual(["error"]);
    expect(tg.find((d) => d.ruleId === "conversation-role-alternation")?.path).toBe("/messages/1");
    expect(has(tg, "record-key-unknown")).toEqual(["error"]);
    expect(has(tg, "examples-min-count")).toEqual([]);
    const tool = { messages: [{ role: "user", content: "a" }, { role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }] }, { role: "tool", tool_call_id: "c1", content: "x" }, { role: "assistant", content: "b" }] };
    expect(has(await ids([tool], "together"), "message-role-unsupported")).toEqual(["error"]);
  });

  it("mistral: must end with assistant, role transition table, 9-character tool call ids", async () => {
    const endsUser = many(10, chat("user", "assistant", "user"));
    expect(has(await ids(endsUser), "conversation-last-not-assistant")[0]).toBe("warning");
    expect(has(await ids(endsUser, "mistral"), "conversation-last-not-assistant")[0]).toBe("error");
    // user → user is allowed by Mistral's table (unlike Together's strict alternation); tool → user is not.
    expect(has(await ids([chat("user", "user", "assistant")], "mistral"), "conversation-role-alternation")).toEqual([]);
    const tool = { messages: [{ role: "user", content: "a" }, { role: "assistant", tool_calls: [{ id: "call_abc", type: "function", function: { name: "f", arguments: "{}" } }] }, { role: "tool", tool_call_id: "call_abc", content: "x" }, { role: "user", content: "b" }, { role: "assistant", content: "c" }] };
    const ds = await ids([tool], "mistral");
    expect(ds.find((d) => d.ruleId === "conversation-role-alternation")?.message).toMatch(/user message cannot follow a tool message/);
    expect(ds.filter((d) => d.ruleId === "tool-call-id-invalid").map((d) => d.path)).toEqual(["/messages/1/tool_calls/0/id", "/messages/2/tool_call_id"]);
    expect(has(await ids([tool]), "tool-call-id-invalid")).toEqual([]);
    const startsAssistant = (await ids([chat("assistant", "user", "assistant")], "mistral")).find((d) => d.ruleId === "conversation-role-alternation");
    expect(startsAssistant?.message).toBe("The conversation starts with assistant; it must start with system or user");
  });

  it("fireworks: 3 examples are enough", async () => {
    const recs = [chat("user", "assistant"), { messages: [{ role: "user", content: "x" }, { role: "assistant", content: "y" }] }, { messages: [{ role: "user", content: "p" }, { role: "assistant", content: "q" }] }];
    expect(has(await ids(recs), "examples-min-count")).toEqual(["error"]);
    expect(has(await ids(recs, "fireworks"), "examples-min-count")).toEqual([]);
  });

  it("vertex: Gemini only; recommends 100 examples", async () => {
    const recs = Array.from({ length: 12 }, (_, i) => ({ contents: [{ role: "user", parts: [{ text: `q${i}` }] }, { role: "model", parts: [{ text: "a" }] }] }));
    const v = await ids(recs, "vertex");
    expect(v.find((d) => d.ruleId === "examples-recommended-count")?.message).toMatch(/about 100/);
    expect(has(await ids(many(10, chat("user", "assistant")), "vertex"), "format-unsupported")).toEqual(["error"]);
  });

  it("bedrock: alternation and a final assistant turn are required", async () => {
    const rec = { schemaVersion: "bedrock-conversation-2024", messages: [{ role: "user", content: [{ text: "a" }] }, { role: "user", content: [{ text: "b" }] }, { role: "assistant", content: [{ text: "c" }] }, { role: "user", content: [{ text: "d" }] }] };
    const def = await ids([rec]);
    expect(has(def, "conversation-role-alternation")).toEqual([]);
    expect(has(def, "conversation-last-not-assistant")).toEqual(["warning"]);
    const br = await ids([rec], "bedrock");
    expect(has(br, "conversation-role-alternation")).toEqual(["error"]);
    expect(has(br, "conversation-last-not-assistant")).toEqual(["error"]);
  });

  it("generic: extra keys allowed, no minimum beyond 1", async () => {
    const rec = { conversations: [{ from: "human", value: "a" }, { from: "gpt", value: "b" }], source: "web" };
    expect(has(await ids([rec]), "record-key-unknown")).toEqual(["warning"]);
    const g = await ids([rec], "generic");
    expect(g).toEqual([]);
  });
});

describe("target settings", () => {
  it("user rule settings override the target, keeping the target's options for a bare severity", async () => {
    expect(mergeRuleSettings({ "examples-min-count": ["error", { min: 3 }] }, { "examples-min-count": "warning" })).toEqual({ "examples-min-count": ["warning", { min: 3 }] });
    const r = await validate([chat("user", "assistant")][Symbol.iterator](), { target: "fireworks", rules: { "examples-min-count": "warning" } });
    const d = r.files[0]!.diagnostics.find((x) => x.ruleId === "examples-min-count");
    expect(d?.severity).toBe("warning");
    expect(d?.message).toMatch(/at least 3/);
  });

  it("unknown targets are usage errors; aliases resolve", async () => {
    await expect(validate([chat("user", "assistant")][Symbol.iterator](), { target: "openia" })).rejects.toThrow(FtdataUsageError);
    expect(resolveTarget("trl").id).toBe("generic");
    expect(resolveTarget("gemini").id).toBe("vertex");
  });

  it("every profile cites a source for its values", () => {
    for (const t of targets) expect(t.sources.length, t.id).toBeGreaterThan(0);
  });
});

describe("limit rules the targets configure", () => {
  it("file-too-large counts the bytes read", async () => {
    const r = await validate([JSON.stringify(chat("user", "assistant"))][Symbol.iterator](), { rules: { "examples-min-count": "off", "file-too-large": ["error", { maxBytes: 20 }] } });
    expect(r.files[0]!.diagnostics.find((d) => d.ruleId === "file-too-large")?.message).toMatch(/bytes\); the limit is 20 B/);
  });
  it("examples-max-count is off until a limit is set", async () => {
    const recs = many(3, chat("user", "assistant"));
    expect(has(await ids(recs), "examples-max-count")).toEqual([]);
    const r = await validate(recs[Symbol.iterator]() as any, { rules: { "examples-max-count": ["error", { max: 2 }] } });
    expect(r.files[0]!.diagnostics.find((d) => d.ruleId === "examples-max-count")?.message).toBe("The file has 3 examples; at most 2 are accepted");
  });
  it("example-images-too-many counts images across an example's messages (ShareGPT <image> placeholders too)", async () => {
    const rec = { conversations: [{ from: "human", value: "<image>".repeat(11) + " What differs?" }, { from: "gpt", value: "The light." }] };
    const d = (await ids([rec])).find((x) => x.ruleId === "example-images-too-many");
    expect(d?.message).toBe("Example has 11 images; at most 10 are accepted");
    expect(d?.line).toBe(1);
  });
});

describe("system message placement", () => {
  it("together and fireworks reject a system message that is not first (default: warning)", async () => {
    const rec = chat("user", "system", "assistant");
    expect(has(await ids([rec]), "system-message-position")).toEqual(["warning"]);
    expect(has(await ids([rec], "together"), "system-message-position")).toEqual(["error"]);
    expect(has(await ids([rec], "fireworks"), "system-message-position")).toEqual(["error"]);
  });
});
