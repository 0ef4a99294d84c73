import path from "node:path";
import { describe, expect, it } from "vitest";
import { validate } from "../src/engine/validate.js";

const dir = path.join(import.meta.dirname, "fixtures", "together");
const lint = async (file: string, target?: string) => {
  const r = await validate(path.join(dir, file), target ? { target } : {});
  return r.files[0]!;
};
const brief = (f: Awaited<ReturnType<typeof lint>>) => f.diagnostics.map((d) => [d.ruleId, d.line, d.path, d.message]);

// together-python's own checker (utils/files.py) passes the valid_* files and rejects the invalid_* ones.
describe("--target together agrees with together-python's checker on its test fixtures", () => {
  it("accepts `weight` on user and system messages", async () => {
    expect(brief(await lint("valid_weights_all.jsonl", "together"))).toEqual([]);
    expect(brief(await lint("valid_weights_mixed.jsonl", "together"))).toEqual([]);
  });

  it("rejects a weight other than 0 or 1 on any message", async () => {
    expect(brief(await lint("invalid_weight.jsonl", "together"))).toContainEqual(["assistant-weight-invalid", 1, "/messages/0/weight", "`weight` must be 0 or 1, found 2"]);
  });

  it("reads the instruction layout with a content-part prompt and a string completion as prompt-completion", async () => {
    const f = await lint("valid_instruction_multimodal.jsonl", "together");
    expect(f.format).toBe("prompt-completion");
    expect(brief(f)).toEqual([]);
  });

  it("accepts the conversational multimodal example, rejects an image URL that is not a base64 data URI", async () => {
    expect(brief(await lint("valid_conversational_multimodal_single_turn.jsonl", "together"))).toEqual([]);
    expect(brief(await lint("invalid_multimodal_content.jsonl", "together"))).toEqual([
      ["message-content-invalid", 1, "/messages/0/content/1/image_url/url", 'image_url.url must be a data:image/<format>;base64, URI; found "<malformed_base64_image>"'],
    ]);
  });

  it("without a target, user weights stay an OpenAI finding", async () => {
    expect(brief(await lint("valid_weights_mixed.jsonl")).map((d) => d[0])).toContain("message-key-unknown");
  });
});

const imageRow = (url: string) =>
  JSON.stringify({ messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url } }] }, { role: "assistant", content: [{ type: "text", text: "A picture." }] }] });
const imageFindings = async (url: string, target?: string) =>
  (await validate([imageRow(url)].values(), { ...(target ? { target } : {}), rules: { "examples-min-count": "off" } })).files[0]!.diagnostics.map((d) => d.message);

describe("image URLs", () => {
  it("OpenAI (the default) takes http(s) URLs and JPEG, PNG and WEBP data URIs, not GIF", async () => {
    expect(await imageFindings("https://example.com/cat.gif")).toEqual([]);
    expect(await imageFindings("data:image/png;base64,iVBORw0KGgo=")).toEqual([]);
    expect(await imageFindings("data:image/gif;base64,R0lGODlhAQABAAAAACw=")).toEqual(["Image format image/gif is not accepted (accepted: JPEG, PNG, WEBP)"]);
    expect(await imageFindings("ftp://example.com/cat.png")).toEqual(['image_url.url must be an http(s) URL or a data:image/<format>;base64, URI; found "ftp://example.com/cat.png"']);
  });

  it("Together takes base64 data URIs only", async () => {
    expect(await imageFindings("https://example.com/cat.png", "together")).toEqual(['image_url.url must be a data:image/<format>;base64, URI; found "https://example.com/cat.png"']);
    expect(await imageFindings("data:image/webp;base64,UklGRg==", "together")).toEqual([]);
  });

  it("an image over the size limit", async () => {
    const big = "data:image/jpeg;base64," + "A".repeat(14_000_000);
    expect(await imageFindings(big)).toEqual(["Image is about 10500000 bytes; the limit is 10000000 bytes"]);
  });

  it("the generic target does not judge image URLs", async () => {
    expect(await imageFindings("data:image/gif;base64,R0lGOD", "generic")).toEqual([]);
  });
});

describe("other Together facts", () => {
  it("a conversation mixing string and content-part messages is rejected under --target together only", async () => {
    const row = JSON.stringify({ messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }, { role: "assistant", content: "Hello" }] });
    const under = (await validate([row].values(), { target: "together" })).files[0]!.diagnostics;
    expect(under.map((d) => [d.ruleId, d.path, d.message])).toEqual([
      ["message-content-invalid", "/messages/1/content", "Message 1 has string content but message 0 has content-part; this platform needs all messages of a conversation in one form (all strings or all content parts)"],
    ]);
    expect((await validate([row].values(), { rules: { "examples-min-count": "off" } })).files[0]!.diagnostics).toEqual([]);
  });

  it("the file size limit is 50.1 GiB (together-python counts GB as 2**30 bytes)", async () => {
    const { resolveTarget, targetRules } = await import("../src/targets/index.js");
    expect(targetRules(resolveTarget("together"))["file-too-large"]).toEqual(["error", { maxBytes: 50.1 * 2 ** 30 }]);
  });
});
