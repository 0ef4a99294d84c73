import { existsSync, readdirSync, readFileSync } from "node:fs";
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

describe("README and docs pages", () => {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const links = (text: string) => [...text.matchAll(/\]\(([^)#\s]+)(#[^)\s]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));

  it("every page the README links exists", () => {
    const targets = links(readme);
    expect(targets.filter((l) => l.startsWith("docs/")).length).toBeGreaterThanOrEqual(10);
    for (const l of targets) expect(existsSync(path.join(root, l)), l).toBe(true);
  });

  it("every relative link in docs/ points at a file that exists", () => {
    for (const page of readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md"))) {
      for (const l of links(readFileSync(path.join(root, "docs", page), "utf8"))) expect(existsSync(path.join(root, "docs", l)), `${page} → ${l}`).toBe(true);
    }
  });

  it("stays short and keeps the two quick-start commands", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(200);
    expect(readme).toContain("npm ci && npm run examples");
    expect(readme).toContain("npm test");
  });
});
