import type { Diagnostic } from "./diagnostic.js";

import type { FileStats } from "./stats-report.js";
import type { Cluster } from "./cluster.js";
import type { SplitReport } from "./split-report.js";

export type { FileStats } from "./stats-report.js";

export interface FileReport {
  /** The file as given (relative to the working directory when inside it), or `<stdin>`. */
  file: string;
  /** Dataset format id, or null when it could not be told. */
  format: string | null;
  /** How the format was chosen: given with --format, or detected (with the reason). */
  formatReason?: string;
  /** Physical lines read. */
  lines: number;
  /** Records: lines that parsed as JSON objects. */
  records: number;
  errorCount: number;
  warningCount: number;
  infoCount: number;
  diagnostics: Diagnostic[];
  stats?: FileStats;
  /** Groups of duplicate, conflicting or near-duplicate lines, for UIs and `ftdata dedupe`. */
  clusters?: Cluster[];
}

/** What every ftdata run returns; the json reporter prints exactly this object. */
export interface Report {
  schemaVersion: 1;
  tool: { name: "ftdata"; version: string };
  files: FileReport[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  /** Set by `split()` / `ftdata split`. */
  split?: SplitReport;
}

declare const __FTDATA_VERSION__: string;
export const VERSION: string = typeof __FTDATA_VERSION__ === "string" ? __FTDATA_VERSION__ : "0.0.0";

export function countSeverities(diagnostics: readonly Diagnostic[]): { errorCount: number; warningCount: number; infoCount: number } {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errorCount++;
    else if (d.severity === "warning") warningCount++;
    else infoCount++;
  }
  return { errorCount, warningCount, infoCount };
}

export function makeReport(files: FileReport[]): Report {
  const report: Report = { schemaVersion: 1, tool: { name: "ftdata", version: VERSION }, files, errorCount: 0, warningCount: 0, infoCount: 0 };
  for (const f of files) {
    report.errorCount += f.errorCount;
    report.warningCount += f.warningCount;
    report.infoCount += f.infoCount;
  }
  return report;
}
