import type { Report } from "../core/report.js";
import type { ReportSamples } from "../samples.js";

export interface ReporterOptions {
  /** ANSI colour codes allowed (a TTY without NO_COLOR). */
  color: boolean;
  /** Example lines for the html reporter (see `collectSamples`). */
  samples?: ReportSamples;
}

/** A reporter is a pure function from the report to text. */
export type Reporter = (report: Report, options: ReporterOptions) => string;
