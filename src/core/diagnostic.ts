import { plural, withArticle } from "./wording.js";

export type Severity = "error" | "warning" | "info";

/** Where a diagnostic also points: the first copy of a duplicate, the other row of a conflict. */
export interface RelatedLocation {
  file: string;
  line?: number;
  path?: string;
  message?: string;
}

/**
 * One problem found in the data. Diagnostics are data: the wording comes from the rule's message
 * template, the numbers are in `data`.
 */
export interface Diagnostic {
  /** Kebab-case id of the rule that reported it, for example `assistant-content-empty`. */
  ruleId: string;
  severity: Severity;
  message: string;
  /** The file as given (relative to the working directory when it is inside it), or `<stdin>`. */
  file: string;
  /** 1-based physical line in the file. Absent for file-level and dataset-level findings. */
  line?: number;
  /** 1-based column on that line (characters of the decoded line; bytes for invalid UTF-8). */
  column?: number;
  /** 0-based index of the record among the file's records (parsed objects). */
  record?: number;
  /** JSON Pointer to the location inside the record, for example `/messages/2/content`. */
  path?: string;
  /** The values the message template was filled from. */
  data?: Record<string, string | number | boolean>;
  related?: RelatedLocation[];
  /** How to fix it, when the rule knows. */
  hint?: string;
}

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

export function severityRank(s: Severity): number {
  return s === "error" ? 0 : s === "warning" ? 1 : 2;
}

/**
 * Fills `{{name}}` placeholders from data; unknown placeholders are left visible. Two filters give
 * messages their grammar: `{{count|plural:example}}` (1 example, 2 examples; `plural:entry:entries`
 * for irregular forms, `plural:record is:records are` for a verb too) and `{{role|a}}` (a user, an assistant).
 */
export function formatMessage(template: string, data: Record<string, unknown> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*(?:\|\s*(a|plural:([^:}]+)(?::([^}]+))?)\s*)?\}\}/g, (m, key: string, filter?: string, one?: string, many?: string) => {
    if (!Object.prototype.hasOwnProperty.call(data, key)) return m;
    const v = data[key];
    if (filter === "a") return withArticle(String(v));
    if (one !== undefined) return typeof v === "number" ? plural(v, one, many) : `${String(v)} ${many ?? `${one}s`}`;
    return String(v);
  });
}

/** Orders diagnostics by line (file-level findings first), then column, then severity. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
