import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validate } from "../src/engine/validate.js";
import type { Diagnostic } from "../src/core/diagnostic.js";

/**
 * LLaMA-Factory's own demo data (test/fixtures/llamafactory, from hiyouga/LLaMA-Factory data/ at
 * commit ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30), read as its loader (src/llamafactory/data/
 * converter.py, parser.py, mm_plugin.py, processor/*.py at that commit) reads it.
 */
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "llamafactory");
const fixture = (name: string) => path.join(dir, name);
// The count rules speak about file size, not layout: off, so each demo file's findings are its own.
// Detection is tested without the dataset_info.json beside the fixtures (its own tests below).
const quiet = { rules: { "examples-min-count": "off", "examples-recommended-count": "off" }, datasetInfo: false } as const;

async function lint(file: string, options: Parameters<typeof validate>[1] = {}) {
  const r = await validate(file, { ...quiet, ...options, rules: { ...quiet.rules, ...(options.rules ?? {}) } });
  return r.files[0]!;
}
const summary = (ds: readonly Diagnostic[]) => {
  const out: Record<string, number> = {};
  for (const d of ds) out[d.ruleId] = (out[d.ruleId] ?? 0) + 1;
  return out;
};

describe("LLaMA-Factory demo files: detected as the layout they are, no false positive, true findings kept", () => {
  const cases: [string, string, number, Record<string, number>][] = [
    // 14 extra exact copies in the whole file: a true finding.
    ["alpaca_en_demo.json", "alpaca", 999, { "example-duplicate": 14 }],
    ["alpaca_zh_demo.json", "alpaca", 60, {}],
    ["identity.json", "alpaca", 91, { "example-near-duplicate": 1, "prompt-answer-conflict": 2 }],
    ["dpo_en_demo.json", "sharegpt-ranking", 60, {}],
    ["dpo_zh_demo.json", "sharegpt-ranking", 60, {}],
    ["glaive_toolcall_en_demo.json", "sharegpt", 60, { "example-duplicate": 1, "answer-repeated": 1 }],
    ["glaive_toolcall_zh_demo.json", "sharegpt", 60, {}],
    ["kto_en_demo.json", "llamafactory-kto", 60, {}],
    ["mllm_demo.json", "llamafactory-messages", 6, {}],
    ["mllm_audio_demo.json", "llamafactory-messages", 3, {}],
    ["mllm_video_demo.json", "llamafactory-messages", 3, {}],
    ["mllm_video_audio_demo.json", "llamafactory-messages", 3, {}],
    ["c4_demo.jsonl", "text", 40, {}],
    ["reason_tool_use_demo_50.jsonl", "llamafactory-v1", 50, {}],
    ["v1_dpo_demo.jsonl", "llamafactory-v1-dpo", 10, {}],
    // Lines 7-24 repeat lines 1-6 three times over; the file ends with an empty line.
    ["v1_multimodal_demo.jsonl", "llamafactory-v1", 24, { "example-duplicate": 18, "line-blank": 1 }],
    // Line 326 repeats line 168; identity's two prompts with two answers each.
    ["v1_sft_demo.jsonl", "llamafactory-v1", 330, { "example-duplicate": 1, "example-near-duplicate": 1, "prompt-answer-conflict": 2 }],
  ];
  for (const [name, format, records, findings] of cases) {
    it(`${name}: ${format}, ${records} records, ${JSON.stringify(findings)}`, async () => {
      const f = await lint(fixture(name));
      expect(f.format).toBe(format);
      expect(f.records).toBe(records);
      expect(summary(f.diagnostics)).toEqual(findings);
    });
  }

  it("v1_sft_demo.jsonl: the one real duplicate is reported on its line, not 300 empty texts", async () => {
    const f = await lint(fixture("v1_sft_demo.jsonl"));
    const dup = f.diagnostics.filter((d) => d.ruleId === "example-duplicate");
    expect(dup.map((d) => d.line)).toEqual([326]);
    expect(dup[0]!.message).toMatch(/line 168/);
  });

  it("kto_en_demo.json: rows with the same prompt and different labels are no prompt-answer conflict", async () => {
    const records = JSON.parse(readFileSync(fixture("kto_en_demo.json"), "utf8")) as object[];
    const f = await lint(fixture("kto_en_demo.json"));
    expect(f.diagnostics.filter((d) => d.ruleId === "prompt-answer-conflict" || d.ruleId === "record-key-unknown")).toEqual([]);
    // The label is part of the example: the same row labelled both ways is no duplicate but a contradiction.
    const row = records[0] as { label: boolean };
    const tmp = mkdtempSync(path.join(tmpdir(), "ftdata-lf-"));
    const file = path.join(tmp, "kto.jsonl");
    writeFileSync(file, [row, { ...row, label: !row.label }].map((r) => JSON.stringify(r)).join("\n") + "\n");
    const g = await lint(file);
    expect(g.format).toBe("llamafactory-kto");
    expect(g.diagnostics.filter((d) => d.ruleId === "example-duplicate")).toEqual([]);
    expect(g.diagnostics.find((d) => d.ruleId === "preference-contradiction")?.line).toBe(2);
  });
});

/** A mutated copy of a demo file in a temp dir; returns its path and the 1-based line of `needle`'s nth occurrence. */
function mutate(name: string, edit: (text: string) => string): string {
  const tmp = mkdtempSync(path.join(tmpdir(), "ftdata-lf-"));
  const file = path.join(tmp, name);
  writeFileSync(file, edit(readFileSync(fixture(name), "utf8")));
  return file;
}
function lineOf(file: string, needle: string, nth = 1): number {
  const lines = readFileSync(file, "utf8").split("\n");
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i]!.includes(needle) && ++seen === nth) return i + 1;
  throw new Error(`${needle} not found`);
}
/** The line of the `{` that opens the record holding the line `at` (a pretty-printed JSON array). */
function recordStart(file: string, at: number): number {
  const lines = readFileSync(file, "utf8").split("\n");
  for (let i = at - 1; i >= 0; i--) if (lines[i] === "  {") return i + 1;
  throw new Error("no record start");
}

describe("mutated demo files: caught on the right line, as LLaMA-Factory would fail or skip them", () => {
  it("mllm_demo.json with an extra image: media-placeholder-mismatch (mm_plugin raises at training time)", async () => {
    const file = mutate("mllm_demo.json", (t) => t.replace('"mllm_demo_data/2.jpg"', '"mllm_demo_data/2.jpg",\n      "mllm_demo_data/3.jpg"'));
    const f = await lint(file);
    expect(f.format).toBe("llamafactory-messages");
    const d = f.diagnostics.filter((x) => x.ruleId === "media-placeholder-mismatch");
    expect(d).toHaveLength(1);
    expect(d[0]!.line).toBe(recordStart(file, lineOf(file, "mllm_demo_data/2.jpg")));
    expect(d[0]!.message).toBe("The text has 1 <image> placeholder(s) but `images` lists 2 file(s)");
  });

  it("mllm_video_audio_demo.json with a missing <audio>: reported for audios only", async () => {
    const file = mutate("mllm_video_audio_demo.json", (t) => t.replace("<video><audio>What does this girl say?", "<video>What does this girl say?"));
    const d = (await lint(file)).diagnostics.filter((x) => x.ruleId === "media-placeholder-mismatch");
    expect(d.map((x) => [x.line, x.path])).toEqual([[recordStart(file, lineOf(file, "What does this girl say?")), "/audios"]]);
  });

  it("dpo_en_demo.json with an empty chosen answer: preference-side-empty on that record", async () => {
    const original = readFileSync(fixture("dpo_en_demo.json"), "utf8");
    const records = JSON.parse(original) as { chosen: { value: string } }[];
    const target = records[2]!.chosen.value;
    const file = mutate("dpo_en_demo.json", (t) => t.replace(JSON.stringify(target), '""'));
    const f = await lint(file);
    const d = f.diagnostics.filter((x) => x.ruleId === "preference-side-empty");
    expect(d).toHaveLength(1);
    expect(d[0]!.record).toBe(2);
    expect(d[0]!.line).toBe(recordStart(file, lineOf(file, '"value": ""')));
    expect(d[0]!.message).toBe("Preferred answer is empty");
  });

  it("dpo_en_demo.json with a gpt turn where the prompt needs human: llamafactory-example-invalid (converter skips the row)", async () => {
    const file = mutate("dpo_en_demo.json", (t) => t.replace('"from": "human"', '"from": "gpt"'));
    const d = (await lint(file)).diagnostics.filter((x) => x.ruleId === "llamafactory-example-invalid");
    expect(d).toHaveLength(1);
    expect(d[0]!.line).toBe(2);
    expect(d[0]!.path).toBe("/conversations/0/from");
    expect(d[0]!.message).toMatch(/^Turn 0 is "gpt" but position 0 must be human or observation; LLaMA-Factory skips this example/);
  });

  it("dpo_en_demo.json with a human chosen turn: the ranking side must be gpt", async () => {
    const file = mutate("dpo_en_demo.json", (t) => t.replace('"chosen": {\n      "from": "gpt"', '"chosen": {\n      "from": "human"'));
    const d = (await lint(file)).diagnostics.filter((x) => x.ruleId === "llamafactory-example-invalid");
    expect(d.map((x) => [x.line, x.path, x.message])).toEqual([[2, "/chosen/from", '`chosen` is a "human" turn; LLaMA-Factory needs gpt or function_call and skips this example']]);
  });

  it("glaive_toolcall_en_demo.json with two human turns in a row: sharegpt-role-invalid", async () => {
    const file = mutate("glaive_toolcall_en_demo.json", (t) => t.replace('"from": "gpt"', '"from": "human"'));
    const d = (await lint(file)).diagnostics.filter((x) => x.ruleId === "sharegpt-role-invalid");
    expect(d).toHaveLength(1);
    expect(d[0]!.line).toBe(2);
    expect(d[0]!.path).toBe("/conversations/1/from");
  });

  it("kto_en_demo.json with a label that is not a boolean, and with an even prompt: llamafactory-example-invalid", async () => {
    const file = mutate("kto_en_demo.json", (t) => {
      const u = t.replace('"role": "assistant"', '"role": "user"');
      const second = u.indexOf('"label": true', u.indexOf('"label": true') + 1);
      return `${u.slice(0, second)}"label": "yes"${u.slice(second + '"label": true'.length)}`;
    });
    const f = await lint(file);
    expect(f.format).toBe("llamafactory-kto");
    const d = f.diagnostics.filter((x) => x.ruleId === "llamafactory-example-invalid");
    const firstTrue = recordStart(file, lineOf(file, '"label": "yes"'));
    expect(d.map((x) => [x.line, x.path])).toContainEqual([2, "/messages/1/role"]);
    expect(d.some((x) => x.line === firstTrue && /`label` must be true or false, found "yes"/.test(x.message))).toBe(true);
  });

  it("alpaca ranking rows: detected; an empty rejected answer and a missing chosen are caught", async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), "ftdata-lf-"));
    const file = path.join(tmp, "rank.jsonl");
    const rows = [
      { instruction: "Name a colour.", input: "", chosen: "Blue.", rejected: "Seven." },
      { instruction: "Name a fruit.", input: "", chosen: "An apple.", rejected: "" },
      { instruction: "Name a tree.", input: "", rejected: "A car." },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const f = await lint(file);
    expect(f.format).toBe("alpaca-ranking");
    expect(f.diagnostics.map((d) => [d.ruleId, d.line, d.path])).toEqual([
      ["preference-side-empty", 2, "/rejected"],
      ["llamafactory-example-invalid", 3, "/chosen"],
    ]);
  });

  it("v1_sft_demo.jsonl with an unknown part type, a string loss_weight and a bad role: llamafactory-v1-message-invalid on those lines", async () => {
    const file = mutate("v1_sft_demo.jsonl", (t) => {
      const lines = t.split("\n");
      lines[4] = lines[4]!.replace('"type": "text"', '"type": "txt"');
      lines[9] = lines[9]!.replace('"loss_weight": 1.0', '"loss_weight": "1"');
      lines[19] = lines[19]!.replace('"role": "assistant"', '"role": "gpt"');
      return lines.join("\n");
    });
    const f = await lint(file);
    expect(f.format).toBe("llamafactory-v1");
    expect(f.diagnostics.filter((d) => d.ruleId === "llamafactory-v1-message-invalid").map((d) => [d.line, d.path])).toEqual([
      [5, "/messages/0/content/0/type"],
      [10, "/messages/1/loss_weight"],
      [20, "/messages/1/role"],
    ]);
  });

  it("role/content messages with media: an odd turn count is a row LLaMA-Factory skips", async () => {
    const file = mutate("mllm_demo.json", (t) => t.replace('{\n        "content": "He\'s Thomas Muller from Bayern Munich.",\n        "role": "assistant"\n      },\n', ""));
    const f = await lint(file);
    const d = f.diagnostics.filter((x) => x.ruleId === "llamafactory-example-invalid");
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(/Turn 1 is "user" but position 1 must be assistant or function_call/);
  });
});

describe("dataset_info.json", () => {
  it("lint data/dataset_info.json checks every listed file on disk as its entry says, reports missing files, lists hub-only entries", async () => {
    const r = await validate(fixture("dataset_info.json"), { rules: { "examples-min-count": "off", "examples-recommended-count": "off" }, cwd: dir });
    const byFile = new Map(r.files.map((f) => [f.file, f]));
    expect(byFile.get("dpo_en_demo.json")?.format).toBe("sharegpt-ranking");
    expect(byFile.get("kto_en_demo.json")?.format).toBe("llamafactory-kto");
    expect(byFile.get("mllm_demo.json")?.format).toBe("llamafactory-messages");
    expect(byFile.get("c4_demo.jsonl")?.format).toBe("text");
    expect(byFile.get("alpaca_en_demo.json")?.diagnostics.filter((d) => d.ruleId === "example-duplicate")).toHaveLength(14);
    expect(byFile.get("kto_en_demo.json")?.formatReason).toMatch(/entry "kto_en_demo" \(formatting sharegpt; columns messages, label→kto_tag; tags role_tag=role/);
    const info = byFile.get("dataset_info.json")!;
    expect(info.format).toBe("llamafactory-dataset-info");
    const text = readFileSync(fixture("dataset_info.json"), "utf8");
    const wikiLine = text.split("\n").findIndex((l) => l.includes('"wiki_demo":')) + 1;
    expect(info.diagnostics.map((d) => [d.ruleId, d.line, d.message.slice(0, 60)])).toEqual([
      ["dataset-info-entry-unchecked", 1, "90 dataset(s) live on a hub or behind a script and are not c"],
      ["dataset-info-entry-invalid", wikiLine, 'Dataset "wiki_demo": file wiki_demo.txt does not exist'],
    ]);
    // Every dataset file on disk: 13 listed, wiki_demo.txt missing in the fixtures.
    expect(r.files).toHaveLength(13 + 1);
  });

  it("renamed columns and tags: read through the entry, findings point at the columns as written", async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), "ftdata-lf-"));
    writeFileSync(
      path.join(tmp, "dataset_info.json"),
      JSON.stringify({
        qa: { file_name: "qa.jsonl", columns: { prompt: "question", response: "answer", system: "sys" } },
        chat: { file_name: "chat.json", formatting: "sharegpt", columns: { messages: "dialog" }, tags: { role_tag: "speaker", content_tag: "text", user_tag: "me", assistant_tag: "bot" } },
      }),
    );
    writeFileSync(path.join(tmp, "qa.jsonl"), [{ question: "2+2?", answer: "4" }, { question: "3+3?", answer: "" }].map((r) => JSON.stringify(r)).join("\n") + "\n");
    writeFileSync(path.join(tmp, "chat.json"), JSON.stringify([{ dialog: [{ speaker: "me", text: "hi" }, { speaker: "bot", text: "hello" }] }, { dialog: [{ speaker: "me", text: "hi" }, { speaker: "me", text: "again" }] }], null, 1));
    const qa = await lint(path.join(tmp, "qa.jsonl"), { datasetInfo: undefined as never });
    expect(qa.format).toBe("alpaca");
    expect(qa.formatReason).toBe('dataset_info.json entry "qa" (formatting alpaca; columns question→instruction, answer→output, sys→system) read as alpaca');
    expect(qa.diagnostics.map((d) => [d.ruleId, d.line, d.path])).toEqual([["assistant-content-empty", 2, "/answer"]]);
    const chat = await lint(path.join(tmp, "chat.json"), { datasetInfo: undefined as never });
    expect(chat.format).toBe("sharegpt");
    const role = chat.diagnostics.filter((d) => d.ruleId === "sharegpt-role-invalid");
    expect(role.map((d) => [d.record, d.path])).toEqual([[1, "/dialog/1/speaker"]]);
    // Without the lookup the same file is no known format.
    const off = await lint(path.join(tmp, "chat.json"));
    expect(off.format).toBeNull();
    // --dataset-info names the file from elsewhere.
    const named = await lint(path.join(tmp, "qa.jsonl"), { datasetInfo: path.join(tmp, "dataset_info.json") });
    expect(named.format).toBe("alpaca");
  });
});
