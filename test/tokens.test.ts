import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { JsBpe, mayHaveLongPiece } from "../src/tokenizer/bpe.js";
import { getCounter, BACKENDS } from "../src/tokenizer/tokenizer.js";
import { countTokens, resolveModel, baseModelId } from "../src/index.js";

const require = createRequire(import.meta.url);
// The reference: OpenAI's tiktoken (WASM build), encode_ordinary = special-token text is text.
const { get_encoding } = require("tiktoken") as typeof import("tiktoken");
const reference = {
  o200k_base: get_encoding("o200k_base"),
  cl100k_base: get_encoding("cl100k_base"),
};
const ref = (enc: keyof typeof reference, s: string) => reference[enc].encode_ordinary(s).length;

/** Deterministic PRNG, so the corpus is the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function naturalText(): string[] {
  // Real prose in several scripts and real code, shipped inside a dev dependency.
  const lib = require.resolve("typescript/package.json").replace(/package\.json$/, "lib/");
  const out: string[] = [];
  for (const lang of ["zh-cn", "ja", "ru", "ko", "de"]) {
    const msgs = Object.values(JSON.parse(readFileSync(`${lib}${lang}/diagnosticMessages.generated.json`, "utf8"))) as string[];
    for (let i = 0; i < msgs.length; i += 40) out.push(msgs.slice(i, i + 40).join("\n"));
  }
  const code = readFileSync(`${lib}lib.es5.d.ts`, "utf8").split(/\n\n/);
  for (let i = 0; i < code.length; i += 5) out.push(code.slice(i, i + 5).join("\n\n"));
  return out;
}

const EDGE_CASES = [
  "",
  "Hello, world!",
  "I'm sure they'RE fine; HE'LL see. It's John's",
  "你好，世界！今天天气很好。我们去公园散步吧。",
  "日本語のテキスト、カタカナ、ひらがな、漢字。",
  "👩‍👩‍👧‍👦 family 🇫🇷🇯🇵 flags 👍🏽 skin tones ❤️‍🔥",
  "def f(x):\n\treturn x ** 2  # square\n\n\nclass A:\n    pass\n",
  "<|endoftext|>",
  "user text with <|endoftext|> and <|endofprompt|> and <|im_start|>assistant<|im_sep|>",
  "<|fim_prefix|>x<|fim_suffix|>y<|fim_middle|>",
  " ".repeat(1000),
  "\n".repeat(500),
  "\t \t \n \r\n".repeat(300),
  "\uFEFFBOM at start",
  "NEL\u0085between and NBSP\u00a0here and ideographic\u3000space",
  "e\u0301 combining, Ünïcödé façade naïve",
  "12345678901234567890 3.14159 1,000,000",
  "https://example.com/a/b?c=d&e=f#g",
  "a".repeat(3000),
  "你".repeat(2000),
  "=".repeat(1500) + "\n" + "-".repeat(1200),
  "مرحبا بالعالم हिन्दी 한국어 ภาษาไทย Ελληνικά",
  "\ud800 lone surrogate \udfff",
];

function randomStrings(n: number, seed: number): string[] {
  const r = rng(seed);
  const alphabet = [..."ab cd\n\t你好世界😀.,!?'sSxyz0123456789ÄÖé-_/\\{}()<|>"];
  return Array.from({ length: n }, () => {
    let s = "";
    const len = Math.floor(r() * 300);
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(r() * alphabet.length)];
    return s;
  });
}

const corpus = [...EDGE_CASES, ...naturalText(), ...randomStrings(400, 7)];

describe("exact token counts against the reference tiktoken", () => {
  for (const enc of ["o200k_base", "cl100k_base"] as const) {
    it(`js backend equals tiktoken on ${corpus.length} strings (${enc})`, () => {
      const c = getCounter(enc, "js");
      const diffs = corpus.filter((s) => c.count(s) !== ref(enc, s));
      expect(diffs).toEqual([]);
    });
    it(`tiktoken backend equals the reference (${enc})`, () => {
      const c = getCounter(enc, "tiktoken");
      expect(corpus.filter((s) => c.count(s) !== ref(enc, s))).toEqual([]);
    });
  }
  it("js-tiktoken backend equals the reference on the edge cases", () => {
    const c = getCounter("o200k_base", "js-tiktoken");
    expect(EDGE_CASES.filter((s) => c.count(s) !== ref("o200k_base", s))).toEqual([]);
  });

  it("counts exactly when the ranks come from another thread's shared table (worker threads)", () => {
    const table = new JsBpe("o200k_base").rankTable();
    expect(table.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    const copy = new JsBpe("o200k_base", structuredClone(table));
    expect(corpus.filter((s) => copy.count(s) !== ref("o200k_base", s))).toEqual([]);
  });

  it("counts special-token look-alikes as text on every backend, never throwing", () => {
    const s = "<|endoftext|>";
    for (const b of BACKENDS) expect(getCounter("o200k_base", b).count(s)).toBe(ref("o200k_base", s));
    expect(ref("o200k_base", s)).toBeGreaterThan(1);
    expect(countTokens(`before ${s} after`)).toBe(ref("o200k_base", `before ${s} after`));
  });
});

describe("long pre-tokens (pathological for every other JS tokenizer)", () => {
  const r = rng(3);
  const cases: Array<[string, string]> = [
    ["32k spaces", " ".repeat(32_768)],
    ["8k Han characters without punctuation", Array.from({ length: 8_000 }, () => String.fromCharCode(0x4e00 + Math.floor(r() * 20_000))).join("")],
    ["16k random letters", Array.from({ length: 16_000 }, () => String.fromCharCode(97 + Math.floor(r() * 26))).join("")],
    ["20k newlines and tabs", "\n\t".repeat(10_000)],
    ["base64-like run", Buffer.from(Array.from({ length: 30_000 }, () => Math.floor(r() * 256))).toString("base64").replace(/[+/\d]/g, "x")],
  ];
  const bpe = new JsBpe("cl100k_base");
  for (const [name, s] of cases) {
    it(`counts ${name} exactly`, () => {
      expect(mayHaveLongPiece(s)).toBe(true);
      expect(bpe.count(s)).toBe(ref("cl100k_base", s));
      // The WASM and js-tiktoken backends route such strings to the heap merger.
      expect(getCounter("o200k_base", "js-tiktoken").count(s)).toBe(ref("o200k_base", s));
    });
  }
  it("does not flag ordinary long text", () => {
    expect(mayHaveLongPiece("word ".repeat(10_000))).toBe(false);
  });
});

describe("model resolution", () => {
  it("resolves fine-tuned ids to their base model (tiktoken maps ft:gpt-4.1 to cl100k_base)", () => {
    expect(baseModelId("ft:gpt-4.1-mini-2025-04-14:acme::abc123")).toBe("gpt-4.1-mini-2025-04-14");
    expect(resolveModel("ft:gpt-4.1-mini-2025-04-14:acme::abc123")).toMatchObject({ encoding: "o200k_base", limit: 65_536, trainPrice: 5 });
    expect(resolveModel("ft:gpt-4.1-nano-2025-04-14:acme:run:x")).toMatchObject({ encoding: "o200k_base", limit: 32_768 });
    expect(resolveModel("ft:o4-mini-2025-04-16:acme::x")?.encoding).toBe("o200k_base");
    expect(resolveModel("ft:gpt-3.5-turbo-0125:acme::x")).toMatchObject({ encoding: "cl100k_base", limit: 16_385 });
    expect(resolveModel("gpt-4o-mini")).toMatchObject({ id: "gpt-4o-mini-2024-07-18", encoding: "o200k_base" });
    expect(resolveModel("gpt-3.5-turbo-0613")?.limit).toBe(4096);
    expect(resolveModel("llama-3")).toBeUndefined();
  });
  it("counts with the model's encoding", () => {
    const s = "Fine-tuning datasets: 日本語とEnglish";
    expect(countTokens(s, { model: "gpt-3.5-turbo" })).toBe(ref("cl100k_base", s));
    expect(countTokens(s, { model: "ft:gpt-4.1-2025-04-14:org::id" })).toBe(ref("o200k_base", s));
  });
  it("rejects unknown models with a usage error", () => {
    expect(() => countTokens("x", { model: "gpt-2000" })).toThrow(/unknown model "gpt-2000"/);
  });
});
