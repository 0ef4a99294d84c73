import { describe, expect, it } from "vitest";
import {
  answerKeyText,
  estimateJaccard,
  exampleHash,
  firstUserText,
  minhashSignature,
  normalizeText,
  promptKeyText,
} from "../src/dedup/keys.js";
import { KeyTable } from "../src/dedup/table.js";
import { KeyBuilder } from "../src/dedup/text-hash.js";

const hashKey96 = (s: string) => new KeyBuilder().reset(0).raw(s).finish();
const exampleKey = (e: CanonicalExample) => exampleHash(e).join();
import { openaiChat } from "../src/formats/openai-chat.js";
import type { CanonicalExample, JsonObject } from "../src/core/canonical.js";

function ex(record: JsonObject): CanonicalExample {
  return openaiChat.toCanonical(record)!;
}

const chat = (user: string, answer: string, extra: JsonObject = {}): CanonicalExample =>
  ex({ messages: [{ role: "system", content: "Be brief." }, { role: "user", content: user }, { role: "assistant", content: answer }], ...extra });

describe("normalizeText", () => {
  it("standard: NFKC, zero-width characters dropped, whitespace runs and line breaks collapsed, case kept", () => {
    expect(normalizeText("  Ｈｅｌｌｏ\u200B  world\r\n\tﬁne\u2028x\u0085y ", "standard")).toBe("Hello world fine x y");
  });
  it("loose: lower-case, punctuation and symbols to spaces, digits kept", () => {
    expect(normalizeText("What's 2+2? It's 4!!", "loose")).toBe("what s 2 2 it s 4");
    expect(normalizeText("Größe: 12,5 €", "loose")).toBe("größe 12 5");
    // Numbers make different prompts: no conflict between these.
    expect(normalizeText("What is 2+2?", "loose")).not.toBe(normalizeText("What is 3+3?", "loose"));
    expect(normalizeText("你好，世界！", "loose")).toBe("你好 世界");
  });
  it("never changes the input text itself (keys only)", () => {
    const s = "x²  y";
    normalizeText(s, "loose");
    expect(s).toBe("x²  y");
  });
});

describe("example, prompt and answer keys", () => {
  it("ignore metadata fields and whitespace differences, but not case", () => {
    expect(exampleKey(chat("Hi", "Hello"))).toBe(exampleKey(chat("Hi ", "Hello", { id: 7, source: "x" })));
    expect(exampleKey(chat("Hi", "Hello"))).not.toBe(exampleKey(chat("hi", "Hello")));
  });
  it("compare tool-call arguments as parsed JSON", () => {
    const call = (args: string) => ex({ messages: [{ role: "user", content: "q" }, { role: "assistant", tool_calls: [{ id: "1", type: "function", function: { name: "f", arguments: args } }] }] });
    expect(exampleKey(call('{"a":1,"b":2}'))).toBe(exampleKey(call('{ "b": 2, "a": 1 }')));
  });
  it("the prompt is everything before the trained answer; the answer is the last trainable assistant turn", () => {
    const e = ex({ messages: [{ role: "user", content: "A?" }, { role: "assistant", content: "a" }, { role: "user", content: "B?" }, { role: "assistant", content: "b" }] });
    expect(promptKeyText(e)).toBe("user\x1fa\x1eassistant\x1fa\x1euser\x1fb\x1e");
    expect(answerKeyText(e)).toBe("assistant\x1fb\x1e");
    expect(firstUserText(e)).toBe("a");
  });
});

describe("KeyTable", () => {
  it("keeps every key's first value past many resizes", () => {
    const t = new KeyTable(4);
    for (let i = 0; i < 50_000; i++) expect(t.getOrInsert(hashKey96(`k${i}`), i)).toBe(-1);
    expect(t.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(t.getOrInsert(hashKey96(`k${i}`), 0)).toBe(i);
    expect(t.get(hashKey96("absent"))).toBe(-1);
  });
});

describe("MinHash", () => {
  const word = (k: number) => Array.from({ length: 6 }, (_, j) => String.fromCharCode(97 + (Math.floor(k / 26 ** j) % 26))).join("");
  const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => word((i * 7919 + seed * 104729) % 300_000_000)).join(" ");
  it("gives identical signatures for texts equal under loose normalisation", () => {
    const a = minhashSignature("Hello, World! How are you today?")!.slice();
    const b = minhashSignature("hello world how are you today")!.slice();
    expect(estimateJaccard(a, 0, b, 0)).toBe(1);
  });
  it("estimates high similarity for a one-word edit of a long text and low for unrelated texts", () => {
    const base = words(200, 1);
    const edited = base.replace(/w\d+$/, "changed");
    const a = minhashSignature(base)!.slice();
    const b = minhashSignature(edited)!.slice();
    const c = minhashSignature(words(200, 2))!.slice();
    expect(estimateJaccard(a, 0, b, 0)).toBeGreaterThan(0.85);
    expect(estimateJaccard(a, 0, c, 0)).toBeLessThan(0.2);
  });
  it("uses character shingles for text without spaces (Chinese)", () => {
    const a = minhashSignature("今天天气很好我们去公园散步然后去吃饭晚上看电影")!.slice();
    const b = minhashSignature("今天天气很好我们去公园散步然后去吃饭晚上看电视")!.slice();
    expect(estimateJaccard(a, 0, b, 0)).toBeGreaterThan(0.7);
  });
  it("has no signature for an empty text", () => {
    expect(minhashSignature("  ...  ")).toBeUndefined();
  });
});

describe("field paths (--group-by field:, --stratify-by)", () => {
  it("read dotted paths, indexes and JSON Pointers", async () => {
    const { parseFieldPath, valueAt } = await import("../src/split/field-path.js");
    const rec = { messages: [{ role: "user" }], meta: { "a b": { c: 1 } } };
    expect(valueAt(rec, parseFieldPath("messages.0.role", "x"))).toBe("user");
    expect(valueAt(rec, parseFieldPath("messages[0].role", "x"))).toBe("user");
    expect(valueAt(rec, parseFieldPath('meta["a b"].c', "x"))).toBe(1);
    expect(valueAt(rec, parseFieldPath("/meta/a b/c", "x"))).toBe(1);
    expect(valueAt(rec, parseFieldPath("meta.missing", "x"))).toBeUndefined();
    expect(() => parseFieldPath("a..[", "--stratify-by")).toThrow(/cannot read the field path/);
  });
});

// Signatures of the per-shingle implementation (all 128 minima updated per shingle), before the
// block-wise fold: the fold must give the same minima, also past one block (4,096 shingles).
describe("minhashSignature", () => {
  it("gives the signatures of the per-shingle implementation", () => {
    let x = 7;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const word = () => ["the", "model", "answer", "Data", "tokens", "résumé", "x", "42", "go!", "fine-tune"][Math.floor(rnd() * 10)]!;
    const texts = [
      "Hi",
      "What is the capital of France?",
      Array.from({ length: 40 }, word).join(" "),
      Array.from({ length: 9000 }, word).join(" "),
      "数据集的质量很重要".repeat(700),
      Array.from({ length: 6000 }, () => String.fromCharCode(97 + Math.floor(rnd() * 26))).join(""),
    ];
    const hex = (t: string) => Buffer.from(minhashSignature(t)!).toString("hex");
    expect(texts.map(hex)).toEqual([
      "4a4e5443ec5e1ac30fe3ef170d21b41728cb7e383d8e18d489ff1dbb394ae745b95dc63f1b4d051629cfddf560191ee080c160d177318dfea8ed956c939ea99a1ba25962690503b5fce5990fe5a4b49dfc9dd6048dae2e5eda09f0b3a30d16b2cd623b5a2354a5ded855baecc8f34b73cd9d8634ae3df833e80b9f1febc92a20",
      "8f5e43b438b479660c780adcfcd08e832a1d668f46ac5a87ab700fa22945309411b701342bce679bb9b2bbc0ac96219977e55e9c0ba14b77c09a48508c3a46a447f51cfa5d4c6afabddba2b3a074924daabc44bb4ad4bcd793a232e3d2e34e02ae5d29f593929604174293404ae5894c0e236f93278f48dcf5c587c209f73162",
      "1d2430b98598dc2b9a6128edd0cc67cca3a8ebd79f0e985468d5d9dd44202069416e7924f6c30ec2be6b99df1d3b8dc34e179cc47da1213acecf6e5a1b75d00329434f4c0f3488699fdbbc4b311209ed9060212a8765e88ef48970e30cb9b43c23a508bb55fa6620bd6e97f14108055d39bed4902722f301e540fbb6ce0b5707",
      "3df5fc9e4cb6f2c4f421d23b22a3491bbb6fc44998eab9e99f344e119e1750c13fd2efcb5d1857a1031df9bce5981f9ef2d7236fbaafc34d2f012344e9d303a6dbacedbad04f733d01f963e8e0fafea07b9251a3041f6d4c05debd0a9f7b98bf3f7263b0e86c82595ae6e3dbb86572bd90f62421f3999d63c1f392b1508d3b9a",
      "286ee8b2965bfaed215f1bf36335df489eb2e803b7cfdde653da40173d0f7e9cf347ea3bfbad992c09de84316cf9daa4fa1d8cbd7d5de9ca8ccd699057d2df4e7fd09d693f7163955258a6f3070b28715c1304db6dc27ad4f6c5e437d110b4805782bc7a2156c5b478daf3b09cefb02977ae681ed4a93eb7c679bbb94525cabe",
      "641783da9c4908bfbf3068cc6c785eb4884f09240f9ee4b98918ba9bcb0fc418dcb82b7b68e6a7ff3a0c381d99b4ff4807dec442679e6c9ff5a09e808a7c24e53254cd8fd4d9612f67e2800d7a769d9b8edd7b40d5588dc6c49a24b5ba0c4a0bbae9cc9d805314871997d5b573081405f6de7a906ad27f3394eee022320489c6",
    ]);
    expect(minhashSignature(" !? ")).toBeUndefined();
  });
});
