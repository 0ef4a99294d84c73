// Writes docs/rules.md (the index) and docs/rules/<id>.md (one page per rule) from the rule registry and
// docs/rules/examples.json (run after `npm run build`): `npm run rules-doc`.
// test/docs.test.ts fails when a committed page is out of date or an example no longer behaves as shown.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const EXAMPLES_FILE = path.join(root, "docs", "rules", "examples.json");

const scopeOf = (m) => (m.reader ? `${m.reportedBy ?? "reader"} (not a per-record check)` : m.formats === "*" ? (m.kinds ? `${m.kinds.join(", ")} examples` : "every format") : m.formats.join(", "));

export function rulesMarkdown(list) {
  const lines = [
    "# Rules",
    "",
    "Generated from the rule registry by `npm run rules-doc`; do not edit by hand. Each rule has its own page",
    "under [rules/](rules/) with its options, messages and a failing and a passing example.",
    "",
    "Every rule can be turned off or re-levelled: `rules: { \"<id>\": \"off\" | \"error\" | \"warning\" | \"info\" }`,",
    "or `[severity, options]` to change its options (a wrong or unknown option is a config error).",
    "",
    "| Rule | Default | Applies to | What it checks |",
    "|---|---|---|---|",
  ];
  for (const r of list) {
    const m = r.meta;
    const opts = Object.keys(r.defaultOptions ?? {}).filter((k) => r.defaultOptions[k] !== undefined).length > 0 && m.schema ? ` Options: \`${JSON.stringify(Object.fromEntries(Object.entries(r.defaultOptions).filter(([, v]) => v !== undefined)))}\`.` : "";
    lines.push(`| [\`${m.id}\`](rules/${m.id}.md) | ${m.optIn ? "off (opt-in)" : m.defaultSeverity} | ${scopeOf(m)} | ${m.description.replace(/\|/g, "\\|")}${opts} |`);
  }
  return lines.join("\n") + "\n";
}

/**
 * An example in docs/rules/examples.json is a small project as a user would have it: the files, and the
 * command run on them. Fields (all optional but one of `records`, `rows`, `text`):
 * - `file`: the input's name (default `train.jsonl`, `data.jsonl` for a split)
 * - `records`: its lines; objects are written as JSON, strings as they are (a broken line, a blank one)
 * - `rows`: `{ count, row }`: `count` rows like `row`, `{{n}}` in its strings replaced by 1…count, before `records`
 *   (datasets that need many rows: counts, outliers, splits); the page shows the first three
 * - `text`: the input's raw text instead (pretty-printed JSON, a JSON array…)
 * - `encoding`: `utf8` (default), `utf8-bom` or `latin1` (how the input is saved)
 * - `{{bytes:N}}` in a string: N characters of base64 (a pasted data URL), shown shortened
 * - `format`, `target`, `model`, `limit`, `maxLineSize`: the `--format`, `--target`, `--model`, `--limit`,
 *   `--max-line-size` options of `ftdata lint`
 * - `rules`: rule settings of an `ftdata.config.json` (an option, or a rule that is off by default turned on)
 * - `grader`: a grader written to `grader.json` (a whole job body: `job.json`) and given with `--grader`
 * - `holdout`: the lines of `valid.jsonl`, given with `--holdout`
 * - `files`: more files beside the input, by name (a dataset_info.json…): an object or array is written as
 *   indented JSON, a string as it is
 * - `split`: `{ holdout, holdoutCount, groupBy, stratifyBy }`: run `ftdata split` (to `out/`) instead of lint
 * Beside `valid` and `invalid`, a rule's entry may hold a `note`, shown above its examples (a limit lowered
 * to keep an example short, say).
 * Every other rule is off while an example runs (reader rules stay on), so a page shows its own rule only.
 */

const jsonl = (records) => records.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n");

/** `{{bytes:N}}` placeholders: N characters of a PNG's base64, as pasted into a data URL. */
const BYTES = /\{\{bytes:(\d+)\}\}/g;
const base64Run = (n) => ("iVBORw0KGgoAAAANSUhEUgAA" + "A".repeat(Math.max(0, n - 24))).slice(0, n);
const sizeText = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} bytes`);

/** The example's rows as written: `rows` expanded, then `records`. */
function exampleLines(e) {
  const out = [];
  if (e.rows) {
    const row = JSON.stringify(e.rows.row);
    for (let n = 1; n <= e.rows.count; n++) out.push(row.replace(/\{\{n\}\}/g, String(n)));
  }
  for (const r of e.records ?? []) out.push(typeof r === "string" ? r : JSON.stringify(r));
  return out;
}

const inputName = (e) => e.file ?? (e.split ? "data.jsonl" : "train.jsonl");

/** Indented JSON as people write it by hand: an object or array that fits on its line stays on it. */
function prettyJson(value, indent = "") {
  const spaced = (v) =>
    v === null || typeof v !== "object" ? JSON.stringify(v) : Array.isArray(v) ? `[${v.map(spaced).join(", ")}]` : `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${spaced(x)}`).join(", ")}}`;
  const flat = spaced(value);
  if (value === null || typeof value !== "object" || indent.length + flat.length <= 100) return flat;
  const inner = indent + "  ";
  const items = Array.isArray(value) ? value.map((v) => inner + prettyJson(v, inner)) : Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`);
  return Array.isArray(value) ? `[\n${items.join(",\n")}\n${indent}]` : `{\n${items.join(",\n")}\n${indent}}`;
}

const fileText = (value, name) =>
  typeof value === "string" ? value : Array.isArray(value) && name.endsWith(".jsonl") ? jsonl(value) + "\n" : prettyJson(value) + "\n";
/** A whole job body (with `method`) is a job file; a grader alone is grader.json. */
const graderName = (e) => (e.grader && typeof e.grader === "object" && "method" in e.grader ? "job.json" : "grader.json");

/** Settings with only `id` on (reader rules stay on), as the examples are run. */
export function onlyRule(list, id, example = {}) {
  const settings = {};
  for (const r of list) if (r.meta.id !== id && !r.meta.reader) settings[r.meta.id] = "off";
  const rule = list.find((r) => r.meta.id === id);
  // A --target sets the rule itself (severity and options); otherwise a rule off by default is turned on.
  if (!example.target) settings[id] = rule.meta.defaultSeverity === "off" ? "error" : rule.meta.defaultSeverity;
  return { ...settings, ...(example.rules ?? {}) };
}

/** The config a user writes for this example: its `rules`, or what turns an opt-in or off-by-default rule on. */
function exampleConfig(rule, example) {
  const m = rule.meta;
  const on = !example.target && (m.optIn || m.defaultSeverity === "off") ? { [m.id]: m.defaultSeverity === "off" ? "error" : m.defaultSeverity } : {};
  const rules = { ...on, ...(example.rules ?? {}) };
  return Object.keys(rules).length > 0 ? { rules } : undefined;
}

/** The files of an example, by name, as written to disk (Buffers) and as shown on the page (text). */
function exampleFiles(example) {
  const files = [];
  const name = inputName(example);
  const text = example.text ?? exampleLines(example).join("\n") + "\n";
  const full = text.replace(BYTES, (_, n) => base64Run(Number(n)));
  const bytes = example.encoding === "latin1" ? Buffer.from(full, "latin1") : Buffer.concat([example.encoding === "utf8-bom" ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(full, "utf8")]);
  let shown = text.replace(BYTES, (_, n) => `${base64Run(24)}… (${sizeText(Number(n))} of base64)`);
  if (example.rows && example.rows.count > 3) {
    const lines = shown.split("\n");
    const rest = example.rows.count - 3;
    shown = [...lines.slice(0, 3), `… ${rest} more ${rest === 1 ? "row" : "rows"} like these (${example.rows.count} in all)`, ...lines.slice(example.rows.count)].join("\n");
  }
  const note = example.encoding === "latin1" ? "saved as Latin-1 (Windows-1252), not UTF-8" : example.encoding === "utf8-bom" ? "saved as UTF-8 with a byte-order mark" : undefined;
  files.push({ name, bytes, shown, note, input: true });
  for (const [n, v] of Object.entries(example.files ?? {})) files.push({ name: n, bytes: Buffer.from(fileText(v, n)), shown: fileText(v, n) });
  if (example.holdout) files.push({ name: "valid.jsonl", bytes: Buffer.from(jsonl(example.holdout) + "\n"), shown: jsonl(example.holdout) + "\n" });
  if (example.grader) {
    const g = prettyJson(example.grader) + "\n";
    files.push({ name: graderName(example), bytes: Buffer.from(g), shown: g });
  }
  return files;
}

/** The command line an example stands for. */
export function exampleCommand(example) {
  const args = [];
  const q = (v) => (/^[\w./:@-]+$/.test(String(v)) ? String(v) : `'${String(v).replace(/'/g, "'\\''")}'`);
  if (example.split) {
    const s = example.split;
    args.push("ftdata", "split", inputName(example), "--out-dir", "out");
    if (s.holdout !== undefined) args.push("--holdout", s.holdout);
    if (s.holdoutCount !== undefined) args.push("--holdout-count", s.holdoutCount);
    if (s.groupBy !== undefined) args.push("--group-by", q(s.groupBy));
    if (s.stratifyBy !== undefined) args.push("--stratify-by", q(s.stratifyBy));
  } else {
    args.push("ftdata", "lint", inputName(example));
    if (example.target) args.push("--target", example.target);
    if (example.model) args.push("--model", example.model);
    if (example.limit !== undefined) args.push("--limit", example.limit);
    if (example.maxLineSize !== undefined) args.push("--max-line-size", example.maxLineSize);
    if (example.holdout) args.push("--holdout", "valid.jsonl");
    if (example.grader) args.push("--grader", graderName(example));
  }
  if (example.format) args.push("--format", example.format);
  return args.join(" ");
}

/**
 * Runs one example of a rule in a scratch folder, as its command would: `api` holds `validate` and `split`.
 * Returns that rule's diagnostics and the report with only them (what the page shows).
 */
export async function runExample(api, list, id, example) {
  const dir = mkdtempSync(path.join(tmpdir(), "ftdata-rule-example-"));
  try {
    for (const f of exampleFiles(example)) {
      mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
      writeFileSync(path.join(dir, f.name), f.bytes);
    }
    const rules = onlyRule(list, id, example);
    const input = inputName(example);
    let report;
    if (example.split) {
      const s = example.split;
      report = await api.split(input, {
        cwd: dir,
        outDir: "out",
        rules,
        ...(s.holdout !== undefined ? { fraction: s.holdout } : {}),
        ...(s.holdoutCount !== undefined ? { holdoutCount: s.holdoutCount } : {}),
        ...(s.groupBy !== undefined ? { groupBy: s.groupBy } : {}),
        ...(s.stratifyBy !== undefined ? { stratifyBy: s.stratifyBy } : {}),
        ...(example.format ? { format: example.format } : {}),
      });
    } else {
      report = await api.validate(input, {
        cwd: dir,
        rules,
        ...(example.format ? { format: example.format } : {}),
        ...(example.target ? { target: example.target } : {}),
        ...(example.model ? { model: example.model } : {}),
        ...(example.limit !== undefined ? { tokenLimit: example.limit } : {}),
        ...(example.maxLineSize !== undefined ? { maxLineBytes: Math.floor(example.maxLineSize * 1048576) } : {}),
        ...(example.holdout ? { holdout: "valid.jsonl" } : {}),
        ...(example.grader ? { grader: graderName(example) } : {}),
      });
    }
    const files = report.files.map((f) => ({ ...f, diagnostics: f.diagnostics.filter((d) => d.ruleId === id) })).filter((f) => f.diagnostics.length > 0);
    const diagnostics = files.flatMap((f) => f.diagnostics);
    const count = (s) => diagnostics.filter((d) => d.severity === s).length;
    const shown = { ...report, files, errorCount: count("error"), warningCount: count("warning"), infoCount: count("info") };
    delete shown.split;
    return { diagnostics, report: shown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function optionsSection(rule, schema) {
  const props = schema?.properties ?? {};
  const names = Object.keys(props);
  if (names.length === 0) return ["This rule takes no options."];
  const out = ["| Option | Default | Meaning |", "|---|---|---|"];
  for (const n of names) {
    const d = rule.defaultOptions?.[n];
    out.push(`| \`${n}\` | ${d === undefined ? "—" : `\`${JSON.stringify(d)}\``} | ${(props[n].description ?? "").replace(/\|/g, "\\|")} |`);
  }
  const example = Object.fromEntries(names.slice(0, 1).map((n) => [n, rule.defaultOptions?.[n] ?? null]));
  out.push("", "```json", JSON.stringify({ rules: { [rule.meta.id]: [rule.meta.defaultSeverity === "off" ? "error" : rule.meta.defaultSeverity, example] } }), "```");
  return out;
}

const lang = (name) => (name.endsWith(".jsonl") ? "jsonl" : name.endsWith(".json") ? "json" : "text");

/** An example as a user has it: its files, the config, the command; for the failing one, what ftdata prints. */
function exampleSection(rule, title, example, output) {
  const lines = [`### ${title}`, ""];
  for (const f of exampleFiles(example)) {
    lines.push(`\`${f.name}\`${f.note ? ` (${f.note})` : ""}:`, "", "```" + lang(f.name), f.shown.replace(/\n$/, ""), "```", "");
  }
  const config = exampleConfig(rule, example);
  if (config) lines.push("`ftdata.config.json`:", "", "```json", prettyJson(config), "```", "");
  lines.push("```console", `$ ${exampleCommand(example)}`);
  if (output !== undefined) lines.push(output.replace(/^\n+|\n+$/g, ""));
  lines.push("```", "");
  return lines;
}

/**
 * The page of one rule. `failing` is what runExample gives for the failing example; `formatStylish`
 * prints it as `ftdata lint` does.
 */
export function rulePage(rule, { example, failing, optionsSchema, formatStylish }) {
  const m = rule.meta;
  const lines = [
    `# ${m.id}`,
    "",
    "<!-- Generated by `npm run rules-doc` from the rule's meta and docs/rules/examples.json; do not edit by hand. -->",
    "",
    m.description,
    "",
    `- Default severity: ${m.optIn ? "off (opt-in: turn it on in the rules settings)" : m.defaultSeverity === "off" ? "off (a `--target` profile or the rules settings turn it on)" : m.defaultSeverity}`,
    `- Applies to: ${scopeOf(m)}`,
    "",
    "## Messages",
    "",
    "| Message id | Text |",
    "|---|---|",
    ...Object.entries(m.messages).map(([id, text]) => `| \`${id}\` | ${String(text).replace(/\|/g, "\\|")} |`),
    "",
    "## Options",
    "",
    ...optionsSection(rule, optionsSchema),
    "",
    "## Examples",
    "",
  ];
  if (!example?.invalid || !example?.valid) {
    lines.push("No example yet: see the rule's tests.", "");
  } else {
    if (example.note) lines.push(example.note, "");
    lines.push(...exampleSection(rule, "Failing", example.invalid, formatStylish(failing.report, { color: false })));
    const ids = [...new Set(failing.diagnostics.map((d) => d.messageId))];
    lines.push(`Message ${ids.length === 1 ? "id" : "ids"}: ${ids.map((i) => `\`${i}\``).join(", ")}.`, "");
    lines.push(...exampleSection(rule, "Passing", example.valid, undefined));
    lines.push(`ftdata reports nothing for \`${m.id}\` here.`, "");
  }
  return lines.join("\n");
}

/** Every page, by rule id. `api` holds `validate`, `split` and `formatStylish`. */
export async function rulePages({ rules, api, optionsSchemas, examples }) {
  const pages = new Map();
  for (const r of rules) {
    const example = examples[r.meta.id];
    const failing = example?.invalid ? await runExample(api, rules, r.meta.id, example.invalid) : undefined;
    pages.set(r.meta.id, rulePage(r, { example, failing, optionsSchema: optionsSchemas[r.meta.id], formatStylish: api.formatStylish }));
  }
  return pages;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { rules, validate, split, formatStylish, ruleOptionsJsonSchemas } = await import(path.join(root, "dist", "index.js"));
  const examples = JSON.parse(readFileSync(EXAMPLES_FILE, "utf8"));
  writeFileSync(path.join(root, "docs", "rules.md"), rulesMarkdown(rules));
  mkdirSync(path.join(root, "docs", "rules"), { recursive: true });
  const pages = await rulePages({ rules, api: { validate, split, formatStylish }, optionsSchemas: await ruleOptionsJsonSchemas(), examples });
  for (const [id, text] of pages) writeFileSync(path.join(root, "docs", "rules", `${id}.md`), text);
  const missing = rules.filter((r) => !examples[r.meta.id]?.valid || !examples[r.meta.id]?.invalid).map((r) => r.meta.id);
  console.log(`docs/rules.md and docs/rules/*.md: ${rules.length} rules, ${rules.length - missing.length} with both examples${missing.length ? ` (missing: ${missing.join(", ")})` : ""}`);
}
