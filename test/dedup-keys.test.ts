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
import type { CanonicalExample, JsonObject } from "../src/formats/canonical.js";

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
