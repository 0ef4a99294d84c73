import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { convert } from "../src/convert/index.js";
import type { Diagnostic } from "../src/core/diagnostic.js";
import { validate } from "../src/engine/validate.js";
import { pyJson } from "../src/formats/llamafactory-write.js";

/**
 * `convert --to` LLaMA-Factory's layouts, on its own demo data (test/fixtures/llamafactory, data/ of
 * hiyouga/LLaMA-Factory at ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30, Apache-2.0). The shapes written are
 * the ones its loaders read at that commit: src/llamafactory/data/converter.py (sharegpt with
 * role/content tags, kto_tag) and src/llamafactory/v1/plugins/data_plugins/converter.py +
 * v1/utils/types.py (content parts, loss_weight, `<image>` ↔ image_url one file per placeholder).
 */
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "llamafactory");
const fixture = (name: string) => path.join(fixtures, name);
const dir = mkdtempSync(path.join(tmpdir(), "ftdata-lfwrite-"));
let n = 0;
const out = () => path.join(dir, `out${++n}.jsonl`);
const quiet = { rules: { "examples-min-count": "off", "examples-recommended-count": "off" }, datasetInfo: false } as const;
type Row = Record<string, unknown>;
const readJsonl = (file: string) => readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Row);
const readSource = (file: string): Row[] => (file.endsWith(".jsonl") ? readJsonl(file) : (JSON.parse(readFileSync(file, "utf8")) as Row[]));
const summary = (ds: readonly Diagnostic[]) => {
  const o: Record<string, number> = {};
  for (const d of ds) o[d.ruleId] = (o[d.ruleId] ?? 0) + 1;
  return o;
};
const lint = async (file: string) => (await validate(file, quiet)).files[0]!;

/** Converts, then checks the output is detected as the target and lints with the source's own findings (no new ones). */
async function hop(src: string, to: string, jsonl = true) {
  const file = out();
  const r = await convert(src, { to, output: file, jsonl });
  expect(r.errorCount, JSON.stringify(r.diagnostics.slice(0, 3))).toBe(0);
  const [before, after] = [await lint(src), await lint(file)];
  expect(after.format).toBe(to);
  expect(after.records).toBe(before.records);
  const { "line-blank": _blank, ...findings } = summary(before.diagnostics);
  expect(summary(after.diagnostics)).toEqual(findings);
  return { file, result: r, lossy: r.diagnostics.filter((d) => d.ruleId === "convert-lossy") };
}

describe("every LLaMA-Factory demo file converts into each LLaMA-Factory layout it fits: detected back, same findings", () => {
  const cases: [string, string[]][] = [
    ["alpaca_en_demo.json", ["llamafactory-messages", "llamafactory-v1"]],
    ["identity.json", ["llamafactory-messages", "llamafactory-v1"]],
    ["glaive_toolcall_en_demo.json", ["llamafactory-messages", "llamafactory-v1"]],
    ["mllm_demo.json", ["llamafactory-v1", "sharegpt"]],
    ["mllm_video_audio_demo.json", ["llamafactory-v1", "sharegpt", "alpaca"]],
    ["v1_sft_demo.jsonl", ["llamafactory-messages", "sharegpt", "alpaca"]],
    ["v1_multimodal_demo.jsonl", ["llamafactory-messages", "sharegpt"]],
    ["dpo_en_demo.json", ["llamafactory-v1-dpo"]],
    ["v1_dpo_demo.jsonl", ["sharegpt-ranking", "alpaca-ranking", "openai-dpo", "trl-preference"]],
    ["kto_en_demo.json", ["trl-kto"]],
  ];
  for (const [name, targets] of cases) {
    for (const to of targets) {
      it(`${name} → ${to}: nothing lost`, async () => {
        const { lossy } = await hop(fixture(name), to);
        expect(lossy.map((d) => d.message)).toEqual([]);
      });
    }
  }
});

describe("round trips through another layout give the file back", () => {
  it("mllm_demo.json → llamafactory-v1 → llamafactory-messages: equal to the source (images placed part by part)", async () => {
    const v1 = await hop(fixture("mllm_demo.json"), "llamafactory-v1");
    expect(readJsonl(v1.file)[0]).toEqual({
      messages: [
        { role: "user", content: [{ type: "image_url", value: "mllm_demo_data/1.jpg" }, { type: "text", value: "Who are they?" }], loss_weight: 0 },
        { role: "assistant", content: [{ type: "text", value: "They're Kane and Gretzka from Bayern Munich." }], loss_weight: 1 },
        { role: "user", content: [{ type: "text", value: "What are they doing?" }, { type: "image_url", value: "mllm_demo_data/1.jpg" }], loss_weight: 0 },
        { role: "assistant", content: [{ type: "text", value: "They are celebrating on the soccer field." }], loss_weight: 1 },
      ],
    });
    const back = await hop(v1.file, "llamafactory-messages");
    expect(readJsonl(back.file)).toEqual(readSource(fixture("mllm_demo.json")));
  });

  it("mllm_video_audio_demo.json → llamafactory-v1 → llamafactory-messages: videos and audios too", async () => {
    const v1 = await hop(fixture("mllm_video_audio_demo.json"), "llamafactory-v1");
    const back = await hop(v1.file, "llamafactory-messages");
    expect(readJsonl(back.file)).toEqual(readSource(fixture("mllm_video_audio_demo.json")));
  });

  it("v1_multimodal_demo.jsonl → llamafactory-messages → llamafactory-v1: equal but for loss_weight, written on every message as LLaMA-Factory's converter does", async () => {
    const msgs = await hop(fixture("v1_multimodal_demo.jsonl"), "llamafactory-messages");
    expect(readJsonl(msgs.file)[0]).toMatchObject({ messages: [{ role: "user", content: "<image>Who are they?" }, {}, { content: "What are they doing?<image>" }, {}], images: ["data/mllm_demo_data/1.jpg", "data/mllm_demo_data/1.jpg"] });
    const back = await hop(msgs.file, "llamafactory-v1");
    const rows = readJsonl(back.file) as { messages: { role: string; loss_weight?: number }[] }[];
    for (const r of rows) for (const m of r.messages) expect(m.loss_weight).toBe(m.role === "assistant" ? 1 : 0);
    const stripped = rows.map((r) => ({ ...r, messages: r.messages.map(({ loss_weight: _w, ...m }) => m) }));
    expect(stripped).toEqual(readSource(fixture("v1_multimodal_demo.jsonl")));
  });

  it("v1_sft_demo.jsonl → sharegpt → llamafactory-v1 and → llamafactory-messages → llamafactory-v1: equal to the source", async () => {
    for (const via of ["sharegpt", "llamafactory-messages"]) {
      const mid = await hop(fixture("v1_sft_demo.jsonl"), via);
      const back = await hop(mid.file, "llamafactory-v1");
      expect(readJsonl(back.file)).toEqual(readSource(fixture("v1_sft_demo.jsonl")));
    }
  });

  it("kto_en_demo.json → trl-kto → llamafactory-kto: equal to the source, labels kept", async () => {
    const trl = await hop(fixture("kto_en_demo.json"), "trl-kto");
    const first = readJsonl(trl.file)[0] as { prompt: unknown[]; completion: unknown[]; label: boolean };
    expect([first.prompt.length, first.completion.length, first.label]).toEqual([1, 1, true]);
    const back = await hop(trl.file, "llamafactory-kto");
    expect(readJsonl(back.file)).toEqual(readSource(fixture("kto_en_demo.json")));
  });

  it("v1_dpo_demo.jsonl → sharegpt-ranking, → openai-dpo → trl-preference → llamafactory-v1-dpo: equal to the source", async () => {
    const rank = await hop(fixture("v1_dpo_demo.jsonl"), "sharegpt-ranking");
    expect(readJsonl((await hop(rank.file, "llamafactory-v1-dpo")).file)).toEqual(readSource(fixture("v1_dpo_demo.jsonl")));
    const dpo = await hop(fixture("v1_dpo_demo.jsonl"), "openai-dpo");
    const trl = await hop(dpo.file, "trl-preference");
    expect(readJsonl((await hop(trl.file, "llamafactory-v1-dpo")).file)).toEqual(readSource(fixture("v1_dpo_demo.jsonl")));
  });

  it("dpo_en_demo.json → llamafactory-v1-dpo → sharegpt-ranking: equal to the source (a system turn written as the system column)", async () => {
    const v1 = await hop(fixture("dpo_en_demo.json"), "llamafactory-v1-dpo");
    const back = await hop(v1.file, "sharegpt-ranking");
    const normal = (readSource(fixture("dpo_en_demo.json")) as { conversations: { from: string; value: string }[] }[]).map((r) =>
      r.conversations[0]?.from === "system" ? { ...r, system: r.conversations[0].value, conversations: r.conversations.slice(1) } : r,
    );
    expect(readJsonl(back.file)).toEqual(normal);
  });
});

describe("what a layout cannot hold is reported, never dropped silently", () => {
  it("reason_tool_use_demo_50.jsonl → llamafactory-messages: reasoning parts and text beside tool calls are convert-lossy on their lines", async () => {
    const { lossy, file } = await hop(fixture("reason_tool_use_demo_50.jsonl"), "llamafactory-messages");
    const kinds = summary(lossy.map((d) => ({ ...d, ruleId: d.message.replace(/^Not carried into llamafactory-messages: /, "").replace(/ \(.*$/, "") })));
    expect(kinds).toEqual({ "a reasoning part, no longer apart from the answer text": 112, "assistant text alongside tool calls": 53 });
    expect(lossy[0]).toMatchObject({ line: 1, path: "/messages/2" });
    // Tool calls and results keep LLaMA-Factory's tags (function_call, observation), tools stay a JSON string.
    const row = readJsonl(file).find((r) => (r.messages as { role: string }[]).some((m) => m.role === "function_call")) as { messages: { role: string; content: string }[]; tools: string };
    expect(row.messages.map((m) => m.role)).toContain("observation");
    expect(JSON.parse(row.tools)).toBeInstanceOf(Array);
  });

  it("reason_tool_use_demo_50.jsonl tool calls and tools written back into v1 as LLaMA-Factory writes them (Python json.dumps)", async () => {
    const msgs = await hop(fixture("reason_tool_use_demo_50.jsonl"), "llamafactory-messages");
    const back = await hop(msgs.file, "llamafactory-v1");
    const calls = (rows: Row[]) => rows.flatMap((r) => (r.messages as { content: { type: string; value: string }[] }[]).flatMap((m) => m.content.filter((p) => p.type === "tool_call").map((p) => p.value)));
    const source = calls(readSource(fixture("reason_tool_use_demo_50.jsonl")));
    expect(source.length).toBeGreaterThan(50);
    expect(calls(readJsonl(back.file))).toEqual(source);
    // `tools` too, byte for byte, with the `required` that 61 of its function definitions keep beside `parameters`.
    // One row's `"tools": "[]"` (an empty list) is not written back: no tools.
    expect(readJsonl(back.file).map((r) => r.tools)).toEqual(readSource(fixture("reason_tool_use_demo_50.jsonl")).map((r) => (r.tools === "[]" ? undefined : r.tools)));
  });

  it("a pair is not a KTO row, a KTO row is not a pair: convert-failed on the line, nothing written", async () => {
    const a = await convert(fixture("dpo_en_demo.json"), { to: "llamafactory-kto", output: out() });
    expect([a.wrote, a.diagnostics[0]!.ruleId, a.diagnostics[0]!.line]).toEqual([false, "convert-failed", 2]);
    expect(a.diagnostics[0]!.message).toMatch(/one completion with a true\/false label; a pair \(chosen and rejected\) has no single label/);
    const b = await convert(fixture("kto_en_demo.json"), { to: "llamafactory-v1-dpo", output: out() });
    expect([b.wrote, b.diagnostics[0]!.ruleId, b.diagnostics[0]!.line]).toEqual([false, "convert-failed", 2]);
  });

  it("v1 from openai-chat with an image part: the image is convert-lossy (v1 needs the file, OpenAI gives a URL part)", async () => {
    const src = path.join(dir, "oa.jsonl");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(src, `${JSON.stringify({ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://x/1.png" } }, { type: "text", text: "What is it?" }] }, { role: "assistant", content: "A cat." }] })}\n`);
    const r = await convert(src, { to: "llamafactory-v1", output: out() });
    expect(r.diagnostics.map((d) => [d.ruleId, d.line, d.message])).toEqual([["convert-lossy", 1, "Not carried into llamafactory-v1: 1 image(s) (media references are not converted to llamafactory-v1)"]]);
  });

  it("a literal <image> in a source without media columns stays text (nothing to place)", async () => {
    const src = path.join(dir, "lit.jsonl");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(src, `${JSON.stringify({ messages: [{ role: "user", content: "What does <image> do in HTML?" }, { role: "assistant", content: "Nothing: it is <img>." }] })}\n`);
    const file = out();
    const r = await convert(src, { to: "llamafactory-v1", output: file });
    expect([r.errorCount, r.warningCount]).toEqual([0, 0]);
    expect((readJsonl(file)[0] as { messages: { content: unknown }[] }).messages[0]!.content).toEqual([{ type: "text", value: "What does <image> do in HTML?" }]);
  });
});

it("pyJson writes what Python's json.dumps writes", () => {
  expect(pyJson({ name: "f", arguments: { a: [1, 2.5, null, true], s: "é\u2028\n\"" } })).toBe('{"name": "f", "arguments": {"a": [1, 2.5, null, true], "s": "\\u00e9\\u2028\\n\\""}}');
});

it("keys of a function definition beyond name/description/parameters travel with it (openai-chat → sharegpt → openai-chat), and gemini reports them", async () => {
  const { writeFileSync } = await import("node:fs");
  const src = path.join(dir, "strict.jsonl");
  const tools = [{ type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } }, strict: true } }];
  writeFileSync(src, `${JSON.stringify({ messages: [{ role: "user", content: "Paris?" }, { role: "assistant", content: "Sunny." }], tools })}\n`);
  const sg = out();
  expect((await convert(src, { to: "sharegpt", output: sg })).diagnostics).toEqual([]);
  expect(JSON.parse(readJsonl(sg)[0]!.tools as string)).toEqual([tools[0]!.function]);
  const back = out();
  expect((await convert(sg, { to: "openai-chat", output: back })).diagnostics).toEqual([]);
  expect(readJsonl(back)[0]!.tools).toEqual(tools);
  const gem = await convert(src, { to: "gemini", output: out() });
  expect(gem.diagnostics.map((d) => d.message)).toEqual(['Not carried into gemini: tool "get_weather" keys strict (gemini function declarations hold name, description and parameters)']);
});

it("v1 metadata (extra_info, _dataset_name) travels as metadata, both ways", async () => {
  const { writeFileSync } = await import("node:fs");
  const src = path.join(dir, "meta.jsonl");
  const row = { messages: [{ role: "user", content: [{ type: "text", value: "hi" }], loss_weight: 0 }, { role: "assistant", content: [{ type: "text", value: "hello" }], loss_weight: 1 }], extra_info: '{"kto_labels": true}', _dataset_name: "demo" };
  writeFileSync(src, `${JSON.stringify(row)}\n`);
  const sg = out();
  expect((await convert(src, { to: "sharegpt", output: sg })).diagnostics).toEqual([]);
  expect(readJsonl(sg)[0]).toMatchObject({ extra_info: row.extra_info, _dataset_name: "demo" });
  const back = out();
  await convert(sg, { to: "llamafactory-v1", output: back });
  expect(readJsonl(back)[0]).toEqual(row);
});
