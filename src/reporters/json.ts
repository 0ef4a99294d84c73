import type { Report } from "../core/report.js";

/** The Report object, exactly, as JSON. */
export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + "\n";
}
