import { formatHtml } from "./html.js";
import { formatJson } from "./json.js";
import { formatStylish } from "./stylish.js";
import type { Reporter } from "./types.js";

/** Reporters by name, for `--reporter`. */
export const reporters: Record<string, Reporter> = {
  stylish: formatStylish,
  json: formatJson,
  html: (report, options) => formatHtml(report, options.samples),
};

export type { Reporter, ReporterOptions } from "./types.js";
