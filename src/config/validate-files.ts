import type { RulesConfig } from "../core/config.js";
import { makeReport, type FileReport, type Report } from "../core/report.js";
import { validate, type ValidateOptions } from "../engine/validate.js";
import { createSettingsResolver } from "./resolve.js";
import type { LoadedConfig } from "./types.js";

/**
 * `target` and `model` come from the config (and from `--target`/`--model` where those flags exist);
 * they reach `validate()` as plain options, which it reads once profiles and models are supported.
 */
export type ConfiguredOptions = ValidateOptions & { target?: string; model?: string };

export interface ConfiguredRun {
  report: Report;
  /** Inputs skipped because they match the config's `ignores`, as given. */
  ignored: string[];
}

/** The line the CLI prints on stderr for inputs the config's `ignores` skipped. */
export function ignoredNotice(ignored: readonly string[]): string {
  return `ftdata: skipped ${ignored.length} file(s) matching "ignores" in the config: ${ignored.join(", ")}\n`;
}

/**
 * Validates files with the settings the config gives each of them. Options given directly (CLI flags)
 * win over the config; rule settings are merged, direct ones last. Files with the same settings are
 * validated together; the report keeps the input order.
 */
export async function validateWithConfig(files: readonly string[], base: ConfiguredOptions, loaded: LoadedConfig | undefined, cwd: string): Promise<ConfiguredRun> {
  if (!loaded) return { report: await validate(files, base), ignored: [] };
  const settingsFor = await createSettingsResolver(loaded, cwd);
  const groups = new Map<string, { options: ConfiguredOptions; indices: number[]; files: string[] }>();
  const ignored: string[] = [];
  files.forEach((file, index) => {
    const s = settingsFor(file);
    if (s.ignored) {
      ignored.push(file);
      return;
    }
    const options: ConfiguredOptions = { ...base };
    if (base.format === undefined && s.format !== undefined) options.format = s.format;
    if (base.target === undefined && s.target !== undefined) options.target = s.target;
    if (base.model === undefined && s.model !== undefined) options.model = s.model;
    const rules: RulesConfig = { ...s.rules, ...base.rules };
    if (Object.keys(rules).length > 0) options.rules = rules;
    const key = JSON.stringify([options.format, options.target, options.model, options.rules]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { options, indices: [], files: [] }));
    group.indices.push(index);
    group.files.push(file);
  });
  const results: (FileReport | undefined)[] = new Array(files.length);
  for (const group of groups.values()) {
    const options = { ...group.options };
    const onProgress = base.onProgress;
    if (onProgress) options.onProgress = (p) => onProgress({ ...p, fileIndex: group.indices[p.fileIndex] ?? p.fileIndex });
    const report = await validate(group.files, options);
    report.files.forEach((f, i) => (results[group.indices[i]!] = f));
  }
  return { report: makeReport(results.filter((f): f is FileReport => f !== undefined)), ignored };
}
