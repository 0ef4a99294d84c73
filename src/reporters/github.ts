import { plural } from "../core/wording.js";
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
      // A Parquet finding has no line to annotate: the annotation sits on the file and names the row.
      if (d.line === undefined && d.record !== undefined && d.record >= 0) text += ` [row ${d.record + 1}]`;
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

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/**
 * Markdown for `$GITHUB_STEP_SUMMARY`: GitHub shows only the first few annotations of a step, so the job
 * summary carries the counts per file and per rule (never every finding: the summary is capped at 1 MiB).
 */
export function formatGithubSummary(report: Report): string {
  const out = [
    `### ftdata: ${plural(report.errorCount, "error")}, ${plural(report.warningCount, "warning")}, ${plural(report.infoCount, "info")}`,
    "",
    "| File | Format | Records | Errors | Warnings | Info |",
    "|---|---|---:|---:|---:|---:|",
    ...report.files.map((f) => `| ${cell(f.file)} | ${f.format ?? "unknown"} | ${f.records} | ${f.errorCount} | ${f.warningCount} | ${f.infoCount} |`),
  ];
  const byRule = new Map<string, { severity: Severity; count: number; first: string[] }>();
  for (const f of report.files) {
    for (const d of f.diagnostics) {
      let r = byRule.get(d.ruleId);
      if (!r) byRule.set(d.ruleId, (r = { severity: d.severity, count: 0, first: [] }));
      r.count += typeof d.data?.occurrences === "number" ? d.data.occurrences : 1; // a grouped finding counts each occurrence
      if (r.first.length < 5) r.first.push(d.line === undefined ? f.file : `${f.file}:${d.line}`);
    }
  }
  if (byRule.size > 0) {
    out.push("", "| Rule | Severity | Count | First at |", "|---|---|---:|---|");
    const sorted = [...byRule].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
    for (const [id, r] of sorted) out.push(`| ${id} | ${r.severity} | ${r.count} | ${cell(r.first.join(", "))}${r.count > r.first.length ? ", …" : ""} |`);
  }
  return out.join("\n") + "\n";
}
