import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  answerKeyText,
  answerMessages,
  canonicalJson,
  looseAnswerHash,
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
import type { CanonicalExample, CanonicalMessage, JsonObject, JsonValue } from "../src/core/canonical.js";
import { unicodeText, variants } from "./helpers/unicode-text.js";

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
// (Re-pinned when the kept byte became the low byte of the mixed minimum, not of the raw one.)
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
      "df6d69eb8f77bbfe93e449ec7266226df3146e6f74d8918444495659a4bd79d5a86e7210d190c12d120249e1cd2d562fafe7da1c93601450a77211757a90eabd7e5ef7c1980756ffd7adc38787243e92f5dae8dcdd754daf3f892ade2dc247341d4f7586a3f19c7da8e83f61f6655dc8c3d6efd79424260a68fe48f1e5da10b7",
      "a57e9def5da6af13442afb382a42958315b6f871a704975b0e8bf27c8c6c8565d853877dc2cf67dfc0af406f93181de0976bf3ab87d5284d1029432116753f5996d03b89527a06fe4e62455a117f1bfe4998e905d2fc503a20e1e8415d59d22369aab80a4bf2733422dc8967eb217e74a99c1dfacc1aaf48cbbae3afcf8b13de",
      "f656513fc4074bf35bb09dc8830fb57b72dc22b9175fc0fbc5b6def5f508f4c6aa2719b557b40f77c091b394cb48484f1b3647a8fd3cd7019794f007b75f3dd28a0fc30a68ff299f143c1306f9ee859101893638abf4daba52aaa3ad5290df42f38801f072a3bc61b46e38aa4e6caa3422f98cef9f57b3386ee8e776a190dc96",
      "9da87c77d24e668de726c752130f89bb163fb08c3effb4c2be5667e85aa5a4d7e6dca643572a4cfd3b4e73115db57d492f743319d2f7530350c9fa9962aba128a0d6309a495bd5b303d7b5a41903a3d890f99e6d0dacaab696f11d4a4e8bd5a615aac387f97fa5965c78436a6fbcba09148aea39faee91e2ef74af1ca4aff58d",
      "6d676a3b02a72d7bcb4643ab89dd7a69cd25867a1f66b3f169effef979f3716defa85f43ae8d83b321336f7f773ac68e7ea3488a13d4d0c4c0074f307d50627aaa2ddef6feaf05f23b8f97612032274878d96434aa50c3cdfca8fa1fe06070cb636b76b6efaefe9c9be33269eb21fe9970abbffe167dcfc7bd63397f1cfc4845",
      "e3586e29975813ab98f42e353e189f246915f7fdb2ef5cb512375cc5a923ac939656409eaf270374fd152bcf1942ef409572c2c108588b82c3771fe88c35f87fd251189555b9729168148288184920dc122128a9551e6129ea46ae9f60f1c1962bef4879b0cb8dd6f70a099a38f63b257cd5d7c4d46e640ecf4dad0d8f3f3a3b",
    ]);
    expect(minhashSignature(" !? ")).toBeUndefined();
  });
});

describe("loose answer key (prompt-answer-conflict)", () => {
  // What the rule computed before the key moved to keys.ts (its answer text hashed a second time):
  // the key must keep its value, so conflicts are the same groups.
  const formerKey = (ex: CanonicalExample): number | undefined => {
    const answer = answerMessages(ex);
    if (!answer || answer.length === 0) return undefined;
    const b = new KeyBuilder().reset(answer.length);
    for (const m of answer) {
      b.raw(m.role).text(m.text, "loose").word(m.images);
      if (m.toolCalls)
        for (const c of m.toolCalls) {
          let args = c.arguments;
          try {
            args = canonicalJson(JSON.parse(args) as JsonValue);
          } catch {}
          b.raw(c.name).raw(args);
        }
    }
    return b.finish()[0]!;
  };

  it("keeps the value the rule computed, on random Unicode answers with tool calls and preference pairs", () => {
    const args = fc.constantFrom('{"a":1,"b":"x"}', '{"b":"x","a":1}', "not json", "");
    const call = fc.record({ id: fc.constant("c1"), type: fc.constant("function"), function: fc.record({ name: fc.constantFrom("f", "g"), arguments: args }) });
    const record = fc.record({
      user: unicodeText,
      answer: unicodeText,
      variant: fc.nat(variants.length - 1),
      calls: fc.option(fc.array(call, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    });
    let seen = 0;
    fc.assert(
      fc.property(record, ({ user, answer, variant, calls }) => {
        const text = variants[variant]!(answer);
        const e = ex({ messages: [{ role: "user", content: user }, { role: "assistant", content: text, ...(calls ? { tool_calls: calls } : {}) }] });
        const m = (role: string, t: string): CanonicalMessage => ({ role, text: t, hasContent: true, images: 0, trainable: role === "assistant", path: [] });
        const pref: CanonicalExample = { kind: "preference", format: "openai-dpo", messages: [m("user", user)], chosen: [m("assistant", text)], rejected: [m("assistant", answer)], extra: {}, raw: {} };
        for (const x of [e, pref]) {
          // Asked before and after the other keys (which hash the same texts first).
          const first = looseAnswerHash(x);
          exampleHash(x);
          expect([looseAnswerHash(x), first]).toEqual([formerKey(x), formerKey(x)]);
          if (first !== undefined) seen++;
        }
      }),
      { numRuns: 1500, seed: 23 },
    );
    expect(seen).toBeGreaterThan(2000);
  });

  it("is the same for answers that differ in case, punctuation and whitespace only", () => {
    const key = (answer: string) => looseAnswerHash(chat("Is it?", answer));
    expect(key("Yes.")).toBe(key("  YES!"));
    expect(key("是的。")).toBe(key("是的！"));
    expect(key("Yes.")).not.toBe(key("No."));
  });
});
