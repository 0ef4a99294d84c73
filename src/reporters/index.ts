import { formatJson } from "./json.js";
import { formatStylish } from "./stylish.js";
import type { Reporter } from "./types.js";

/** Reporters by name, for `--reporter`. */
export const reporters: Record<string, Reporter> = {
  stylish: formatStylish,
  json: formatJson,
};

export type { Reporter, ReporterOptions } from "./types.js";
