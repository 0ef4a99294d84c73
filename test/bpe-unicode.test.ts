import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonStrings, LF_DEMO_DIR } from "./helpers/lf-demo.js";
import { JsBpe } from "../src/tokenizer/bpe.js";

// The js backend's counts on non-ASCII text (scanned pieces, merges looked up by rank pairs) must be
// OpenAI's tiktoken's (WASM build, encode_ordinary), string by string.
const require = createRequire(import.meta.url);
const { get_encoding } = require("tiktoken") as typeof import("tiktoken");

const DEMO = LF_DEMO_DIR;
const files = ["alpaca_zh_demo.json", "glaive_toolcall_zh_demo.json", "dpo_zh_demo.json"];
const parts = ["你好，世界！", "数据集", "Привет, мир", "Ελληνικά", "ÉCOLE's", "नमस्ते", "안녕하세요", "😀👍🏽👨‍👩‍👧", " ", "\n", "123", "abc", "。", "\u3000", "e\u0301"];
const text = fc.array(fc.oneof(fc.constantFrom(...parts), fc.string({ unit: "grapheme", maxLength: 8 })), { maxLength: 30 }).map((a) => a.join(""));

describe("js backend on non-ASCII text", () => {
  for (const encoding of ["o200k_base", "cl100k_base"] as const) {
    const ref = get_encoding(encoding);
    const bpe = new JsBpe(encoding);

    it.skipIf(!existsSync(DEMO))(`counts LLaMA-Factory's Chinese demo data like tiktoken (${encoding})`, () => {
      for (const f of files) {
        for (const s of jsonStrings(JSON.parse(readFileSync(`${DEMO}/${f}`, "utf8")))) expect([s, bpe.count(s)]).toEqual([s, ref.encode_ordinary(s).length]);
      }
    });

    it(`counts random Unicode text like tiktoken (${encoding})`, () => {
      fc.assert(fc.property(text, (s) => {
          expect(bpe.count(s)).toBe(ref.encode_ordinary(s).length);
        }), { numRuns: 3000 });
    });
  }
});
