import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { convert } from "../src/convert/index.js";
import { validate } from "../src/engine/validate.js";

/** Converting LLaMA-Factory's demo data (fixtures: commit ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30, Apache-2.0). */
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "llamafactory");
const dir = mkdtempSync(path.join(tmpdir(), "ftdata-lfconv-"));
let n = 0;
const out = (ext = "jsonl") => path.join(dir, `out${++n}.${ext}`);
const read = (file: string) => readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
const quiet = { rules: { "examples-min-count": "off", "examples-recommended-count": "off" }, datasetInfo: false } as const;

describe("preference data: LLaMA-Factory ranking ↔ OpenAI DPO ↔ TRL", () => {
  it("dpo_en_demo.json → openai-dpo → trl-preference → sharegpt-ranking: every hop lints clean and the last equals the source", async () => {
    const src = path.join(fixtures, "dpo_en_demo.json");
    const dpo = out();
    const r1 = await convert(src, { to: "openai-dpo", output: dpo });
    expect([r1.from, r1.to, r1.written, r1.diagnostics]).toEqual(["sharegpt-ranking", "openai-dpo", 60, []]);
    const first = read(dpo)[0]!;
    const original = (JSON.parse(readFileSync(src, "utf8")) as { conversations: { value: string }[]; chosen: { value: string }; rejected: { value: string } }[])[0]!;
    expect(first).toEqual({
      input: { messages: [{ role: "user", content: original.conversations[0]!.value }] },
      preferred_output: [{ role: "assistant", content: original.chosen.value }],
      non_preferred_output: [{ role: "assistant", content: original.rejected.value }],
    });
    const dpoLint = (await validate(dpo, quiet)).files[0]!;
    expect([dpoLint.format, dpoLint.errorCount]).toEqual(["openai-dpo", 0]);
    const trl = out();
    const r2 = await convert(dpo, { to: "trl-preference", output: trl });
    expect([r2.written, r2.diagnostics]).toEqual([60, []]);
    const back = out();
    const r3 = await convert(trl, { to: "sharegpt-ranking", output: back });
    expect([r3.written, r3.diagnostics]).toEqual([60, []]);
    // A leading system turn and a `system` column mean the same to LLaMA-Factory (converter.py); the writer uses the column.
    const normal = (JSON.parse(readFileSync(src, "utf8")) as { conversations: { from: string; value: string }[] }[]).map((r) =>
      r.conversations[0]?.from === "system" ? { ...r, system: r.conversations[0].value, conversations: r.conversations.slice(1) } : r,
    );
    expect(read(back)).toEqual(normal);
  });

  it("sharegpt-ranking → alpaca-ranking: single-turn prompts become instruction + chosen/rejected strings", async () => {
    const file = out();
    const r = await convert(path.join(fixtures, "dpo_zh_demo.json"), { to: "alpaca-ranking", output: file });
    expect(r.errorCount).toBe(0);
    const row = read(file)[0]!;
    expect(Object.keys(row).sort()).toEqual(["chosen", "input", "instruction", "rejected"]);
    expect((await validate(file, quiet)).files[0]!.format).toBe("alpaca-ranking");
  });

  it("a KTO example cannot become a pair: convert-failed on its line, nothing written", async () => {
    const r = await convert(path.join(fixtures, "kto_en_demo.json"), { to: "openai-dpo", output: out() });
    expect(r.wrote).toBe(false);
    expect(r.diagnostics[0]!.ruleId).toBe("convert-failed");
    expect(r.diagnostics[0]!.line).toBe(2);
    expect(r.diagnostics[0]!.message).toMatch(/unpaired KTO example \(one completion labelled true\) cannot be written as a openai-dpo pair/);
  });
});

describe("media columns are carried or reported, never dropped silently", () => {
  it("mllm_demo.json → sharegpt keeps `images` and the placeholders; the output lints clean", async () => {
    const file = out();
    const r = await convert(path.join(fixtures, "mllm_demo.json"), { to: "sharegpt", output: file });
    expect([r.from, r.written, r.diagnostics]).toEqual(["llamafactory-messages", 6, []]);
    const row = read(file)[0]!;
    expect(row.images).toEqual(["mllm_demo_data/1.jpg", "mllm_demo_data/1.jpg"]);
    expect((row.conversations as { value: string }[])[0]!.value).toBe("<image>Who are they?");
    const lint = (await validate(file, quiet)).files[0]!;
    expect([lint.format, lint.errorCount, lint.warningCount]).toEqual(["sharegpt", 0, 0]);
  });

  it("mllm_video_audio_demo.json → openai-chat: one convert-lossy per media column and record", async () => {
    const r = await convert(path.join(fixtures, "mllm_video_audio_demo.json"), { to: "openai-chat", output: out() });
    const lossy = r.diagnostics.filter((d) => d.ruleId === "convert-lossy");
    expect(lossy).toHaveLength(6);
    expect(lossy.slice(0, 2).map((d) => [d.line, d.message])).toEqual([
      [2, "Not carried into openai-chat: 1 file(s) in `videos` (openai-chat has no media columns)"],
      [2, "Not carried into openai-chat: 1 file(s) in `audios` (openai-chat has no media columns)"],
    ]);
  });
});
