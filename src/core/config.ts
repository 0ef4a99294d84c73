import type { Severity } from "./diagnostic.js";
import { SEVERITIES } from "./diagnostic.js";
import { FtdataUsageError } from "./errors.js";
import type { Rule } from "./rule.js";

/** `"off"`, a severity, or `[severity, options]`. */
export type RuleSetting = "off" | Severity | [Severity | "off", Record<string, unknown>?];
export type RulesConfig = Record<string, RuleSetting>;

export interface ResolvedRule {
  rule: Rule<string, any>;
  severity: Severity;
  options: Record<string, unknown>;
}

/** Applies user settings over rule defaults; unknown ids and bad values are usage errors. */
export function resolveRules(all: readonly Rule<string, any>[], config: RulesConfig | undefined): Map<string, ResolvedRule> {
  const out = new Map<string, ResolvedRule>();
  const byId = new Map(all.map((r) => [r.meta.id, r] as const));
  for (const id of Object.keys(config ?? {})) {
    if (!byId.has(id)) throw new FtdataUsageError(`unknown rule "${id}" in rules settings; run \`ftdata rules\` to list them`);
  }
  for (const rule of all) {
    const setting = config?.[rule.meta.id];
    let severity: Severity | "off" = rule.meta.optIn ? "off" : rule.meta.defaultSeverity;
    let options: Record<string, unknown> = { ...(rule.defaultOptions as Record<string, unknown>) };
    if (setting !== undefined) {
      const [sev, opts] = Array.isArray(setting) ? setting : [setting, undefined];
      if (sev !== "off" && !SEVERITIES.includes(sev)) {
        throw new FtdataUsageError(`rule "${rule.meta.id}": severity must be off, error, warning or info, found ${JSON.stringify(sev)}`);
      }
      severity = sev;
      if (opts) options = { ...options, ...opts };
    }
    if (severity !== "off") out.set(rule.meta.id, { rule, severity, options });
  }
  return out;
}
