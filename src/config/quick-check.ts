import { FORMAT_IDS } from "../core/canonical.js";
import type { RuleSetting, RulesConfig } from "../core/config.js";
import { rules } from "../validators/index.js";
import { TARGET_ALIASES, targets } from "../targets/index.js";
import type { ConfigOverride, FileSettingsConfig, FtdataConfig } from "./types.js";

/*
 * The common config, checked without zod: zod/mini and the schema built from it are most of what a
 * lint with a config file loaded at start-up (~700 KB of code for a dozen keys). quickConfig()
 * accepts only what the zod schema (schema.ts) accepts, returns what it would (the same keys, in the
 * schema's order), and answers undefined for anything else: a mistake, to be described by
 * validate-config.ts, or rule options, which are checked against each rule's own zod schema there.
 * test/config-quick.test.ts holds the two to the same answers.
 */

const SEVERITIES = new Set(["off", "error", "warning", "info"]);
const FILE_KEYS = ["format", "target", "model", "rules"] as const;
const TOP_KEYS = new Set(["$schema", ...FILE_KEYS, "overrides", "ignores"]);
const OVERRIDE_KEYS = new Set(["files", ...FILE_KEYS]);

let ruleIds: Set<string> | undefined;
let targetIds: Set<string> | undefined;
const formatIds = new Set<string>(FORMAT_IDS);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isGlobs = (v: unknown): v is string | string[] => typeof v === "string" || (Array.isArray(v) && v.every((g) => typeof g === "string"));

/** A severity, or `[severity]` (a tuple with options goes to zod). */
function quickSetting(v: unknown): RuleSetting | undefined {
  if (typeof v === "string") return SEVERITIES.has(v) ? (v as RuleSetting) : undefined;
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === "string" && SEVERITIES.has(v[0])) return [v[0]] as unknown as RuleSetting;
  return undefined;
}

function quickRules(v: unknown): RulesConfig | undefined {
  if (!isPlainObject(v)) return undefined;
  ruleIds ??= new Set(rules.map((r) => r.meta.id));
  for (const id of Object.keys(v)) if (!ruleIds.has(id)) return undefined;
  const out: RulesConfig = {};
  // In registry order, as the zod schema (one property per rule) returns them.
  for (const rule of rules) {
    const id = rule.meta.id;
    if (!Object.hasOwn(v, id)) continue;
    const s = quickSetting(v[id]);
    if (s === undefined) return undefined;
    out[id] = s;
  }
  return out;
}

/** The settings of the top level or of an override, in the schema's key order; undefined if not plainly valid. */
function quickSettings(v: Record<string, unknown>, out: FileSettingsConfig): boolean {
  if (v.format !== undefined) {
    if (typeof v.format !== "string" || !formatIds.has(v.format)) return false;
    out.format = v.format as NonNullable<FileSettingsConfig["format"]>;
  }
  if (v.target !== undefined) {
    targetIds ??= new Set([...targets.map((t) => t.id), ...Object.keys(TARGET_ALIASES)]);
    if (typeof v.target !== "string" || !targetIds.has(v.target)) return false;
    out.target = v.target;
  }
  if (v.model !== undefined) {
    if (typeof v.model !== "string") return false;
    out.model = v.model;
  }
  if (v.rules !== undefined) {
    const r = quickRules(v.rules);
    if (!r) return false;
    out.rules = r;
  }
  return true;
}

/** The config as the zod schema would return it, when it is plainly valid; otherwise undefined. */
export function quickConfig(raw: unknown): FtdataConfig | undefined {
  if (!isPlainObject(raw)) return undefined;
  for (const k of Object.keys(raw)) if (!TOP_KEYS.has(k)) return undefined;
  const out: FtdataConfig = {};
  if (raw.$schema !== undefined) {
    if (typeof raw.$schema !== "string") return undefined;
    out.$schema = raw.$schema;
  }
  if (!quickSettings(raw, out)) return undefined;
  if (raw.overrides !== undefined) {
    if (!Array.isArray(raw.overrides)) return undefined;
    const overrides: ConfigOverride[] = [];
    for (const o of raw.overrides as unknown[]) {
      if (!isPlainObject(o) || !isGlobs(o.files)) return undefined;
      for (const k of Object.keys(o)) if (!OVERRIDE_KEYS.has(k)) return undefined;
      const item = { files: Array.isArray(o.files) ? [...o.files] : o.files } as ConfigOverride;
      if (!quickSettings(o, item)) return undefined;
      overrides.push(item);
    }
    out.overrides = overrides;
  }
  if (raw.ignores !== undefined) {
    if (!isGlobs(raw.ignores)) return undefined;
    out.ignores = Array.isArray(raw.ignores) ? [...raw.ignores] : raw.ignores;
  }
  return out;
}
