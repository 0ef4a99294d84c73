// Library usage: lint a dataset, print its errors with line and rule id, and set the exit code.
//
//   npx tsc --noEmit -p examples/tsconfig.json   # type-check this file against the built package
//
import { validate, toDisplayPath, FtdataUsageError, type Report } from "ftdata";

const file = process.argv[2] ?? "examples/sft/invalid.jsonl";

try {
  const report: Report = await validate(file, {
    // Rule settings: turn a rule off, or change its severity and options.
    rules: { "examples-recommended-count": "off" },
  });

  for (const f of report.files) {
    console.log(`${f.file}: ${f.format ?? "unknown format"}, ${f.records} records`);
    for (const d of f.diagnostics) {
      if (d.severity !== "error") continue;
      const where = d.line === undefined ? f.file : `${f.file}:${d.line}`;
      // `path` is a JSON Pointer (/messages/1/content); toDisplayPath renders it as messages[1].content.
      const at = d.path === undefined ? "" : ` (${toDisplayPath(d.path)})`;
      console.log(`  ${where}  ${d.message}${at}  [${d.ruleId}]`);
    }
  }
  console.log(`${report.errorCount} errors, ${report.warningCount} warnings`);
  process.exitCode = report.errorCount > 0 ? 1 : 0;
} catch (err) {
  // An unreadable input or a bad option is a usage error; problems in the data never throw.
  if (err instanceof FtdataUsageError) {
    console.error(`ftdata: ${err.message}`);
    process.exitCode = 2;
  } else throw err;
}
