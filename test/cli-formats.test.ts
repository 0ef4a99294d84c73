import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CLI = path.resolve("dist/cli.js");
function run(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const dir = mkdtempSync(path.join(tmpdir(), "ftdata-cli-"));
const file = (name: string, lines: object[]) => {
  const p = path.join(dir, name);
  writeFileSync(p, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  return p;
};
const chats = Array.from({ length: 10 }, (_, i) => ({ messages: [{ role: "user", content: `Question ${i}?` }, { role: "user", content: "Please answer." }, { role: "assistant", content: `Answer ${i}.` }] }));

describe("ftdata convert", () => {
  it("writes the converted file (exit 0), which lints clean for its format", () => {
    const src = file("c.jsonl", chats);
    const r = run(["convert", src, "--to", "sharegpt"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Wrote 10 sharegpt records to .*c\.sharegpt\.jsonl/);
    // Two user turns in a row are merged for ShareGPT's alternation: a warning per record, with its line.
    expect(r.stdout).toMatch(/1 +warning +Not carried into sharegpt: consecutive user messages merged/);
    const out = path.join(dir, "c.sharegpt.jsonl");
    expect(JSON.parse(readFileSync(out, "utf8").split("\n")[0]!).conversations[0].value).toBe("Question 0?\nPlease answer.");
    const lint = run(["lint", out]);
    expect(lint.code, lint.stdout).toBe(0);
  });

  it("--strict turns losses into errors: exit 1, nothing written", () => {
    const src = file("s.jsonl", chats);
    const out = path.join(dir, "strict.jsonl");
    const r = run(["convert", src, "--to", "alpaca", "-o", out, "--strict"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error +Not carried into alpaca/);
    expect(r.stderr).toMatch(/Nothing written/);
    expect(existsSync(out)).toBe(false);
  });

  it("usage errors exit 2 with one line: existing output, missing --to, unknown format", () => {
    const src = file("u.jsonl", chats);
    const out = file("exists.jsonl", [{ keep: true }]);
    const r = run(["convert", src, "--to", "gemini", "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^ftdata convert: .*exists\.jsonl already exists; use --force to replace it$/);
    expect(readFileSync(out, "utf8")).toBe('{"keep":true}\n');
    expect(run(["convert", src]).code).toBe(2);
    expect(run(["convert", src, "--to", "csv"]).stderr).toMatch(/cannot convert to "csv": not a format ftdata writes; targets: .*sharegpt/);
    expect(run(["convert", src, "--to", "gemini", "-o", out, "--force"]).code).toBe(0);
  });
});

describe("ftdata lint with formats and targets", () => {
  it("--target changes the verdict; --explain-format says why a format was picked", () => {
    const src = file("t.jsonl", chats);
    expect(run(["lint", src]).code).toBe(0);
    const r = run(["lint", src, "--target", "together", "--explain-format"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/2 +error +Two user messages in a row .* conversation-role-alternation/);
    expect(r.stderr).toMatch(/t\.jsonl: openai-chat — keys \{messages\} match openai-chat/);
    expect(run(["lint", src, "--target", "nope"]).code).toBe(2);
  });

  it("reads JSON array files", () => {
    const p = path.join(dir, "data.json");
    writeFileSync(p, JSON.stringify(Array.from({ length: 10 }, (_, i) => ({ instruction: `Task ${i}`, input: "", output: i === 7 ? "" : `Done ${i}` })), null, 2));
    const r = run(["lint", p]);
    expect(r.code).toBe(1);
    // Element 8 starts on line 37 of the pretty-printed array.
    expect(r.stdout).toMatch(/data\.json \(alpaca, 10 records\)/);
    expect(r.stdout).toMatch(/37 +error +Assistant answer is empty +output +assistant-content-empty/);
  });

  it("ftdata targets lists every profile and shows one with its sources", () => {
    const list = run(["targets"]);
    expect(list.code).toBe(0);
    for (const id of ["openai", "azure", "together", "mistral", "fireworks", "vertex", "bedrock", "generic"]) expect(list.stdout).toContain(`  ${id} `);
    const one = run(["targets", "together"]);
    expect(one.stdout).toMatch(/role order: +strict user\/assistant/);
    expect(one.stdout).toMatch(/together-python/);
    const json = JSON.parse(run(["targets", "mistral", "--json"]).stdout);
    expect(json[0].rules["tool-call-id-invalid"]).toEqual(["error", { pattern: "^[a-zA-Z0-9]{9}$" }]);
  });

  it("every bundled example of these formats lints with exit 0", () => {
    const r = run(["lint", "examples/{prompt-completion,text,trl-prompt,trl-prompt-completion,sharegpt,alpaca,gemini,bedrock-conversation}/valid.jsonl"]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/in 8 files/);
  });
});
