import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countChatTokens, countTokens } from "../src/index.js";
import { dataUrlImageSize, imageSize, imageTokens } from "../src/tokenizer/images.js";

// The OpenAI cookbook's example ("How to count tokens with tiktoken"), whose counts the cookbook
// checked against the API's prompt_tokens: 129 on gpt-3.5-turbo-0125 / gpt-4-0613, 124 on gpt-4o(-mini).
const COOKBOOK = {
  messages: [
    { role: "system", content: "You are a helpful, pattern-following assistant that translates corporate jargon into plain English." },
    { role: "system", name: "example_user", content: "New synergies will help drive top-line growth." },
    { role: "system", name: "example_assistant", content: "Things working well together will increase revenue." },
    { role: "system", name: "example_user", content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
    { role: "system", name: "example_assistant", content: "Let's talk later when we're less busy about how to do better." },
    { role: "user", content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
  ],
};

function png(width: number, height: number): string {
  const b = Buffer.alloc(33);
  b.writeUInt32BE(0x89504e47, 0);
  b.writeUInt32BE(0x0d0a1a0a, 4);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "latin1");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return `data:image/png;base64,${b.toString("base64")}`;
}

describe("chat overhead formula", () => {
  it("reproduces the cookbook's API-verified prompt counts", () => {
    expect(countChatTokens(COOKBOOK, { model: "gpt-3.5-turbo-0125" }).total).toBe(129);
    expect(countChatTokens(COOKBOOK, { model: "gpt-4o-mini-2024-07-18" }).total).toBe(124);
    expect(countChatTokens(COOKBOOK, { model: "gpt-4o-2024-08-06" }).total).toBe(124);
  });

  it("separates trained tokens: assistant turns with weight 1 only", () => {
    const answer = "Paris is the capital of France.";
    const t = countChatTokens({
      messages: [
        { role: "user", content: "Capital of Spain?" },
        { role: "assistant", content: "Madrid, I think.", weight: 0 },
        { role: "user", content: "And France?" },
        { role: "assistant", content: answer, weight: 1 },
      ],
    });
    expect(t.trained).toBe(countTokens(answer));
    expect(t.prompt + t.trained).toBe(t.total);
    expect(t.trainedStart).toBe(t.total - 3 - t.trained);
    expect(t.estimated).toBe(false);
  });

  it("counts tool calls and tool definitions, marked as estimates", () => {
    const base = { messages: [{ role: "user", content: "Weather in Paris?" }, { role: "assistant", content: "Sunny." }] };
    const withTools = {
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
        { role: "tool", tool_call_id: "c1", content: "sunny" },
        { role: "assistant", content: "Sunny." },
      ],
      tools: [{ type: "function", function: { name: "get_weather", description: "Get the weather.", parameters: { type: "object", properties: { city: { type: "string", description: "City" }, unit: { type: "string", enum: ["c", "f"] } } } } }],
    };
    const a = countChatTokens(base);
    const b = countChatTokens(withTools);
    const call = countTokens("get_weather") + countTokens('{"city":"Paris"}') + 3;
    expect(b.trained).toBe(a.trained + call);
    expect(b.estimated).toBe(true);
    // Cookbook estimator: func_init 7 + name:description, prop_init 3, per property 3 + line, enum items 3 + item, func_end 12.
    const defs = 7 + countTokens("get_weather:Get the weather") + 3 + 3 + countTokens("city:string:City") + 3 - 3 + 3 + countTokens("c") + 3 + countTokens("f") + countTokens("unit:string:") + 12;
    const toolMsg = 3 + countTokens("tool") + countTokens("sunny") + countTokens("c1");
    const callMsg = 3 + countTokens("assistant");
    expect(b.total - a.total).toBe(defs + toolMsg + callMsg + call);
  });

  it("counts the preferred answer of a DPO pair as trained", () => {
    // A canonical preference example, as the DPO formats produce it.
    const m = (role: string, text: string, trainable: boolean, path: (string | number)[]) => ({ role, text, hasContent: true, images: 0, trainable, path });
    const chosen = "Today in San Francisco it is mild: 20°C in the afternoon.";
    const rejected = "It is not cold.";
    const ex = {
      kind: "preference" as const,
      format: "openai-dpo" as const,
      messages: [m("user", "How cold is San Francisco today?", false, ["input", "messages", 0])],
      chosen: [m("assistant", chosen, true, ["preferred_output", 0])],
      rejected: [m("assistant", rejected, false, ["non_preferred_output", 0])],
      extra: {},
      raw: {},
    };
    const t = countChatTokens(ex, { model: "gpt-4.1-mini" });
    const prompt = 3 + countTokens("user") + countTokens("How cold is San Francisco today?") + 3;
    const answer = (s: string) => 3 + countTokens("assistant") + countTokens(s);
    expect(t).toMatchObject({ trained: countTokens(chosen), chosen: answer(chosen), rejected: answer(rejected) });
    expect(t.total).toBe(prompt + answer(chosen) + answer(rejected));
    expect(t.sequence).toBe(prompt + answer(chosen));
    expect(t.trainedStart).toBe(prompt + 3 + countTokens("assistant"));
  });
});

describe("prompt/completion and text examples", () => {
  it("counts their text without chat framing", () => {
    const m = (role: string, text: string, trainable: boolean) => ({ role, text, hasContent: true, images: 0, trainable, path: [] });
    const ex = { kind: "completion" as const, format: "prompt-completion" as const, messages: [m("user", "Translate: chat ->", false), m("assistant", " cat", true)], extra: {}, raw: {} };
    const t = countChatTokens(ex, { model: "davinci-002" });
    expect(t).toMatchObject({ total: countTokens("Translate: chat ->", { model: "davinci-002" }) + countTokens(" cat", { model: "davinci-002" }), trained: countTokens(" cat", { model: "davinci-002" }), estimated: false });
  });
});

describe("images", () => {
  it("reads sizes from PNG, JPEG and WebP headers", () => {
    expect(dataUrlImageSize(png(1024, 768))).toEqual({ width: 1024, height: 768 });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03]);
    expect(imageSize(jpeg)).toEqual({ width: 800, height: 600 });
    const webp = Buffer.alloc(30);
    webp.write("RIFF", 0, "latin1");
    webp.write("WEBPVP8X", 8, "latin1");
    webp.writeUIntLE(1999, 24, 3);
    webp.writeUIntLE(999, 27, 3);
    expect(imageSize(webp)).toEqual({ width: 2000, height: 1000 });
    expect(dataUrlImageSize("https://example.com/cat.png")).toBeUndefined();
  });

  it("follows the tile and patch formulas of the vision guide", () => {
    const tile = { kind: "tile", base: 85, tile: 170 } as const;
    expect(imageTokens(tile, { width: 1024, height: 1024 }, "high")).toBe(765);
    expect(imageTokens(tile, { width: 2048, height: 4096 }, "high")).toBe(1105);
    expect(imageTokens(tile, { width: 4096, height: 4096 }, "low")).toBe(85);
    const patch = { kind: "patch", multiplier: 1 } as const;
    expect(imageTokens(patch, { width: 1024, height: 1024 }, undefined)).toBe(1024);
    expect(imageTokens(patch, { width: 1800, height: 2400 }, undefined)).toBe(1452);
  });

  it("counts data-URL images and reports remote ones as unknown, never fetched", () => {
    const msg = (url: string) => ({
      messages: [
        { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url, detail: "high" } }] },
        { role: "assistant", content: "A cat." },
      ],
    });
    const text = countChatTokens({ messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }] }, { role: "assistant", content: "A cat." }] }, { model: "gpt-4o-2024-08-06" });
    const local = countChatTokens(msg(png(1024, 1024)), { model: "gpt-4o-2024-08-06" });
    expect(local.total - text.total).toBe(765);
    expect(local.estimated).toBe(false);
    const remote = countChatTokens(msg("https://example.com/cat.png"), { model: "gpt-4o-2024-08-06" });
    expect(remote).toMatchObject({ imagesUnknown: 1, estimated: true, total: text.total });
    const mini = countChatTokens(msg(png(1024, 1024)), { model: "gpt-4.1-mini-2025-04-14" });
    expect(mini.total - text.total).toBe(Math.ceil(1024 * 1.62));
  });
});

describe("Hugging Face tokenizer.json", () => {
  // A tiny word-level tokenizer built here: nothing is downloaded.
  const dir = mkdtempSync(join(tmpdir(), "ftdata-hf-"));
  const vocab: Record<string, number> = { "[UNK]": 0, "<|user|>": 1, "<|assistant|>": 2, "<|end|>": 3 };
  for (const w of "hello world how are you fine thanks".split(" ")) vocab[w] = Object.keys(vocab).length;
  const tokenizer = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: ["<|user|>", "<|assistant|>", "<|end|>"].map((content, i) => ({ id: i + 1, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: null,
    pre_tokenizer: { type: "Whitespace" },
    post_processor: null,
    decoder: null,
    model: { type: "WordLevel", vocab, unk_token: "[UNK]" },
  };
  writeFileSync(join(dir, "tokenizer.json"), JSON.stringify(tokenizer));
  writeFileSync(join(dir, "tokenizer_config.json"), JSON.stringify({ chat_template: "{% for m in messages %}<|{{ m.role }}|> {{ m.content }} <|end|> {% endfor %}", model_max_length: 8 }));
  const path = join(dir, "tokenizer.json");

  it("counts text with the tokenizer", () => {
    expect(countTokens("hello world how are you", { tokenizer: path })).toBe(5);
  });
  it("renders the chat template and counts the trained answer", () => {
    const t = countChatTokens({ messages: [{ role: "user", content: "how are you" }, { role: "assistant", content: "fine thanks" }] }, { tokenizer: path });
    // <|user|> how are you <|end|> <|assistant|> fine thanks <|end|>
    expect(t).toMatchObject({ total: 9, trained: 2, prompt: 7, trainedStart: 5, limit: 8 });
  });
});
