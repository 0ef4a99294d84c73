import type { Severity } from "../core/diagnostic.js";
import { toDisplayPath } from "../core/path.js";
import type { Report } from "../core/report.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** Workflow-command data: `%`, CR and LF would end or corrupt the command (actions/toolkit `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values are also split on `,` and `:` by the runner (actions/toolkit `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * GitHub Actions workflow commands, one annotation per finding:
 * `::error file=train.jsonl,line=12,title=ftdata (rule-id)::message (messages[2].content)`.
 * GitHub shows only the first few annotations of a step, so a plain summary line closes the output.
 */
export function formatGithub(report: Report): string {
  const out: string[] = [];
  for (const f of report.files) {
    for (const d of f.diagnostics) {
      const props = [`file=${escapeProperty(d.file.replace(/\\/g, "/"))}`];
      if (d.line !== undefined) props.push(`line=${d.line}`);
      if (d.column !== undefined) props.push(`col=${d.column}`);
      props.push(`title=${escapeProperty(`ftdata (${d.ruleId})`)}`);
      let text = d.message;
      if (d.path) text += ` (${toDisplayPath(d.path)})`;
      if (d.hint) text += `\n${d.hint}`;
      out.push(`::${COMMAND[d.severity]} ${props.join(",")}::${escapeData(text)}`);
    }
  }
  const records = report.files.reduce((n, f) => n + f.records, 0);
  out.push(
    `ftdata: ${plural(report.errorCount, "error")}, ${plural(report.warningCount, "warning")}, ${plural(report.infoCount, "info")} in ${plural(report.files.length, "file")}, ${plural(records, "record")}`,
  );
  return out.join("\n") + "\n";
}
