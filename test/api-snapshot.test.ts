import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");

/**
 * The package's declarations as a user's compiler sees them, with what may change without changing the
 * API taken out: comments, chunk hashes in file names, message wording, the order of string-literal
 * unions, blank lines.
 */
function normalisedDeclarations(): string {
  const files = readdirSync(dist).filter((f) => f.endsWith(".d.ts") && f !== "stats-worker.d.ts");
  const name = (f: string) => f.replace(/-[A-Za-z0-9_-]{8}(?=\.d\.ts$)/, "-[hash]");
  // index.d.ts first, then the chunks it imports, by their hash-free name.
  files.sort((a, b) => (a === "index.d.ts" ? -1 : b === "index.d.ts" ? 1 : name(a).localeCompare(name(b))));
  return files
    .map((f) => {
      const text = readFileSync(path.join(dist, f), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "")
        .replace(/-[A-Za-z0-9_-]{8}\.js(['"])/g, "-[hash].js$1")
        // Message wording reaches the declarations through the message tables (`typeof READER_RULE_MESSAGES`);
        // the ids are API, the English text is not.
        .replace(/^(\s*readonly [\w$]+: )"(?:[^"\\]|\\.)*";$/gm, "$1string;")
        // The order of a union of string literals is the compiler's (the order it met them), not API.
        .replace(/"(?:[^"\\]|\\.)*"(?: \| "(?:[^"\\]|\\.)*")+/g, (u) => u.split(" | ").sort().join(" | "))
        .replace(/[ \t]+$/gm, "")
        .replace(/\n{2,}/g, "\n")
        .trim();
      return `// ${name(f)}\n${text}\n`;
    })
    .join("\n");
}

it("the public API (dist/*.d.ts) matches the committed snapshot: change it only on purpose, with a CHANGELOG line", async () => {
  expect(existsSync(path.join(dist, "index.d.ts")), "run `npm run build` first (npm test does)").toBe(true);
  // To accept a deliberate change: npx vitest run test/api-snapshot.test.ts -u
  await expect(normalisedDeclarations()).toMatchFileSnapshot("./fixtures/api/public-api.d.ts.snap");
});
