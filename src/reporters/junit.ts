import type { Diagnostic } from "../core/diagnostic.js";
import { toDisplayPath } from "../core/path.js";
import type { Report } from "../core/report.js";

// Characters XML 1.0 cannot hold at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/FFFF).
const INVALID_XML = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text and attribute values; characters XML cannot carry become U+FFFD. */
export function escapeXml(s: string): string {
  return s
    .replace(INVALID_XML, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;");
}

function where(d: Diagnostic): string {
  const parts: string[] = [];
  if (d.line !== undefined) parts.push(`line ${d.line}${d.column !== undefined ? `:${d.column}` : ""}`);
  if (d.path) parts.push(toDisplayPath(d.path));
  return parts.length > 0 ? parts.join(" ") : "file";
}

/**
 * JUnit XML for CI test tabs (GitLab, Jenkins, Azure): one `<testsuite>` per file, one `<testcase>`
 * per rule that reported something there, one `<failure>` per finding. A clean file is one passing case.
 */
export function formatJunit(report: Report): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const f of report.files) {
    const byRule = new Map<string, Diagnostic[]>();
    for (const d of f.diagnostics) {
      const list = byRule.get(d.ruleId);
      if (list) list.push(d);
      else byRule.set(d.ruleId, [d]);
    }
    const file = escapeXml(f.file);
    const cases: string[] = [];
    if (byRule.size === 0) cases.push(`    <testcase classname="${file}" name="ftdata lint"/>`);
    for (const [ruleId, list] of byRule) {
      cases.push(`    <testcase classname="${file}" name="${escapeXml(ruleId)}">`);
      for (const d of list) {
        const text = `${where(d)}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`;
        cases.push(`      <failure type="${d.severity}" message="${escapeXml(d.message)}">${escapeXml(text)}</failure>`);
      }
      cases.push(`    </testcase>`);
    }
    const suiteTests = Math.max(byRule.size, 1);
    tests += suiteTests;
    failures += byRule.size;
    suites.push(`  <testsuite name="${file}" tests="${suiteTests}" failures="${byRule.size}" errors="0" skipped="0">`, ...cases, `  </testsuite>`);
  }
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="ftdata" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    `</testsuites>`,
    "",
  ].join("\n");
}
