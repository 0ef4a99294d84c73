import { plural } from "../../core/wording.js";
import { parseArgs } from "node:util";
import { resolveTarget, targetRules, targets, type TargetProfile } from "../../targets/index.js";
import type { Command } from "../command.js";

const HELP = `Usage: ftdata targets [<target>] [--json]

List the platform profiles \`ftdata lint --target\` accepts, or show one in detail: accepted formats,
example counts, role rules, extra keys, file size, images and token limits, with their sources.

Options:
      --json      Print the profiles (and the rule settings they stand for) as JSON
  -h, --help      Show this help
`;

function count(n: number): string {
  return n > 0 ? n.toLocaleString("en-US") : "—";
}

function bytes(n: number): string {
  const gib = n / 2 ** 30;
  if (n >= 2 ** 30 && Math.abs(gib * 10 - Math.round(gib * 10)) < 1e-9) return `${Math.round(gib * 10) / 10} GiB`; // Together counts in GiB
  return n <= 0 ? "—" : n >= 1e9 ? `${n / 1e9} GB` : `${n / 1e6} MB`;
}

function detail(t: TargetProfile): string {
  const alternation = t.alternation === "none" ? "not required" : t.alternation === "strict" ? "strict user/assistant" : `${t.firstRoles ? `starts with ${t.firstRoles.join("/")}; ` : ""}transitions: ${Object.entries(t.alternation).map(([k, v]) => `${k}→{${v.join(",")}}`).join(" ")}`;
  const lines = [
    `${t.id} — ${t.title}`,
    `  formats:             ${t.formats === "*" ? "any" : t.formats.join(", ")}`,
    `  examples:            min ${count(t.minExamples)}, max ${count(t.maxExamples)}, recommended ${count(t.recommendedExamples)}`,
    `  roles:               ${t.roles.length > 0 ? t.roles.join(", ") : "as the format defines"}`,
    `  role order:          ${alternation}`,
    `  ends with assistant: ${t.lastMustBeAssistant ? "required" : "recommended"}`,
    `  system message:      ${t.systemMustBeFirst ? "first only" : "first recommended"}`,
    `  extra keys:          ${t.extraKeys}${t.messageExtraKeys && t.messageExtraKeys !== t.extraKeys ? ` (in messages: ${t.messageExtraKeys})` : ""}`,
    `  file size:           ${bytes(t.maxFileBytes)}${t.maxFileBytesSoft ? " (warning)" : ""}`,
    `  images per example:  ${count(t.maxImagesPerExample)}`,
  ];
  if (t.imageUrls) {
    const kinds = t.imageUrls.kinds.map((k) => (k === "http" ? "http(s) URLs" : "base64 data URIs")).join(" or ");
    const max = t.imageUrls.maxBytes;
    const limit = max <= 0 ? "" : max % 1048576 === 0 ? `, ${max / 1048576} MiB each` : `, ${bytes(max)} each`;
    lines.push(`  image URLs:          ${kinds}; ${t.imageUrls.formats.map((f) => f.toUpperCase()).join(", ")}${limit}`);
  }
  if (t.weightRoles) lines.push(`  weight on:           ${t.weightRoles.join(", ")} messages`);
  if (t.toolCallIdPattern) lines.push(`  tool call ids:       ${t.toolCallIdPattern}`);
  const models = Object.entries(t.tokenLimits);
  if (models.length > 0) lines.push(`  tokens per example:  ${models.map(([m, n]) => `${m} ${n.toLocaleString("en-US")}`).join(", ")}`);
  lines.push("  sources:", ...t.sources.map((s) => `    - ${s}`));
  return lines.join("\n") + "\n";
}

const command: Command = {
  name: "targets",
  summary: "List platform profiles for --target",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean", default: false } } });
    const chosen = positionals.length > 0 ? positionals.map(resolveTarget) : [...targets];
    if (values.json) {
      io.stdout.write(JSON.stringify(chosen.map((t) => ({ ...t, rules: targetRules(t) })), null, 2) + "\n");
      return 0;
    }
    if (positionals.length > 0) {
      io.stdout.write(chosen.map(detail).join("\n"));
      return 0;
    }
    const w = Math.max(...chosen.map((t) => t.id.length));
    const rows = chosen.map((t) => `  ${t.id.padEnd(w)}  ${t.title}\n  ${" ".repeat(w)}  formats: ${t.formats === "*" ? "any" : t.formats.join(", ")}; min ${plural(t.minExamples, "example")}${t.alternation !== "none" ? "; role order enforced" : ""}${t.extraKeys === "error" ? "; no extra keys" : ""}`);
    io.stdout.write(`Targets (ftdata lint --target <id>; without --target, ftdata checks like openai without the format restriction):\n\n${rows.join("\n")}\n\nRun \`ftdata targets <id>\` for limits and sources.\n`);
    return 0;
  },
};

export default command;
