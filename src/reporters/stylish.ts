import { plural } from "../core/wording.js";
import type { Diagnostic, Severity } from "../core/diagnostic.js";
import { toDisplayPath } from "../core/path.js";
import type { Report } from "../core/report.js";
import type { ReporterOptions } from "./types.js";
import { splitSectionLines } from "./split-section.js";

const CODES = { red: [31, 39], yellow: [33, 39], blue: [34, 39], green: [32, 39], dim: [2, 22], bold: [1, 22], underline: [4, 24] } as const;
type Style = keyof typeof CODES;

function paint(enabled: boolean) {
  return (style: Style, s: string) => (enabled ? `\x1b[${CODES[style][0]}m${s}\x1b[${CODES[style][1]}m` : s);
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: "red", warning: "yellow", info: "blue" };


/** Display width without ANSI codes, for column alignment. */
function width(s: string): number {
  return s.replace(/\x1b\[\d+m/g, "").length;
}

/** Grouped by file: line:column, severity, message, path, rule id; then a summary line. */
export function formatStylish(report: Report, options: ReporterOptions = { color: false }): string {
  const c = paint(options.color);
  const out: string[] = [];
  for (const f of report.files) {
    const described = `${f.format ?? "unknown format"}, ${plural(f.records, "record")}`;
    if (f.diagnostics.length === 0) {
      out.push(`${c("green", "✔")} ${f.file} ${c("dim", `(${described})`)}`);
      continue;
    }
    out.push("", `${c("underline", f.file)} ${c("dim", `(${described})`)}`);
    const rows = f.diagnostics.map((d: Diagnostic) => {
      // Parquet rows have no line: their findings show the 1-based row ("row 41") instead.
      const pos = d.line === undefined ? (d.record !== undefined && d.record >= 0 ? `row ${d.record + 1}` : "-") : d.column === undefined ? String(d.line) : `${d.line}:${d.column}`;
      const where = d.path ? c("dim", toDisplayPath(d.path)) : "";
      let message = d.message;
      if (d.hint) message += c("dim", ` (${d.hint})`);
      return [pos, c(SEVERITY_STYLE[d.severity], d.severity), message, where, c("dim", d.ruleId)] as const;
    });
    const posW = Math.max(...rows.map((r) => r[0].length));
    const sevW = Math.max(...rows.map((r) => width(r[1])));
    for (const [pos, sev, message, where, rule] of rows) {
      const tail = [where, rule].filter((s) => s !== "").join("  ");
      out.push(`  ${c("dim", pos.padStart(posW))}  ${sev}${" ".repeat(sevW - width(sev))}  ${message}  ${tail}`);
    }
  }
  if (report.split) out.push(...splitSectionLines(report.split));
  const total = report.errorCount + report.warningCount + report.infoCount;
  const counts = `${plural(report.errorCount, "error")}, ${plural(report.warningCount, "warning")}, ${plural(report.infoCount, "info")}`;
  const records = report.files.reduce((n, f) => n + f.records, 0);
  out.push("");
  if (total === 0) {
    out.push(c("green", `✔ ${plural(report.files.length, "file")}, ${plural(records, "record")}: no problems`));
  } else {
    const style: Style = report.errorCount > 0 ? "red" : report.warningCount > 0 ? "yellow" : "blue";
    const mark = report.errorCount > 0 ? "✖" : "⚠";
    out.push(c(style, `${mark} ${plural(total, "problem")} (${counts}) in ${plural(report.files.length, "file")}, ${plural(records, "record")}`));
  }
  return out.join("\n") + "\n";
}
