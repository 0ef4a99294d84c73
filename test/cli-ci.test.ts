import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chatLine, chatLines, runCli, tempTree } from "./support/cli.js";

const dataset = chatLines(12) + chatLine("empty", "") + "\n";

function project() {
  return realpathSync(tempTree({ ".git/HEAD": "", "data/train.jsonl": dataset }));
}

describe("ftdata lint --reporter for CI", () => {
  it("prints paths relative to the working directory when given absolute ones (lint-staged does that)", () => {
    const cwd = project();
    const abs = path.join(cwd, "data/train.jsonl");
    const stylish = runCli(["lint", abs], { cwd });
    expect(stylish.stdout).toContain("data/train.jsonl (openai-chat, 13 records)");
    expect(stylish.stdout).not.toContain(abs);
    const github = runCli(["lint", abs, "--reporter", "github"], { cwd });
    expect(github.stdout).toContain("::error file=data/train.jsonl,line=13,title=ftdata (assistant-content-empty)::");
    const sarif = JSON.parse(runCli(["lint", abs, "--reporter", "sarif"], { cwd }).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("data/train.jsonl");
  });

  it.each(["github", "sarif", "junit"])("%s never contains colour codes and keeps the exit code", (reporter) => {
    const r = runCli(["lint", "data/train.jsonl", "--reporter", reporter], { cwd: project(), env: { FORCE_COLOR: "1" } });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("\x1b[");
    expect(r.stdout.length).toBeGreaterThan(0);
  });

  it("writes any reporter to --output-file, leaving stdout empty", () => {
    const cwd = project();
    const r = runCli(["lint", "data/train.jsonl", "--reporter", "sarif", "--output-file", "ftdata.sarif"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(path.join(cwd, "ftdata.sarif"), "utf8")).version).toBe("2.1.0");
    runCli(["lint", "data/train.jsonl", "--reporter", "junit", "-o", "junit.xml"], { cwd });
    expect(readFileSync(path.join(cwd, "junit.xml"), "utf8")).toMatch(/^<\?xml .*\n<testsuites name="ftdata" tests="\d+" failures="\d+"/);
  });

  it("with --reporter github, appends a Markdown summary to $GITHUB_STEP_SUMMARY", () => {
    const cwd = project();
    const summary = path.join(cwd, "summary.md");
    writeFileSync(summary, "earlier step\n");
    const r = runCli(["lint", "data/train.jsonl", "--reporter", "github"], { cwd, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    const md = readFileSync(summary, "utf8");
    expect(md.startsWith("earlier step\n### ftdata: 1 error, 0 warnings, 1 info\n")).toBe(true);
    expect(md).toContain("| data/train.jsonl | openai-chat | 13 | 1 | 0 | 1 |");
    expect(md).toContain("| assistant-content-empty | error | 1 | data/train.jsonl:13 |");
  });

  it("lists the reporters in --help and rejects an unknown one with exit 2", () => {
    expect(runCli(["lint", "--help"]).stdout).toMatch(/stylish, json, .*sarif, github, junit/);
    const r = runCli(["lint", "x.jsonl", "--reporter", "checkstyle"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown reporter "checkstyle"; expected one of: stylish, json, .*sarif, github, junit/);
  });
});

describe("ftdata init", () => {
  it("writes a starter config the linter then uses, prints the snippets, and refuses to overwrite without --force", () => {
    const cwd = project();
    const r = runCli(["init"], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Wrote ftdata.config.json");
    expect(r.stdout).toMatch(/- id: ftdata/);
    expect(r.stdout).toContain('"lint-staged": { "*.jsonl": "ftdata lint" }');
    expect(r.stdout).toContain("github/codeql-action/upload-sarif");
    const config = JSON.parse(readFileSync(path.join(cwd, "ftdata.config.json"), "utf8"));
    expect(config.$schema).toBe("./node_modules/ftdata/schemas/config.schema.json");
    expect(JSON.parse(runCli(["lint", "--print-config", "data/train.jsonl"], { cwd }).stdout).configFile).toBe("ftdata.config.json");

    writeFileSync(path.join(cwd, "ftdata.config.json"), "{}\n");
    const again = runCli(["init"], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe("ftdata init: ftdata.config.json already exists; use --force to replace it\n");
    expect(readFileSync(path.join(cwd, "ftdata.config.json"), "utf8")).toBe("{}\n");
    expect(runCli(["init", "--force"], { cwd }).code).toBe(0);
    expect(readFileSync(path.join(cwd, "ftdata.config.json"), "utf8")).toContain("$schema");
    expect(existsSync(path.join(cwd, ".git/hooks/pre-commit"))).toBe(false); // snippets are printed, never installed
  });
});
