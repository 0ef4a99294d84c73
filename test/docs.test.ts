import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rules } from "../src/validators/index.js";
import { ruleOptionsJsonSchemas } from "../src/validators/options.js";
import { validate } from "../src/engine/validate.js";
import { split } from "../src/split/split.js";
import { formatStylish } from "../src/reporters/stylish.js";
import { ruleDocsUrl } from "../src/core/rule.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("rule registry and docs", () => {
  it("docs/rules.md is generated from the current registry (run `npm run rules-doc`)", async () => {
    const { rulesMarkdown } = (await import(path.join(root, "scripts", "rules-doc.mjs"))) as { rulesMarkdown: (r: unknown) => string };
    expect(readFileSync(path.join(root, "docs", "rules.md"), "utf8")).toBe(rulesMarkdown(rules));
  });

  it("docs/rules/<id>.md is generated from each rule's meta and examples, and every example behaves as shown", async () => {
    const doc = (await import(path.join(root, "scripts", "rules-doc.mjs"))) as {
      EXAMPLES_FILE: string;
      rulePages: (a: object) => Promise<Map<string, string>>;
      runExample: (api: object, list: unknown, id: string, e: object) => Promise<{ diagnostics: { messageId: string }[] }>;
    };
    const examples = JSON.parse(readFileSync(doc.EXAMPLES_FILE, "utf8")) as Record<string, { valid?: object; invalid?: object }>;
    const api = { validate, split, formatStylish };
    const pages = await doc.rulePages({ rules, api, optionsSchemas: await ruleOptionsJsonSchemas(), examples });
    for (const [id, text] of pages) {
      const file = path.join(root, "docs", "rules", `${id}.md`);
      expect(existsSync(file) ? readFileSync(file, "utf8") : "(missing)", `docs/rules/${id}.md is stale: run \`npm run rules-doc\``).toBe(text);
    }
    const pageFiles = readdirSync(path.join(root, "docs", "rules")).filter((f) => f.endsWith(".md"));
    expect(pageFiles.map((f) => f.slice(0, -3)).sort(), "a page for a rule that is not registered").toEqual([...pages.keys()].sort());
    for (const [id, e] of Object.entries(examples)) {
      expect(pages.has(id), `examples.json names unknown rule ${id}`).toBe(true);
      if (e.invalid) expect((await doc.runExample(api, rules, id, e.invalid)).diagnostics.length, `${id}: failing example reports nothing`).toBeGreaterThan(0);
      if (e.valid) expect((await doc.runExample(api, rules, id, e.valid)).diagnostics, `${id}: passing example reports`).toEqual([]);
    }
  });

  it("every registered rule has a failing and a passing example in docs/rules/examples.json", () => {
    const examples = JSON.parse(readFileSync(path.join(root, "docs", "rules", "examples.json"), "utf8")) as Record<string, { valid?: object; invalid?: object }>;
    const without = rules.map((r) => r.meta.id).filter((id) => !examples[id]?.invalid || !examples[id]?.valid);
    expect(without, "rules without both examples").toEqual([]);
  });

  it("every rule's meta.docs.url is its generated page", () => {
    for (const r of rules) {
      expect(r.meta.docs.url).toBe(ruleDocsUrl(r.meta.id));
      expect(r.meta.docs.url).toMatch(new RegExp(`/docs/rules/${r.meta.id}\\.md$`));
    }
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
