import { formatStylish } from "../reporters/stylish.js";
import type { Reporter } from "../reporters/types.js";

/**
 * The reporters by name, each loaded only when chosen (but stylish, the default): importing `reporters/index.ts` would parse the
 * html reporter (and its charts and assets) on every lint. test/cli-doc.test.ts checks this list
 * against the library's `reporters`.
 */
export const REPORTER_NAMES = ["stylish", "json", "html", "sarif", "github", "junit"] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

export async function loadReporter(name: ReporterName): Promise<Reporter> {
  switch (name) {
    case "stylish":
      return formatStylish; // the default: no chunk of its own to load
    case "json":
      return (await import("../reporters/json.js")).formatJson;
    case "html": {
      const { formatHtml } = await import("../reporters/html.js");
      return (report, options) => formatHtml(report, options.samples);
    }
    case "sarif":
      return (await import("../reporters/sarif.js")).formatSarif;
    case "github":
      return (await import("../reporters/github.js")).formatGithub;
    case "junit":
      return (await import("../reporters/junit.js")).formatJunit;
  }
}
