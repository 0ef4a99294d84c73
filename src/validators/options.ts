import type * as ZodMini from "zod/mini";
import { FtdataUsageError } from "../core/errors.js";
import type { RulesConfig } from "../core/config.js";
import type { Rule } from "../core/rule.js";
import { rules, type RuleId } from "./index.js";

type Z = typeof ZodMini;

interface ZodIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  expected?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let cur = value;
  for (const k of path) cur = cur !== null && typeof cur === "object" ? (cur as Record<PropertyKey, unknown>)[k] : undefined;
  return cur;
}

function optionName(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
}

function describe(issue: ZodIssue, options: unknown, allowed: readonly string[]): string {
  const name = `option "${optionName(issue.path)}"`;
  const found = valueAt(options, issue.path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const keys = issue.keys ?? [];
      const where = issue.path.length > 0 ? ` in ${name}` : "";
      const head = `unknown option${keys.length === 1 ? "" : "s"} ${keys.map((k) => `"${k}"`).join(", ")}${where}`;
      return issue.path.length > 0 ? head : `${head} (${allowed.length > 0 ? `options: ${allowed.join(", ")}` : "it takes no options"})`;
    }
    case "invalid_type": {
      const expected = issue.expected === "int" ? "an integer" : issue.expected === "array" || issue.expected === "object" ? `an ${issue.expected}` : `a ${issue.expected}`;
      return `${name} must be ${expected}; found ${found === undefined ? "nothing" : `${typeName(found)} ${JSON.stringify(found)}`}`;
    }
    case "too_small":
      return `${name} must be ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}; found ${JSON.stringify(found)}`;
    case "too_big":
      return `${name} must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}; found ${JSON.stringify(found)}`;
    default:
      return `${name} ${issue.message === "Invalid input" ? "is invalid" : issue.message}; found ${JSON.stringify(found)}`;
  }
}

/** The option names a rule takes (from its schema, else its defaults), for messages. */
function optionNames(rule: Rule<string, any>, z: Z): string[] {
  if (!rule.meta.schema) return [];
  const schema = rule.meta.schema(z) as unknown as { _zod?: { def?: { shape?: Record<string, unknown> } } };
  return Object.keys(schema._zod?.def?.shape ?? {});
}

const cache = new Map<string, ZodMini.ZodMiniType>();

function schemaOf(rule: Rule<string, any>, z: Z): ZodMini.ZodMiniType {
  let s = cache.get(rule.meta.id);
  if (!s) {
    // A rule without a schema takes no options: any key is unknown.
    s = rule.meta.schema ? rule.meta.schema(z) : z.strictObject({});
    cache.set(rule.meta.id, s);
  }
  return s;
}

/**
 * Problems with the options in rule settings (`[severity, options]`), one line each, naming the rule and
 * the option: `rule "examples-min-count": unknown option "minn" (options: min)`. Unknown rule ids and bad
 * severities are left to the caller. Needs zod/mini, passed in so the caller decides when to load it.
 */
export function ruleOptionProblems(z: Z, settings: RulesConfig | undefined): string[] {
  const out: string[] = [];
  for (const [id, setting] of Object.entries(settings ?? {})) {
    if (!Array.isArray(setting) || setting.length < 2 || setting[1] === undefined) continue;
    const rule = (rules as readonly Rule<string, any>[]).find((r) => r.meta.id === id);
    if (!rule) continue;
    const options = setting[1];
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
      out.push(`rule "${id}": options must be an object; found ${typeName(options)}`);
      continue;
    }
    const result = schemaOf(rule, z).safeParse(options);
    if (result.success) continue;
    const names = optionNames(rule, z);
    for (const issue of result.error.issues as unknown as ZodIssue[]) out.push(`rule "${id}": ${describe(issue, options, names)}`);
  }
  return out;
}

/** Whether any setting carries an options object (only then is zod worth loading). */
export function hasRuleOptions(settings: RulesConfig | undefined): boolean {
  return Object.values(settings ?? {}).some((s) => Array.isArray(s) && s[1] !== undefined);
}

/**
 * Checks the options of rule settings against each rule's schema; loads zod only when some setting has
 * options.
 * @throws FtdataUsageError (code `FTDATA_RULE_OPTIONS_INVALID`) naming the rule and the option.
 */
export async function checkRuleOptions(settings: RulesConfig | undefined, where = "rules settings"): Promise<void> {
  if (!hasRuleOptions(settings)) return;
  const z = await import("zod/mini");
  const problems = ruleOptionProblems(z, settings);
  if (problems.length > 0) throw new FtdataUsageError(`invalid ${where}: ${problems.join("; ")}`, "FTDATA_RULE_OPTIONS_INVALID");
}

/** One rule as `ftdata rules` and documentation tools show it. */
export interface RuleInfo {
  id: RuleId;
  description: string;
  /** "off": runs only when a setting or a target profile turns it on. */
  defaultSeverity: "error" | "warning" | "info" | "off";
  /** Off unless turned on in the rules settings (personal data checks). */
  optIn: boolean;
  /** Dataset formats it applies to, or "*" for all. */
  formats: readonly string[] | "*";
  /** Example kinds it applies to, when it is limited to some. */
  kinds?: readonly string[];
  /** Who reports it when not a visitor over the records: the reader, the engine, the grader check or split. */
  reportedBy?: "reader" | "engine" | "grader" | "split";
  /** Its documentation page. */
  docsUrl: string;
  /** Message templates by message id. */
  messages: Readonly<Record<string, string>>;
  /** Its options' defaults (runtime-only values such as the holdout index left out). */
  defaultOptions: Record<string, unknown>;
  /** Whether it takes options (see `ruleOptionsJsonSchemas()` for their schema). */
  hasOptions: boolean;
}

/** Every registered rule, in registry order, as plain data (no zod needed). */
export function listRules(): RuleInfo[] {
  return (rules as readonly Rule<string, any>[]).map((r) => {
    const m = r.meta;
    const info: RuleInfo = {
      id: m.id as RuleId,
      description: m.description,
      defaultSeverity: m.defaultSeverity,
      optIn: m.optIn === true,
      formats: m.formats,
      docsUrl: m.docs!.url,
      messages: m.messages,
      defaultOptions: Object.fromEntries(Object.entries((r.defaultOptions ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined)),
      hasOptions: m.schema !== undefined,
    };
    if (m.kinds) info.kinds = m.kinds;
    const by = m.reportedBy ?? (m.reader ? "reader" : undefined);
    if (by) info.reportedBy = by;
    return info;
  });
}

/** The JSON Schema (draft-07) of each rule's options object, by rule id; rules without options are absent. */
export async function ruleOptionsJsonSchemas(): Promise<Partial<Record<RuleId, Record<string, unknown>>>> {
  const z = await import("zod/mini");
  return ruleOptionsJsonSchemasWith(z);
}

/** `ruleOptionsJsonSchemas` with zod/mini given (for callers that have it loaded already). */
export function ruleOptionsJsonSchemasWith(z: Z): Partial<Record<RuleId, Record<string, unknown>>> {
  const out: Partial<Record<RuleId, Record<string, unknown>>> = {};
  for (const r of rules as readonly Rule<string, any>[]) {
    if (!r.meta.schema) continue;
    const { $schema: _drop, ...schema } = z.toJSONSchema(schemaOf(r, z), { target: "draft-7" }) as Record<string, unknown>;
    out[r.meta.id as RuleId] = schema;
  }
  return out;
}
