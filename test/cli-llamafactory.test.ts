import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The CLI on LLaMA-Factory's demo data (test/fixtures/llamafactory, commit ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30). Needs dist/. */
const CLI = path.resolve("dist/cli.js");
const fixtures = path.resolve("test/fixtures/llamafactory");
function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: fixtures, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("ftdata lint with dataset_info.json", () => {
  it("--explain-format names the entry and mapping; --no-dataset-info falls back to detection", () => {
    const on = run(["lint", "kto_en_demo.json", "--explain-format"]);
    expect(on.code).toBe(0);
    expect(on.stderr).toContain('kto_en_demo.json: llamafactory-kto — dataset_info.json entry "kto_en_demo" (formatting sharegpt; columns messages, label→kto_tag;');
    const off = run(["lint", "kto_en_demo.json", "--explain-format", "--no-dataset-info"]);
    expect(off.stderr).toMatch(/kto_en_demo\.json: llamafactory-kto — keys \{messages, label\} match llamafactory-kto/);
  });

  it("lint dataset_info.json: every listed file, the missing one an error on its entry's line (exit 1)", () => {
    const r = run(["lint", "dataset_info.json", "--reporter", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { files: { file: string; format: string | null; diagnostics: { ruleId: string; message: string }[] }[] };
    expect(report.files.map((f) => f.file)).toContain("dpo_en_demo.json");
    const info = report.files.find((f) => f.file === "dataset_info.json")!;
    expect(info.diagnostics.map((d) => d.ruleId)).toEqual(["dataset-info-entry-unchecked", "dataset-info-entry-invalid"]);
  });

  it("--dataset-info and --no-dataset-info together are a usage error (exit 2)", () => {
    const r = run(["lint", "mllm_demo.json", "--dataset-info", "dataset_info.json", "--no-dataset-info"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--dataset-info and --no-dataset-info exclude each other/);
  });

  it("convert --to openai-dpo works", () => {
    const r = spawnSync(process.execPath, [CLI, "convert", path.join(fixtures, "dpo_zh_demo.json"), "--to", "openai-dpo", "-o", path.join(tmpdir(), `ftdata-dpo-${process.pid}.jsonl`), "--force"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/Wrote 60 openai-dpo records/);
  });
});
