// Writes docs/cli.md from the command definitions (src/cli/doc.ts, built to dist/cli-doc.js):
// `npm run cli-doc`. test/cli-doc.test.ts fails when the committed page is out of date.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { cliMarkdown } = await import(path.join(root, "dist", "cli-doc.js"));
writeFileSync(path.join(root, "docs", "cli.md"), await cliMarkdown());
console.log("docs/cli.md written");
