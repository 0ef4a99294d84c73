import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Report } from "../../src/core/report.js";
import { ROOT } from "./hostile.js";

/** Rules whose diagnostic means "this line is not a record" (exactly one per such line). */
// string-lone-surrogate is not here: such a line still parses, so it is a record (and every rule checks it).
export const SKIP_RULES = new Set(["utf8-invalid", "line-too-long", "json-invalid", "record-not-object", "line-blank"]);

const SEVERITIES = new Set(["error", "warning", "info"]);

/**
 * Structural checks of a report, standing in for `schemas/report.schema.json` until it is on this
 * branch; `schemaValidator()` below uses the schema itself once it exists and ajv is installed.
 * Returns the problems found (empty: fine).
 */
export function reportShapeProblems(report: Report): string[] {
  const p: string[] = [];
  const isInt = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  if (report.schemaVersion !== 2) p.push("schemaVersion must be 2");
  if (report.tool?.name !== "ftdata" || typeof report.tool.version !== "string") p.push("tool must be {name: ftdata, version}");
  if (!Array.isArray(report.files)) return [...p, "files must be an array"];
  let e = 0, w = 0, i = 0;
  for (const [fi, f] of report.files.entries()) {
    const at = `files[${fi}]`;
    if (typeof f.file !== "string") p.push(`${at}.file must be a string`);
    if (f.format !== null && typeof f.format !== "string") p.push(`${at}.format must be a string or null`);
    for (const k of ["lines", "records", "errorCount", "warningCount", "infoCount"] as const) if (!isInt(f[k])) p.push(`${at}.${k} must be a non-negative integer`);
    if (!Array.isArray(f.diagnostics)) { p.push(`${at}.diagnostics must be an array`); continue; }
    e += f.errorCount; w += f.warningCount; i += f.infoCount;
    for (const [di, d] of f.diagnostics.entries()) {
      const dat = `${at}.diagnostics[${di}]`;
      if (typeof d.ruleId !== "string" || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(d.ruleId)) p.push(`${dat}.ruleId must be kebab-case`);
      if (!SEVERITIES.has(d.severity)) p.push(`${dat}.severity invalid`);
      if (typeof d.message !== "string" || d.message === "" || /\{\{\s*\w+\s*\}\}/.test(d.message)) p.push(`${dat}.message must be filled in: ${d.message}`);
      if (d.file !== f.file) p.push(`${dat}.file must equal the file's`);
      if (d.line !== undefined && !(Number.isInteger(d.line) && d.line >= 1 && d.line <= f.lines)) p.push(`${dat}.line ${d.line} outside 1..${f.lines}`);
      if (d.column !== undefined && !(Number.isInteger(d.column) && d.column >= 1)) p.push(`${dat}.column ${d.column} must be >= 1`);
      if (d.record !== undefined && !(Number.isInteger(d.record) && d.record >= 0 && d.record < f.records)) p.push(`${dat}.record ${d.record} outside 0..${f.records - 1}`);
      if (d.path !== undefined && !(typeof d.path === "string" && (d.path === "" || d.path.startsWith("/")))) p.push(`${dat}.path must be a JSON Pointer`);
      if (d.data !== undefined) {
        for (const [k, v] of Object.entries(d.data)) if (!["string", "number", "boolean"].includes(typeof v)) p.push(`${dat}.data.${k} must be a scalar`);
      }
    }
  }
  if (report.errorCount !== e || report.warningCount !== w || report.infoCount !== i) p.push("report counts must be the sum of the files'");
  return p;
}

/** Validates against the shipped JSON Schema when it exists and ajv is installed; otherwise undefined. */
export async function schemaValidator(): Promise<((report: Report) => string[]) | undefined> {
  const file = path.join(ROOT, "schemas/report.schema.json");
  if (!existsSync(file)) return undefined;
  try {
    const schema = JSON.parse(readFileSync(file, "utf8")) as { $schema?: string };
    const id = String(schema.$schema ?? "").includes("2020-12") ? "ajv/dist/2020.js" : String(schema.$schema ?? "").includes("2019-09") ? "ajv/dist/2019.js" : "ajv";
    const mod = (await import(/* @vite-ignore */ id)) as { default: new (o: object) => { compile(s: object): ((v: unknown) => boolean) & { errors?: unknown[] } } };
    const ajv = new mod.default({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    return (report) => (validate(report) ? [] : [JSON.stringify(validate.errors)]);
  } catch {
    return undefined;
  }
}
