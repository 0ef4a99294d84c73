import { FtdataUsageError } from "../core/errors.js";
import { toDisplayPath, toJsonPointer, type PathSegment } from "../core/path.js";
import * as z from "zod/mini";
import { createConfigSchema, SEVERITY_VALUES } from "./schema.js";
import { ruleOptionProblems } from "../validators/options.js";
import { rules } from "../validators/index.js";
import type { FtdataConfig } from "./types.js";

interface Issue {
  code: string;
  path: PathSegment[];
  message: string;
  values?: unknown[];
  keys?: string[];
  expected?: string;
  errors?: Issue[][];
}

function at(value: unknown, path: readonly PathSegment[]): unknown {
  let cur = value;
  for (const seg of path) cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[seg as string] : undefined;
  return cur;
}

function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

function list(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
}

const TOP_KEYS = ["$schema", "format", "target", "model", "rules", "overrides", "ignores"];
const OVERRIDE_KEYS = ["files", "format", "target", "model", "rules"];

/** Keys allowed in the object at `path`, for the message. */
function allowedKeys(path: readonly PathSegment[]): string[] | undefined {
  if (path.length === 0) return TOP_KEYS;
  if (path.at(-1) === "rules") return rules.map((r) => r.meta.id);
  if (path.length === 2 && path[0] === "overrides") return OVERRIDE_KEYS;
  return undefined;
}

function describeIssue(issue: Issue, input: unknown): string {
  const where = issue.path.length > 0 ? `"${toDisplayPath(toJsonPointer(issue.path))}"` : "the config";
  const found = at(input, issue.path);
  switch (issue.code) {
    case "invalid_value":
      return `${where} must be one of: ${list(issue.values ?? [])}; found ${JSON.stringify(found)}`;
    case "unrecognized_keys": {
      const keys = issue.keys ?? [];
      const allowed = allowedKeys(issue.path);
      const what = issue.path.at(-1) === "rules" ? "rule" : "key";
      const head = `${where} has unknown ${what}${keys.length === 1 ? "" : "s"} ${keys.map((k) => `"${k}"`).join(", ")}`;
      return allowed ? `${head}; allowed: ${allowed.join(", ")}` : head;
    }
    case "invalid_union":
      if (issue.path.length >= 2 && issue.path.at(-2) === "rules") {
        return `${where} must be ${list(SEVERITY_VALUES)}, or [severity, { options }]; found ${JSON.stringify(found)}`;
      }
      if (issue.path.at(-1) === "files" || issue.path.at(-1) === "ignores") {
        return `${where} must be a glob or an array of globs; found ${typeName(found)}`;
      }
      return `${where} is invalid: found ${JSON.stringify(found)}`;
    case "invalid_type":
      if (issue.expected === "object" && issue.path.length === 0) return `the config must be a JSON object; found ${typeName(found)}`;
      return `${where} must be ${issue.expected === "array" ? "an array" : `a ${issue.expected}`}; found ${typeName(found)}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** Validates raw config JSON; every problem is named in one usage error. */
export function parseConfig(raw: unknown, label: string): FtdataConfig {
  const result = createConfigSchema().safeParse(raw);
  let problems: string[];
  if (result.success) {
    // Each rule's options against its own schema: a typo in an option name is an error, not ignored.
    const config = result.data as FtdataConfig;
    problems = ruleOptionProblems(z, config.rules);
    (config.overrides ?? []).forEach((o, i) => {
      for (const p of ruleOptionProblems(z, o.rules)) problems.push(`overrides[${i}]: ${p}`);
    });
    if (problems.length === 0) return config;
  } else {
    problems = (result.error.issues as unknown as Issue[]).map((i) => describeIssue(i, raw));
  }
  throw new FtdataUsageError(`invalid config ${label}: ${problems.join("; ")}`, "FTDATA_CONFIG_INVALID");
}
