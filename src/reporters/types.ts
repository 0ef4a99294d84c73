import type { Report } from "../core/report.js";

export interface ReporterOptions {
  /** ANSI colour codes allowed (a TTY without NO_COLOR). */
  color: boolean;
}

/** A reporter is a pure function from the report to text. */
export type Reporter = (report: Report, options: ReporterOptions) => string;
