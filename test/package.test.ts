import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { chatLine, chatLines, ROOT, tempTree } from "./support/cli.js";
import { must, npmInstall, packTarball, run } from "./support/pack.js";

const version = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version as string;

describe("the packed package, installed into another project", () => {
  let project: string;
  let tarball: string;

  beforeAll(() => {
    tarball = packTarball();
    project = realpathSync(
      tempTree({
        "package.json": JSON.stringify({ name: "consumer", version: "1.0.0", private: true }),
        "good.jsonl": chatLines(12),
        "bad.jsonl": chatLines(12) + chatLine("x", "") + "\n",
      }),
    );
    npmInstall(project, [tarball]);
  }, 240_000);

  it("ships the built code, the schemas and no sources or tests", () => {
    const files = must("tar", ["tzf", tarball], ROOT).split("\n").filter(Boolean);
    expect(files).toContain("package/dist/cli.js");
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/dist/index.d.ts");
    expect(files).toContain("package/schemas/config.schema.json");
    expect(files.filter((f) => f.startsWith("package/src/") || f.startsWith("package/test/"))).toEqual([]);
  });

  it("imports as ESM", () => {
    const code = `import { validate, formatSarif } from "ftdata";
const r = await validate("bad.jsonl");
console.log(r.errorCount, r.files[0].diagnostics.find((d) => d.severity === "error").line, JSON.parse(formatSarif(r)).version);`;
    const r = run(process.execPath, ["--input-type=module", "-e", code], project);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("1 13 2.1.0");
  });

  it("requires from CommonJS (Node >= 20.19 require of ESM) without a warning", () => {
    const code = `const { validate, VERSION } = require("ftdata");
validate("good.jsonl").then((r) => console.log(VERSION, r.errorCount, r.files[0].records));`;
    const r = run(process.execPath, ["-e", code], project);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe(`${version} 0 12`);
  });

  it("resolves the shipped schemas through the exports map", () => {
    const r = run(process.execPath, ["-e", `console.log(require(require.resolve("ftdata/schemas/config.schema.json")).title)`], project);
    expect(r.stdout.trim()).toBe("ftdata configuration");
  });

  it("runs `npx ftdata lint` with the 0/1 exit codes", () => {
    const bad = run("npx", ["--no-install", "ftdata", "lint", "bad.jsonl"], project);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/13 +error +Assistant answer is empty/);
    const good = run("npx", ["--no-install", "ftdata", "lint", "good.jsonl"], project);
    expect(good.status).toBe(0);
    expect(run(path.join(project, "node_modules/.bin/ftdata"), ["--version"], project).stdout.trim()).toBe(version);
  });

  it("`ftdata init` writes a config whose $schema resolves inside node_modules", () => {
    const dir = project;
    const bin = path.join(dir, "node_modules/.bin/ftdata");
    const r = run(bin, ["init"], dir);
    expect(r.status).toBe(0);
    const config = JSON.parse(readFileSync(path.join(dir, "ftdata.config.json"), "utf8"));
    expect(readFileSync(path.join(dir, config.$schema), "utf8")).toContain('"title": "ftdata configuration"');
    expect(run(bin, ["lint", "good.jsonl"], dir).status).toBe(0);
  });
});
