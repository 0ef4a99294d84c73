import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cliMarkdown } from "../src/cli/doc.js";
import { commands } from "../src/cli/commands/index.js";
import { optionLabel } from "../src/cli/command.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("docs/cli.md and --help come from the command definitions", () => {
  it("docs/cli.md is up to date (run `npm run cli-doc`)", async () => {
    expect(readFileSync(path.join(root, "docs", "cli.md"), "utf8")).toBe(await cliMarkdown());
  });

  it("every option a command parses is in its --help, with its short form", async () => {
    for (const load of Object.values(commands)) {
      const c = await load();
      const help = c.help();
      for (const [name, def] of Object.entries(c.options)) expect(help, `${c.name} --${name}`).toContain(optionLabel(name, def).trim());
    }
  });

  it("-o is --output and --reporter is -r in every command that has them; --no-progress wherever data is read", async () => {
    const readers = ["lint", "stats", "report", "split", "dedupe", "convert", "grade", "plan"];
    for (const [name, load] of Object.entries(commands)) {
      const c = await load();
      for (const [opt, def] of Object.entries(c.options)) {
        if (def.short === "o") expect(opt, name).toBe("output");
        if (def.short === "r") expect(opt, name).toBe("reporter");
        if (def.short === "m") expect(opt, name).toBe("model");
      }
      if (readers.includes(name)) expect(Object.keys(c.options), name).toContain("no-progress");
      // Where near-duplicate detection runs (every command that lints), it can be turned on and off.
      if (["lint", "stats", "report", "split"].includes(name)) expect(Object.keys(c.options), name).toEqual(expect.arrayContaining(["near-dup", "no-near-dup"]));
    }
  });
});

describe("the CLI's reporter list", () => {
  it("names exactly the library's reporters", async () => {
    const { reporters } = await import("../src/reporters/index.js");
    const { REPORTER_NAMES } = await import("../src/cli/reporters.js");
    expect([...REPORTER_NAMES].sort()).toEqual(Object.keys(reporters).sort());
  });
});
