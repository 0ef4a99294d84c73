import path from "node:path";
import { resolveRules } from "../core/config.js";
import { rules } from "../validators/index.js";
import { createSettingsResolver } from "./resolve.js";
import type { LoadedConfig } from "./types.js";
import type { ConfiguredOptions } from "./validate-files.js";

/**
 * The settings `ftdata lint` would use for one file (`--print-config <file>`): where they came from,
 * whether the file is ignored, format/target/model, and every rule with its effective severity and options.
 */
export async function resolvedConfigFor(file: string, loaded: LoadedConfig | undefined, cwd: string, base: ConfiguredOptions = {}): Promise<Record<string, unknown>> {
  const s = (await createSettingsResolver(loaded, cwd))(file);
  const effective = resolveRules(rules, { ...s.rules, ...base.rules });
  const ruleTable: Record<string, [string, Record<string, unknown>] | "off"> = {};
  for (const rule of rules) {
    const r = effective.get(rule.meta.id);
    ruleTable[rule.meta.id] = r ? [r.severity, r.options] : "off";
  }
  const configFile = loaded ? path.relative(cwd, loaded.path).split(path.sep).join("/") || loaded.path : null;
  return {
    file,
    configFile,
    ignored: s.ignored,
    format: base.format ?? s.format ?? "detect",
    target: base.target ?? s.target ?? null,
    model: base.model ?? s.model ?? null,
    rules: ruleTable,
  };
}
