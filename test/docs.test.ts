import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rules } from "../src/validators/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("rule registry and docs", () => {
  it("docs/rules.md is generated from the current registry (run `npm run rules-doc`)", async () => {
    const { rulesMarkdown } = (await import(path.join(root, "scripts", "rules-doc.mjs"))) as { rulesMarkdown: (r: unknown) => string };
    expect(readFileSync(path.join(root, "docs", "rules.md"), "utf8")).toBe(rulesMarkdown(rules));
  });

  it("every rule id is unique, kebab-case, and names its own file", () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const src = readFileSync(path.join(root, "src", "validators", `${r.meta.id}.ts`), "utf8");
      expect(src).toContain(`id: "${r.meta.id}"`);
      expect(Object.keys(r.meta.messages).length).toBeGreaterThan(0);
    }
  });
});
