import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { convert } from "../src/convert/index.js";
import { FtdataUsageError } from "../src/core/errors.js";
import type { CanonicalExample, JsonObject } from "../src/core/canonical.js";
import { resolveFormat } from "../src/formats/index.js";
import { validate } from "../src/engine/validate.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ftdata-convert-"));
});

const tools = [{ type: "function", function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];
const CHAT: JsonObject[] = [
  { messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Capital of France?" }, { role: "assistant", content: "Paris." }] },
  { messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello!" }, { role: "user", content: "How are you?" }, { role: "assistant", content: "Fine, thanks." }] },
  {
    messages: [
      { role: "user", content: "Weather in Paris and Rome?" },
      { role: "assistant", tool_calls: [{ id: "a1", type: "function", function: { name: "get_weather", arguments: "{\"city\":\"Paris\"}" } }, { id: "a2", type: "function", function: { name: "get_weather", arguments: "{\"city\":\"Rome\"}" } }] },
      { role: "tool", tool_call_id: "a1", content: "{\"temp\":21}" },
      { role: "tool", tool_call_id: "a2", content: "{\"temp\":25}" },
      { role: "assistant", content: "Paris 21°, Rome 25°." },
    ],
    tools,
  },
  { messages: [{ role: "user", content: "Weather?" }, { role: "assistant", tool_calls: [{ id: "b1", type: "function", function: { name: "get_weather", arguments: "{\"city\":\"Oslo\"}" } }] }, { role: "tool", tool_call_id: "b1", content: "4.0" }, { role: "assistant", content: "4 degrees in Oslo." }], tools },
];
const TEXT_CHAT = [CHAT[0]!, CHAT[1]!];

function write(name: string, records: JsonObject[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return file;
}
const read = (file: string): JsonObject[] => readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
let n = 0;
const out = (fmt: string) => path.join(dir, `out-${n++}.${fmt}.jsonl`);

/** What training sees: roles, texts, trained turns, tool calls (parsed arguments) and tool definitions. Ids are not content. */
function content(ex: CanonicalExample, withTools = true) {
  return {
    messages: ex.messages.map((m) => ({ role: m.role, text: m.role === "tool" ? JSON.stringify(tryParse(m.text)) : m.text, trainable: m.trainable, calls: m.toolCalls?.map((c) => ({ name: c.name, args: tryParse(c.arguments) })) })),
    tools: withTools ? ex.tools?.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters })) : undefined,
  };
}
function tryParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

async function roundTrip(from: string, via: string, records: JsonObject[], withTools = true) {
  const src = write(`rt-${n++}.jsonl`, records);
  const mid = out(via);
  const r1 = await convert(src, { to: via, output: mid });
  expect(r1.errorCount, JSON.stringify(r1.diagnostics)).toBe(0);
  const back = out(from);
  const r2 = await convert(mid, { to: from, output: back, from: via });
  expect(r2.errorCount, JSON.stringify(r2.diagnostics)).toBe(0);
  const f = resolveFormat(from);
  const before = records.map((r) => content(f.toCanonical(r)!, withTools));
  const after = read(back).map((r) => content(f.toCanonical(r)!, withTools));
  expect(after).toEqual(before);
  // The intermediate file passes ftdata lint for its format.
  const lint = await validate(mid, { format: via, rules: { "examples-min-count": "off" } });
  expect(lint.files[0]!.format).toBe(via);
  expect(lint.errorCount, JSON.stringify(lint.files[0]!.diagnostics)).toBe(0);
  return { r1, r2, back };
}

describe("round trips keep everything both formats can hold", () => {
  it("openai-chat → sharegpt → openai-chat (system, multi-turn, parallel tool calls, tools)", async () => {
    const { r1 } = await roundTrip("openai-chat", "sharegpt", CHAT);
    // ShareGPT has no call ids (said once per record); parallel results share one observation, split again on reading.
    expect(r1.diagnostics.filter((d) => d.ruleId === "convert-lossy").map((d) => [d.line, d.path])).toEqual([[3, "/messages/1"], [4, "/messages/1"]]);
  });
  it("sharegpt → openai-chat → sharegpt: the call ids ftdata made up are not reported as lost", async () => {
    const sgTools = JSON.stringify([{ name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } }]);
    const sg = [
      { conversations: [{ from: "human", value: "Paris and Rome?" }, { from: "function_call", value: JSON.stringify([{ name: "get_weather", arguments: { city: "Paris" } }, { name: "get_weather", arguments: { city: "Rome" } }]) }, { from: "observation", value: "21\n</tool_response>\n<tool_response>\n25" }, { from: "gpt", value: "21 and 25." }], tools: sgTools },
      { conversations: [{ from: "human", value: "Oslo?" }, { from: "function_call", value: JSON.stringify({ name: "get_weather", arguments: { city: "Oslo" } }) }, { from: "observation", value: "4" }, { from: "gpt", value: "4 degrees." }], tools: sgTools },
    ];
    const { r2, back } = await roundTrip("sharegpt", "openai-chat", sg);
    expect(r2.diagnostics.filter((d) => /tool call ids/.test(d.message))).toEqual([]);
    expect(read(back)).toEqual(sg);
  });
  it("ids from the user's own file are still a loss when they cannot be made again", async () => {
    const r = await convert(write("ids.jsonl", [CHAT[3]!]), { to: "sharegpt", output: out("sharegpt") });
    expect(r.diagnostics.filter((d) => /tool call ids/.test(d.message)).map((d) => d.path)).toEqual(["/messages/1"]);
  });
  it("openai-chat → gemini → openai-chat (function calls and responses, tools)", async () => {
    const { r1 } = await roundTrip("openai-chat", "gemini", CHAT);
    expect(r1.diagnostics.every((d) => /tool call ids/.test(d.message))).toBe(true);
  });
  it("openai-chat → bedrock-conversation → openai-chat (tool use blocks keep their ids; tool definitions are lost and said so)", async () => {
    const { r1, back } = await roundTrip("openai-chat", "bedrock-conversation", CHAT, false);
    expect(r1.diagnostics.filter((d) => /tool definition/.test(d.message)).map((d) => [d.line, d.path])).toEqual([[3, "/tools"], [4, "/tools"]]);
    expect((read(back)[3]!.messages as any)[1].tool_calls[0].id).toBe("b1");
  });
  it("openai-chat → trl-prompt-completion → openai-chat (single answers; tools kept)", async () => {
    await roundTrip("openai-chat", "trl-prompt-completion", [CHAT[0]!, { messages: [{ role: "user", content: "Is it cold in Oslo?" }, { role: "assistant", content: "Usually, yes." }], tools }]);
  });
  it("earlier assistant turns moving into a TRL prompt are no longer trained: said per turn", async () => {
    const r = await convert(write("multi.jsonl", [CHAT[1]!, CHAT[3]!]), { to: "trl-prompt-completion", output: out("trl-prompt-completion") });
    expect(r.diagnostics.map((d) => [d.line, d.path])).toEqual([[1, "/messages/1"], [2, "/messages/1"]]);
    expect(r.diagnostics[0]!.message).toMatch(/no longer trained/);
  });
  it("sharegpt → gemini → sharegpt and alpaca → sharegpt → alpaca are byte-identical", async () => {
    const sg = [{ conversations: [{ from: "human", value: "Hi" }, { from: "gpt", value: "Hello" }, { from: "human", value: "Bye" }, { from: "gpt", value: "Bye!" }], system: "Be kind." }];
    const a = await roundTrip("sharegpt", "gemini", sg);
    expect(read(a.back)).toEqual(sg);
    const al = [{ system: "Translate.", instruction: "Hello", input: "", output: "Bonjour", history: [["Thanks", "Merci"]] }, { instruction: "Cat", input: "", output: "Chat" }];
    const b = await roundTrip("alpaca", "sharegpt", al);
    expect(read(b.back)).toEqual(al);
  });
  it("gemini → bedrock-conversation → gemini; prompt-completion → trl-prompt-completion → prompt-completion", async () => {
    const g = [{ systemInstruction: { parts: [{ text: "Be brief." }] }, contents: [{ role: "user", parts: [{ text: "Hi" }] }, { role: "model", parts: [{ text: "Hello" }] }] }];
    expect(read((await roundTrip("gemini", "bedrock-conversation", g)).back)).toEqual(g);
    const pc = [{ prompt: "2+2=", completion: " 4" }, { prompt: "Capital of France:", completion: " Paris" }];
    const { back } = await roundTrip("prompt-completion", "trl-prompt-completion", pc);
    expect(read(back)).toEqual(pc);
  });
  it("gemini function calls → openai-chat → gemini and bedrock → sharegpt → bedrock are byte-identical", async () => {
    const g = [{
      contents: [
        { role: "user", parts: [{ text: "Weather in Paris?" }] },
        { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }] },
        { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { temp: 21, unit: "C" } } }] },
        { role: "model", parts: [{ text: "21 °C." }] },
      ],
      tools: [{ functionDeclarations: [{ name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } }] }],
    }];
    const a = await roundTrip("gemini", "openai-chat", g);
    expect(a.r1.diagnostics).toEqual([]);
    expect(read(a.back)).toEqual(g);
    const b = [{ schemaVersion: "bedrock-conversation-2024", system: [{ text: "Be kind." }], messages: [{ role: "user", content: [{ text: "Hi" }] }, { role: "assistant", content: [{ text: "Hello" }] }] }];
    expect(read((await roundTrip("bedrock-conversation", "sharegpt", b)).back)).toEqual(b);
  });
  it("reads a JSON array (LLaMA-Factory .json) and converts it", async () => {
    const file = path.join(dir, "alpaca.json");
    writeFileSync(file, JSON.stringify([{ instruction: "a", input: "", output: "b" }, { instruction: "c", input: "d", output: "e" }], null, 2));
    // An output named .jsonl is JSONL; one named .json (or --jsonl not given, another name) keeps the array.
    const o = out("openai-chat");
    const r = await convert(file, { to: "openai-chat", output: o });
    expect(r.written).toBe(2);
    expect((read(o)[1]!.messages as any)[0].content).toBe("c\nd");
    for (const name of ["chat.json", "chat.data"]) {
      const arr = JSON.parse((await convert(file, { to: "openai-chat", output: path.join(dir, name) }), readFileSync(path.join(dir, name), "utf8"))) as any[];
      expect(arr).toHaveLength(2);
      expect(arr[1].messages[0].content).toBe("c\nd");
    }
  });
});

describe("lossy conversions warn per record, never drop silently", () => {
  it("tools into alpaca: a warning with the path; --strict makes it an error and writes nothing", async () => {
    const src = write("tools.jsonl", [CHAT[3]!]);
    const o = out("alpaca");
    const r = await convert(src, { to: "alpaca", output: o });
    expect(r.wrote).toBe(true);
    const lossy = r.diagnostics.filter((d) => d.ruleId === "convert-lossy");
    expect(lossy.map((d) => [d.severity, d.line, d.path])).toContainEqual(["warning", 1, "/tools"]);
    expect(lossy.map((d) => d.path)).toEqual(expect.arrayContaining(["/messages/1", "/messages/2"]));
    const o2 = out("alpaca");
    const strict = await convert(src, { to: "alpaca", output: o2, strict: true });
    expect(strict.wrote).toBe(false);
    expect(strict.errorCount).toBe(lossy.length);
    expect(existsSync(o2)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
  it("weights into sharegpt, images into gemini", async () => {
    const src = write("w.jsonl", [{ messages: [{ role: "user", content: "a" }, { role: "assistant", content: "b", weight: 0 }, { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: "https://x/y.png" } }] }, { role: "assistant", content: "A cat." }] }]);
    const r = await convert(src, { to: "sharegpt", output: out("sharegpt") });
    expect(r.diagnostics.map((d) => [d.path, d.message.replace(/ \(.*/, "")])).toEqual([
      ["/messages/1", "Not carried into sharegpt: weight 0 on an assistant message"],
      ["/messages/2", "Not carried into sharegpt: 1 image(s)"],
    ]);
    const g = await convert(src, { to: "gemini", output: out("gemini") });
    expect(g.diagnostics.some((d) => d.path === "/messages/2" && /image/.test(d.message))).toBe(true);
  });
  it("a record that cannot be written at all is an error and nothing is written", async () => {
    const src = write("calls.jsonl", [CHAT[0]!, CHAT[3]!]);
    const o = out("prompt-completion");
    const r = await convert(src, { to: "prompt-completion", output: o });
    expect(r.diagnostics.find((d) => d.ruleId === "convert-failed")?.line).toBe(2);
    expect(r.wrote).toBe(false);
    expect(existsSync(o)).toBe(false);
  });
  it("invalid input records are errors on their line, not converted", async () => {
    const src = path.join(dir, "bad.jsonl");
    writeFileSync(src, `${JSON.stringify({ conversations: [{ from: "human", value: "a" }, { from: "gpt", value: "b" }] })}\n{"conversations": [\n${JSON.stringify({ conversations: [{ from: "user", value: "a" }, { from: "gpt", value: "b" }] })}\n`);
    const r = await convert(src, { to: "openai-chat", output: out("openai-chat") });
    expect(r.diagnostics.map((d) => [d.line, d.ruleId])).toEqual([[2, "json-invalid"], [3, "sharegpt-role-invalid"]]);
    expect(r.wrote).toBe(false);
  });
});

describe("output safety and usage errors", () => {
  const src = () => write(`s-${n++}.jsonl`, TEXT_CHAT);
  it("refuses an existing output without force, replaces it with force", async () => {
    const s = src();
    const o = out("sharegpt");
    writeFileSync(o, "keep me\n");
    await expect(convert(s, { to: "sharegpt", output: o })).rejects.toThrow(/already exists; use --force/);
    expect(readFileSync(o, "utf8")).toBe("keep me\n");
    await convert(s, { to: "sharegpt", output: o, force: true });
    expect(read(o)).toHaveLength(2);
  });
  it("never writes over the input, even with force", async () => {
    const s = src();
    await expect(convert(s, { to: "sharegpt", output: s, force: true })).rejects.toThrow(/refusing to write .*: it is the input/);
  });
  it("refuses formats whose kinds do not match, and same-format conversions", async () => {
    const t = write("t.jsonl", [{ text: "hello" }]);
    await expect(convert(t, { to: "sharegpt", output: out("x") })).rejects.toThrow(/cannot convert text \(text examples\) to sharegpt/);
    await expect(convert(src(), { to: "openai-chat", output: out("y") })).rejects.toThrow(/already openai-chat/);
    await expect(convert(src(), { to: "nope", output: out("z") })).rejects.toThrow(FtdataUsageError);
  });
});

describe("every chat-family pair", () => {
  const fam = ["openai-chat", "sharegpt", "alpaca", "gemini", "bedrock-conversation", "trl-prompt-completion", "prompt-completion"];
  it("writes output that lints clean for its format, or refuses with a convert-failed error", async () => {
    const src: Record<string, string> = { "openai-chat": write("family.jsonl", CHAT) };
    for (const f of fam.slice(1)) src[f] = path.resolve(`examples/${f}/valid.jsonl`);
    const refused: string[] = [];
    for (const from of fam) {
      for (const to of fam) {
        if (from === to) continue;
        const o = out(to);
        const r = await convert(src[from]!, { to, output: o, from });
        if (!r.wrote) {
          expect(r.diagnostics.filter((d) => d.severity === "error").every((d) => d.ruleId === "convert-failed"), `${from} → ${to}`).toBe(true);
          refused.push(`${from}→${to}`);
          continue;
        }
        expect(r.written, `${from} → ${to}`).toBe(r.records);
        const lint = await validate(o, { format: to, rules: { "examples-min-count": "off" } });
        expect(lint.errorCount + lint.warningCount, `${from} → ${to}: ${JSON.stringify(lint.files[0]!.diagnostics)}`).toBe(0);
      }
    }
    // Only tool-calling conversations cannot become prompt/completion strings.
    expect(refused).toEqual(["openai-chat→prompt-completion", "sharegpt→prompt-completion", "gemini→prompt-completion", "trl-prompt-completion→prompt-completion"]);
  });
});
