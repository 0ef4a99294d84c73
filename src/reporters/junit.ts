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
 * JUnit XML for CI test tabs (GitLab, Jenkins, Azure): one `<testsuite>` per file and one `<testcase>`
 * per finding, so every finding has its own row and never shares a failure count with another.
 *
 * - errors are `<failure>`s: they fail the lint run (exit code 1), so they fail the test too;
 * - warnings and infos are passing testcases with their text in `<system-out>`: CI tools colour a
 *   build by its failures, and a warning does not fail `ftdata lint` either (unless `--max-warnings`,
 *   which the exit code reports). The text stays visible in the test tab, under the case.
 *
 * A clean file is one passing case.
 */
export function formatJunit(report: Report): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const f of report.files) {
    const file = escapeXml(f.file);
    const cases: string[] = [];
    let suiteFailures = 0;
    if (f.diagnostics.length === 0) cases.push(`    <testcase classname="${file}" name="ftdata lint"/>`);
    for (const d of f.diagnostics) {
      const at = where(d);
      const name = escapeXml(`${d.ruleId} (${at})`);
      const text = escapeXml(`${at}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`);
      if (d.severity === "error") {
        suiteFailures++;
        cases.push(`    <testcase classname="${file}" name="${name}">`, `      <failure type="${d.severity}" message="${escapeXml(d.message)}">${text}</failure>`, `    </testcase>`);
      } else {
        cases.push(`    <testcase classname="${file}" name="${name}">`, `      <system-out>${escapeXml(`${d.severity}: `)}${text}</system-out>`, `    </testcase>`);
      }
    }
    const suiteTests = Math.max(f.diagnostics.length, 1);
    tests += suiteTests;
    failures += suiteFailures;
    suites.push(`  <testsuite name="${file}" tests="${suiteTests}" failures="${suiteFailures}" errors="0" skipped="0">`, ...cases, `  </testsuite>`);
  }
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="ftdata" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    `</testsuites>`,
    "",
  ].join("\n");
}
