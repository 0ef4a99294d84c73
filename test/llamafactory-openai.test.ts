import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validate } from "../src/engine/validate.js";

/**
 * `"formatting": "openai"` in a dataset_info.json: the sharegpt path with OpenAI-style turns, as
 * hiyouga/LLaMA-Factory ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30 src/llamafactory/data/converter.py
 * (OpenAIDatasetConverter) reads it: assistant `tool_calls` become a function turn, consecutive tool
 * results one observation, trailing tool results are not read; then the same odd/even role check.
 * Fixture: test/fixtures/llamafactory-openai (its README says what each record must give).
 */
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "llamafactory-openai");
const rules = { "examples-min-count": "off", "examples-recommended-count": "off" } as const;
const startLine = (text: string, record: number) => {
  // Records of the pretty-printed array start with two-space-indented "{".
  const starts = text.split("\n").flatMap((l, i) => (l === "  {" ? [i + 1] : []));
  return starts[record];
};

describe('dataset_info.json "formatting": "openai"', () => {
  it("the entry is checked like the others (not listed as unread), read through the OpenAI converter's alignment", async () => {
    const r = await validate(path.join(dir, "dataset_info.json"), { rules, cwd: dir });
    const info = r.files.find((f) => f.file.endsWith("dataset_info.json"))!;
    expect(info.diagnostics).toEqual([]);
    const data = r.files.find((f) => f.file.endsWith("openai_demo.json"))!;
    expect(data.formatReason).toMatch(/entry "openai_demo" \(formatting openai; .*\) read as sharegpt/);
    const text = readFileSync(path.join(dir, "openai_demo.json"), "utf8");
    // Records 0 (parallel calls, two tool results joined) and 3 (a trailing tool result) pass;
    // 2 (user after a tool result) and 4 (two user turns) are skipped by LLaMA-Factory.
    expect(data.diagnostics.map((d) => [d.ruleId, d.line, d.path])).toEqual([
      ["sharegpt-role-invalid", startLine(text, 2), "/messages/3/role"],
      ["sharegpt-role-invalid", startLine(text, 4), "/messages/1/role"],
    ]);
  });

  it("a finding after joined tool results points at the message as written, not at the aligned turn", async () => {
    const { writeFileSync, mkdtempSync, copyFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const tmp = mkdtempSync(path.join(tmpdir(), "ftdata-lfoa-"));
    copyFileSync(path.join(dir, "dataset_info.json"), path.join(tmp, "dataset_info.json"));
    const call = (id: string) => ({ id, type: "function", function: { name: "get_weather", arguments: '{"city": "Oslo"}' } });
    // Aligned: user, function, observation (messages 2-4 joined), user → position 3 at message 5.
    const row = { messages: [{ role: "user", content: "Oslo?" }, { role: "assistant", content: "", tool_calls: [call("a"), call("b"), call("c")] }, { role: "tool", content: "4" }, { role: "tool", content: "5" }, { role: "tool", content: "6" }, { role: "user", content: "And?" }, { role: "assistant", content: "Cold." }] };
    writeFileSync(path.join(tmp, "openai_demo.json"), JSON.stringify([{ messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello" }] }, row]));
    const r = await validate(path.join(tmp, "openai_demo.json"), { rules });
    expect(r.files[0]!.diagnostics.map((d) => [d.ruleId, d.record, d.path])).toEqual([["sharegpt-role-invalid", 1, "/messages/5/role"]]);
  });
});
