import type * as Sarif from "sarif";
import type { Diagnostic, RelatedLocation, Severity } from "../core/diagnostic.js";
import { fromJsonPointer } from "../core/path.js";
import { VERSION, type Report } from "../core/report.js";
import { getRule } from "../validators/index.js";

/** Where each rule is documented; pinned to the released version so old reports keep working links. */
export const RULES_DOCS_URL = `https://github.com/ftdata/ftdata/blob/v${VERSION}/docs/rules.md`;

/** The help page of one rule (an anchor in docs/rules.md). */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULES_DOCS_URL}#${ruleId}`;
}

const LEVEL: Record<Severity, Sarif.Result.level> = { error: "error", warning: "warning", info: "note" };

/** POSIX separators and percent-encoding: SARIF wants URI references, file names may hold spaces or `#`. */
function toUri(file: string): string {
  return encodeURI(file.replace(/\\/g, "/")).replace(/[?#]/g, (c) => (c === "?" ? "%3F" : "%23"));
}

function isAbsolute(file: string): boolean {
  return file.startsWith("/") || /^[A-Za-z]:[\\/]/.test(file);
}

function artifact(file: string): Sarif.ArtifactLocation {
  // Relative paths are resolved against the checkout root by code-scanning uploaders.
  if (isAbsolute(file)) return { uri: `file://${toUri(file.replace(/\\/g, "/").replace(/^(?=[A-Za-z]:)/, "/"))}` };
  return { uri: toUri(file), uriBaseId: "%SRCROOT%" };
}

function physical(file: string, line: number | undefined, column: number | undefined): Sarif.PhysicalLocation {
  const loc: Sarif.PhysicalLocation = { artifactLocation: artifact(file) };
  if (line !== undefined) loc.region = column !== undefined ? { startLine: line, startColumn: column } : { startLine: line };
  return loc;
}

/** The JSON Pointer inside the record, as a logical location code-scanning viewers can show. */
function logical(pointer: string): Sarif.LogicalLocation {
  const segments = fromJsonPointer(pointer);
  const last = segments[segments.length - 1];
  const loc: Sarif.LogicalLocation = { fullyQualifiedName: pointer, kind: typeof last === "number" ? "element" : "property" };
  if (last !== undefined) loc.name = String(last);
  return loc;
}

function related(r: RelatedLocation, id: number): Sarif.Location {
  const loc: Sarif.Location = { id, physicalLocation: physical(r.file, r.line, undefined) };
  if (r.message) loc.message = { text: r.message };
  if (r.path) loc.logicalLocations = [logical(r.path)];
  return loc;
}

function describeRule(ruleId: string, severity: Severity): Sarif.ReportingDescriptor {
  const rule = getRule(ruleId);
  const descriptor: Sarif.ReportingDescriptor = { id: ruleId, helpUri: ruleDocsUrl(ruleId) };
  if (rule) descriptor.shortDescription = { text: rule.meta.description };
  const byDefault = rule?.meta.defaultSeverity ?? severity;
  // A rule that is off unless a target or config enables it still reports at the level it was given.
  descriptor.defaultConfiguration = byDefault === "off" ? { level: LEVEL[severity], enabled: false } : { level: LEVEL[byDefault] };
  return descriptor;
}

function result(d: Diagnostic, ruleIndex: number): Sarif.Result {
  const location: Sarif.Location = { physicalLocation: physical(d.file, d.line, d.column) };
  if (d.path !== undefined && d.path !== "") location.logicalLocations = [logical(d.path)];
  const res: Sarif.Result = {
    ruleId: d.ruleId,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
    locations: [location],
  };
  if (d.related?.length) res.relatedLocations = d.related.map((r, i) => related(r, i + 1));
  // A grouped finding (the same unknown key on every row) says how often it was seen.
  if (typeof d.data?.occurrences === "number") res.occurrenceCount = d.data.occurrences;
  const properties: Record<string, unknown> = {};
  if (d.record !== undefined) properties.record = d.record;
  if (d.path !== undefined) properties.pointer = d.path;
  if (d.data !== undefined) properties.data = d.data;
  if (Object.keys(properties).length > 0) res.properties = properties;
  return res;
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other viewers: each rule that fired is listed once with
 * its help URI; each finding is a result with its file, line and the JSON Pointer inside the record.
 */
export function formatSarif(report: Report): string {
  const rules: Sarif.ReportingDescriptor[] = [];
  const indexOf = new Map<string, number>();
  const results: Sarif.Result[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      let index = indexOf.get(d.ruleId);
      if (index === undefined) {
        index = rules.length;
        indexOf.set(d.ruleId, index);
        rules.push(describeRule(d.ruleId, d.severity));
      }
      results.push(result(d, index));
    }
  }
  const log: Sarif.Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "ftdata", version: report.tool.version, informationUri: "https://www.npmjs.com/package/ftdata", rules } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
