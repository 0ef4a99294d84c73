import { HELP_OPTION, optionLabel, type Command, type OptionDef } from "./command.js";
import { loadCommands } from "./commands/index.js";

/**
 * docs/cli.md, generated from the command definitions (`npm run cli-doc`); a test fails when the
 * committed page differs, so the page, `--help` and the parser cannot disagree.
 */

const text = (t: string | (() => string)) => (typeof t === "function" ? t() : t);
// Markdown would read <file> as an HTML tag and drop it.
const prose = (s: string) => s.replace(/</g, "&lt;").replace(/>/g, "&gt;");
const cell = (s: string) => prose(s).replace(/\|/g, "\\|").replace(/\n/g, " ");

function optionRow(name: string, def: OptionDef): string {
  const old = [...(def.deprecatedShort ? [`-${def.deprecatedShort}`] : []), ...(def.deprecated ?? []).map((d) => `--${d}`)];
  const deprecated = old.length > 0 ? ` Deprecated spelling${old.length > 1 ? "s" : ""}: ${old.map((d) => `\`${d}\``).join(", ")}.` : "";
  const description = cell(text(def.description));
  return `| \`${optionLabel(name, def).trim()}\` | ${deprecated && !/[.)]$/.test(description) ? `${description}.` : description}${deprecated} |`;
}

function commandSection(c: Command): string {
  const help = c.help();
  // The help's first block is the usage line; its description paragraphs follow up to "Options:".
  const [usage, ...rest] = help.split("\n\n");
  const optionsAt = rest.findIndex((b) => b.startsWith("Options:"));
  const about = rest.slice(0, optionsAt).join("\n\n");
  const after = rest.slice(optionsAt + 1).join("\n\n").trim();
  const rows = Object.entries(c.options)
    .filter(([name]) => name !== "help")
    .map(([name, def]) => optionRow(name, def));
  rows.push(optionRow("help", HELP_OPTION));
  return [
    `## ${c.name}`,
    "",
    // Help prose holds globs and <placeholders>: shown as text, not read as Markdown.
    "```text",
    usage!.trim(),
    "",
    about.trim(),
    "```",
    "",
    "| Option | Meaning |",
    "|---|---|",
    ...rows,
    ...(after ? ["", "```text", after, "```"] : []),
  ].join("\n");
}

export async function cliMarkdown(): Promise<string> {
  const all = await loadCommands();
  return [
    "# Command line",
    "",
    "Generated from the command definitions in `src/cli/` by `npm run cli-doc`; do not edit by hand.",
    "`ftdata <command> --help` prints the same text.",
    "",
    "| Command | What it does |",
    "|---|---|",
    ...all.map((c) => `| [\`${c.name}\`](#${c.name}) | ${c.summary} |`),
    "",
    "Conventions shared by every command:",
    "",
    "- **Exit codes**: 0 no errors, 1 errors found (or too many warnings), 2 usage error, unreadable input or crash.",
    "- **`-o, --output <file>`** is the command's main output: the report for `lint`, `stats`, `split`, `grade` and",
    "  `plan`; the data for `convert` and `dedupe`; the page for `report`. It is written atomically and never over an input.",
    "  The older spellings `--output-file` and `--out` still work for one release and print a deprecation notice on stderr.",
    "- **`-m, --model <id>`** is always an OpenAI model id (tokenizer, per-example limit, price). `plan` names an",
    "  open-weight architecture with `--arch <name>` (its old `--model`/`-m` still works for one release, with a notice).",
    "- **`--limit <n>`** is always the per-example token limit (a positive integer). `grade` lists low rows with `--max-rows`.",
    "- **`--no-progress`** is taken by every command that reads data; the progress line shows only on a TTY (stderr),",
    "  never under `CI`, `PRE_COMMIT` or `NO_COLOR`.",
    "- **`--reporter <name>`** accepts only the names a command lists; anything else is a usage error (exit 2).",
    "",
    ...all.map((c) => `${commandSection(c)}\n`),
  ].join("\n");
}
