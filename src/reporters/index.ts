import { formatHtml } from "./html.js";
import { formatJson } from "./json.js";
import { formatStylish } from "./stylish.js";
import { formatSarif } from "./sarif.js";
import { formatGithub } from "./github.js";
import { formatJunit } from "./junit.js";
import type { Reporter } from "./types.js";

/** Reporters by name, for `--reporter`. */
export const reporters: Record<string, Reporter> = {
  stylish: formatStylish,
  json: formatJson,
  html: (report, options) => formatHtml(report, options.samples),
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
};

export type { Reporter, ReporterOptions } from "./types.js";
