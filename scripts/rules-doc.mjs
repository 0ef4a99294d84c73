// Writes docs/rules.md from the rule registry (run after `npm run build`): `npm run rules-doc`.
// A test fails when the committed file is out of date.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { rules } = await import(path.join(root, "dist", "index.js"));

export function rulesMarkdown(list) {
  const lines = [
    "# Rules",
    "",
    "Generated from the rule registry by `npm run rules-doc`; do not edit by hand.",
    "",
    "Every rule can be turned off or re-levelled: `rules: { \"<id>\": \"off\" | \"error\" | \"warning\" | \"info\" }`,",
    "or `[severity, options]` to change its options.",
    "",
    "| Rule | Default | Applies to | What it checks |",
    "|---|---|---|---|",
  ];
  for (const r of list) {
    const m = r.meta;
    const scope = m.reader ? "every line (reader)" : m.formats === "*" ? (m.kinds ? `${m.kinds.join(", ")} examples` : "every format") : m.formats.join(", ");
    const opts = Object.keys(r.defaultOptions ?? {}).length > 0 ? ` Options: \`${JSON.stringify(r.defaultOptions)}\`.` : "";
    lines.push(`| \`${m.id}\` | ${m.defaultSeverity} | ${scope} | ${m.description.replace(/\|/g, "\\|")}${opts} |`);
  }
  return lines.join("\n") + "\n";
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  writeFileSync(path.join(root, "docs", "rules.md"), rulesMarkdown(rules));
  console.log(`docs/rules.md: ${rules.length} rules`);
}
