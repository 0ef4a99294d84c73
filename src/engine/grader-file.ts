import type { ResolvedRule } from "../core/config.js";
import { toJsonPointer } from "../core/path.js";
import type { FileReport } from "../core/report.js";
import type { ExternalIssue } from "../core/runner.js";
import { reportFindings } from "./pass.js";
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
  const issues: ExternalIssue[] = [];
  let check: GraderCheck | undefined;
  if (loaded.parseError) {
    issues.push({ ruleId: "grader-invalid", messageId: "json", line: loaded.parseError.line, column: loaded.parseError.column, data: { problem: loaded.parseError.message } });
  } else {
    check = checkGrader(loaded.value!);
    for (const i of check.issues) {
      const line = loaded.lines ? lineOf(loaded.lines, i.path) : undefined;
      issues.push({
        ruleId: i.ruleId,
        messageId: i.messageId,
        ...(line !== undefined ? { line } : {}),
        ...(i.path.length > 0 ? { path: toJsonPointer(i.path) } : {}),
        ...(i.data ? { data: i.data } : {}),
        ...(i.hint ? { hint: i.hint } : {}),
      });
    }
  }
  const lines = loaded.lines ? Math.max(1, ...loaded.lines.values()) : 0;
  const report = reportFindings(loaded.name, enabled, issues, { format: "openai-grader", lines, records: loaded.value === undefined ? 0 : 1 });
  return check ? { report, check } : { report };
}
