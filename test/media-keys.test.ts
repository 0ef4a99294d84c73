import { describe, expect, it } from "vitest";
import { findings, lintRecords } from "./helpers/lint-records.js";
import { validate } from "../src/engine/validate.js";
import { onlyRules } from "./helpers/lint-records.js";

const imageOnly = (url: string, answer: string) => ({
  messages: [
    { role: "user", content: [{ type: "image_url", image_url: { url } }] },
    { role: "assistant", content: answer },
  ],
});
const imageAndText = (url: string, text: string, answer: string) => ({
  messages: [
    { role: "user", content: [{ type: "text", text }, { type: "image_url", image_url: { url } }] },
    { role: "assistant", content: answer },
  ],
});
// LLaMA-Factory's multimodal ShareGPT layout: the files are in the `images` column.
const sharegpt = (image: string, answer: string) => ({
  messages: [
    { role: "user", content: "<image>Who are they?" },
    { role: "assistant", content: answer },
  ],
  images: [image],
});
const u = (content: string) => ({ role: "user", content });
const a = (content: string) => ({ role: "assistant", content });

describe("prompt-answer-conflict", () => {
  it("does not take two prompts that are only different images for the same prompt", async () => {
    expect(await findings("prompt-answer-conflict", [imageOnly("https://x.test/cat.png", "A cat."), imageOnly("https://x.test/dog.png", "A dog.")])).toEqual([]);
  });

  it("does not take the same question about two different images for the same prompt", async () => {
    expect(await findings("prompt-answer-conflict", [imageAndText("https://x.test/1.png", "What is this?", "A cat."), imageAndText("https://x.test/2.png", "What is this?", "A dog.")])).toEqual([]);
    expect(await findings("prompt-answer-conflict", [sharegpt("mllm_demo_data/1.jpg", "Messi and Ronaldo"), sharegpt("mllm_demo_data/2.jpg", "The Beatles")], { format: "sharegpt" })).toEqual([]);
  });

  it("still reports the same image with the same question and two answers", async () => {
    expect(await findings("prompt-answer-conflict", [imageOnly("https://x.test/cat.png", "A cat."), imageOnly("https://x.test/cat.png", "A dog.")])).toEqual([{ line: 1 }]);
  });

  it("does not call answers that differ only in punctuation, case or spacing conflicting", async () => {
    const rows = [
      { messages: [u("Is water wet?"), a("Yes.")] },
      { messages: [u("Is water wet?"), a("Yes!")] },
      { messages: [u("Is water wet?"), a("  yes ")] },
    ];
    expect(await findings("prompt-answer-conflict", rows)).toEqual([]);
    const report = await lintRecords([...rows, { messages: [u("Is water wet?"), a("No.")] }], "prompt-answer-conflict");
    expect(report.files[0]!.diagnostics.map((d) => d.message)).toEqual(["Conflicting answers: the same prompt has 2 different answers on lines 1, 2, 3, 4"]);
  });
});

describe("media in the other duplicate keys", () => {
  it("example-duplicate: two records that differ only in their image are not duplicates", async () => {
    expect(await findings("example-duplicate", [imageOnly("https://x.test/cat.png", "An animal."), imageOnly("https://x.test/dog.png", "An animal.")])).toEqual([]);
    expect(await findings("example-duplicate", [imageOnly("https://x.test/cat.png", "An animal."), imageOnly("https://x.test/cat.png", "An animal.")])).toEqual([{ line: 2 }]);
  });

  it("example-near-duplicate leaves out examples with images", async () => {
    const q = "Describe what you can see in this picture, in two short sentences please.";
    expect(await findings("example-near-duplicate", [imageAndText("https://x.test/1.png", q, "A cat on a mat."), imageAndText("https://x.test/2.png", q, "A cat on a mat!")])).toEqual([]);
  });

  it("holdout-prompt-duplicate: an image-only prompt of the holdout with another image is not the same prompt", async () => {
    const train = [JSON.stringify(imageOnly("https://x.test/cat.png", "A cat."))];
    const holdout = [JSON.stringify(imageOnly("https://x.test/dog.png", "A dog."))];
    const report = await validate(train.values(), { holdout: holdout.values(), holdoutName: "valid.jsonl", rules: onlyRules("holdout-prompt-duplicate", "holdout-example-duplicate") });
    expect(report.files[0]!.diagnostics).toEqual([]);
    const sameImage = [JSON.stringify(imageOnly("https://x.test/cat.png", "A kitten."))];
    const same = await validate(train.values(), { holdout: sameImage.values(), holdoutName: "valid.jsonl", rules: onlyRules("holdout-prompt-duplicate") });
    expect(same.files[0]!.diagnostics.map((d) => d.ruleId)).toEqual(["holdout-prompt-duplicate"]);
  });
});
