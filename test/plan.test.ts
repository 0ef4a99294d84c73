import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { architectureFromParams, findArchitecture, loraParams, parseParams, planMemory } from "../src/plan/plan.js";

const CLI = join(import.meta.dirname, "..", "dist", "cli.js");
const GIB = 1024 ** 3;

/**
 * Published rules of thumb (model cards and fine-tuning guides): a 7B model needs about 16 GB to
 * run, ≥24 GB for LoRA, 12 GB for QLoRA and 48 GB (or several GPUs) for full fine-tuning; a 0.5B
 * model about 4, 6, 4 and 12 GB. Tolerance: within 35 % or 2.5 GiB, whichever is larger (the
 * guidance is rounded to GPU sizes and silent on sequence length; ours: 2048 tokens, batch 1).
 */
function within(actualBytes: number, guideGb: number) {
  const gib = actualBytes / GIB;
  return Math.abs(gib - guideGb) <= Math.max(0.35 * guideGb, 2.5);
}

describe("memory plan against published figures", () => {
  const q7 = planMemory({ arch: findArchitecture("Qwen2.5-7B")!, seqLen: 2048 });
  const q05 = planMemory({ arch: findArchitecture("Qwen/Qwen2.5-0.5B-Instruct")!, seqLen: 2048 });
  const by = (p: ReturnType<typeof planMemory>, m: string) => p.methods.find((x) => x.method === m)!;

  it("7B: about 16 GB to run, 24 GB class for LoRA, 12 GB for QLoRA", () => {
    expect(within(by(q7, "inference").totalBytes, 16)).toBe(true);
    expect(within(by(q7, "lora").totalBytes, 24)).toBe(true);
    expect(by(q7, "lora").gpu).toMatch(/^24 GB/);
    expect(within(by(q7, "qlora").totalBytes, 12)).toBe(true);
    expect(by(q7, "qlora").gpu).toMatch(/^12 GB/);
  });

  it("7B full fine-tuning: 48 GB with 8-bit AdamW, several GPUs' worth with fp32 AdamW states", () => {
    const eight = planMemory({ arch: findArchitecture("Qwen2.5-7B")!, seqLen: 2048, optimizer: "adamw-8bit" });
    expect(within(by(eight, "full").totalBytes, 48)).toBe(true);
    expect(by(eight, "full").gpu).toMatch(/^48 GB/);
    // Our default keeps two fp32 moments per parameter (8 B): beyond any 80 GB card.
    expect(by(q7, "full").totalBytes / GIB).toBeGreaterThan(80);
  });

  it("0.5B: about 4 GB to run, 6 for LoRA, 4 for QLoRA, 12 for full", () => {
    expect(within(by(q05, "inference").totalBytes, 4)).toBe(true);
    expect(within(by(q05, "lora").totalBytes, 6)).toBe(true);
    expect(within(by(q05, "qlora").totalBytes, 4)).toBe(true);
    expect(within(by(q05, "full").totalBytes, 12)).toBe(true);
  });

  it("shows each term and adds them up", () => {
    const full = by(q7, "full");
    expect(full.terms.weights).toBeCloseTo(7.62e9 * 2, -6);
    expect(full.terms.gradients).toBeCloseTo(7.62e9 * 2, -6);
    expect(full.terms.optimizer).toBeCloseTo(7.62e9 * 8, -6);
    expect(full.totalBytes).toBe(Object.values(full.terms).reduce((a, b) => a + b, 0));
    // Longer sequences need more activation memory; checkpointing saves most of it.
    const long = planMemory({ arch: findArchitecture("Qwen2.5-7B")!, seqLen: 8192 });
    expect(by(long, "lora").terms.activations).toBeGreaterThan(by(q7, "lora").terms.activations);
    const noCkpt = planMemory({ arch: findArchitecture("Qwen2.5-7B")!, seqLen: 2048, checkpointing: false });
    expect(by(noCkpt, "lora").terms.activations).toBeGreaterThan(3 * by(q7, "lora").terms.activations);
  });

  it("counts LoRA parameters on every linear layer", () => {
    // Qwen2.5-7B, rank 16: 28 layers × 16 × (2·(3584+3584) + 2·(3584+512) + 3·(3584+18944)).
    expect(loraParams(findArchitecture("Qwen2.5-7B")!, 16)).toBe(28 * 16 * (2 * 7168 + 2 * 4096 + 3 * 22528));
  });

  it("parses parameter counts and estimates an architecture", () => {
    expect([parseParams("7B"), parseParams("0.5b"), parseParams("500M"), parseParams("7e9")]).toEqual([7e9, 0.5e9, 500e6, 7e9]);
    expect(() => parseParams("seven")).toThrow(/--params/);
    const a = architectureFromParams(7e9);
    expect(a.estimated).toBe(true);
    expect(a.hidden).toBeGreaterThanOrEqual(3584);
    expect(a.hidden).toBeLessThanOrEqual(4608);
  });
});

describe("ftdata plan", () => {
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, "plan", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  it("prints each term and the smallest GPU", () => {
    const r = run(["--arch", "Qwen2.5-7B"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/optimizer states/);
    expect(r.stdout).toMatch(/activations/);
    expect(r.stdout).toMatch(/qlora\s+12 GB/);
  });
  it("uses the data's p95 as the sequence length", () => {
    const dir = mkdtempSync(join(tmpdir(), "ftdata-plan-"));
    const file = join(dir, "d.jsonl");
    const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ messages: [{ role: "user", content: "word ".repeat(10 * (i + 1)) }, { role: "assistant", content: "ok" }] }));
    writeFileSync(file, lines.join("\n") + "\n");
    const r = run([file, "--params", "1.5B", "--reporter", "json"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.files).toHaveLength(1);
    expect(out.plan).toMatchObject({ seqLen: out.files[0].p95, architectureEstimated: true });
    expect(out.seqLenSource).toMatch(/p95 of the data/);
    expect(out.plan.methods.map((m: { method: string }) => m.method)).toEqual(["inference", "full", "lora", "qlora"]);
    expect(run(["--params", "1.5B", "--seq-len", "4096", "--reporter", "json"]).stdout).toMatch(/"seqLen": 4096/);
  });
  it("rejects unknown architectures with exit 2", () => {
    const r = run(["--arch", "NoSuchModel-3B"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown architecture "NoSuchModel-3B"/);
  });
});
