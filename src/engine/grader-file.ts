import type { ResolvedRule } from "../core/config.js";
import { compareDiagnostics } from "../core/diagnostic.js";
import { toJsonPointer } from "../core/path.js";
import { countSeverities, type FileReport } from "../core/report.js";
import { Runner } from "../core/runner.js";
import { checkGrader, type GraderCheck } from "../grader/check.js";
import { lineOf } from "../grader/json-lines.js";
import { loadGrader, type GraderSource } from "../grader/load.js";

export interface GraderResult {
  report: FileReport;
  check?: GraderCheck;
}

/**
 * Checks a grader (file or object) and returns its own FileReport: grader problems are diagnostics
 * against the grader file, at the line of the JSON value when it was read from a file.
 */
export async function lintGrader(source: GraderSource, enabled: Map<string, ResolvedRule>, cwd?: string): Promise<GraderResult> {
  const loaded = await loadGrader(source, cwd);
  // A Runner only as a diagnostic factory: its rules are never started, so no data rule runs here.
  const runner = new Runner(loaded.name, enabled);
  let check: GraderCheck | undefined;
  if (loaded.parseError) {
    runner.issue({ ruleId: "grader-invalid", messageId: "json", line: loaded.parseError.line, column: loaded.parseError.column, data: { problem: loaded.parseError.message } });
  } else {
    check = checkGrader(loaded.value!);
    for (const i of check.issues) {
      const line = loaded.lines ? lineOf(loaded.lines, i.path) : undefined;
      runner.issue({
        ruleId: i.ruleId,
        messageId: i.messageId,
        ...(line !== undefined ? { line } : {}),
        ...(i.path.length > 0 ? { path: toJsonPointer(i.path) } : {}),
        ...(i.data ? { data: i.data } : {}),
        ...(i.hint ? { hint: i.hint } : {}),
      });
    }
  }
  const diagnostics = runner.diagnostics.sort(compareDiagnostics);
  const lines = loaded.lines ? Math.max(1, ...loaded.lines.values()) : 0;
  const report: FileReport = { file: loaded.name, format: "openai-grader", lines, records: loaded.value === undefined ? 0 : 1, ...countSeverities(diagnostics), diagnostics };
  return check ? { report, check } : { report };
}

/** The enabled rules with the grader's item references handed to grader-item-field-missing. */
export function withGraderReferences(enabled: Map<string, ResolvedRule>, references: GraderCheck["itemRefs"]): Map<string, ResolvedRule> {
  const rule = enabled.get("grader-item-field-missing");
  if (!rule) return enabled;
  const out = new Map(enabled);
  out.set("grader-item-field-missing", { ...rule, options: { ...rule.options, references } });
  return out;
}
