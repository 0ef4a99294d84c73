import path from "node:path";
import type { RulesConfig, RuleSetting } from "../core/config.js";
import type { FileSettingsConfig, LoadedConfig, ResolvedFileSettings } from "./types.js";

type Matcher = (relPosix: string) => boolean;

async function compile(globs: string | string[] | undefined): Promise<Matcher> {
  const list = globs === undefined ? [] : Array.isArray(globs) ? globs : [globs];
  if (list.length === 0) return () => false;
  // Loaded only when the config has globs: the hook path stays fast without them.
  const { default: picomatch } = await import("picomatch");
  // As in .gitignore: a pattern without "/" matches the name at any depth; a leading "/" anchors it.
  // (picomatch's own `basename` option also applies to patterns with slashes, so it is not used.)
  const anchored = list.filter((g) => g.includes("/")).map((g) => g.replace(/^\//, ""));
  const names = list.filter((g) => !g.includes("/"));
  const full = anchored.length > 0 ? picomatch(anchored, { dot: true }) : () => false;
  const base = names.length > 0 ? picomatch(names, { dot: true }) : () => false;
  return (rel) => full(rel) || base(rel.slice(rel.lastIndexOf("/") + 1));
}

/**
 * A severity alone keeps the options set earlier (`["error", { min: 50 }]` then `"warning"` keeps
 * `min: 50`), as in ESLint.
 */
function mergeRules(into: RulesConfig, from: RulesConfig | undefined): void {
  if (!from) return;
  for (const [id, setting] of Object.entries(from)) {
    const before = into[id];
    if (!Array.isArray(setting) && Array.isArray(before) && before[1] !== undefined) {
      into[id] = [setting, before[1]] as RuleSetting;
    } else {
      into[id] = setting;
    }
  }
}

function apply(out: ResolvedFileSettings, s: FileSettingsConfig): void {
  if (s.format !== undefined) out.format = s.format;
  if (s.target !== undefined) out.target = s.target;
  if (s.model !== undefined) out.model = s.model;
  mergeRules(out.rules, s.rules);
}

/** A file as a POSIX path relative to the config's directory, or undefined when it lies outside. */
function relativeToConfig(file: string, cwd: string, dir: string): string | undefined {
  if (file === "-") return undefined;
  const rel = path.relative(dir, path.resolve(cwd, file));
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join("/");
}

/**
 * Builds the function that gives each file its settings: the top level, then every matching override
 * in order (the last wins). Globs are relative to the config file's directory.
 *
 * @example
 * const settingsFor = await createSettingsResolver(loaded, process.cwd());
 * settingsFor("data/legacy/old.jsonl"); // { format, target, model, rules, ignored }
 */
export async function createSettingsResolver(loaded: LoadedConfig | undefined, cwd: string): Promise<(file: string) => ResolvedFileSettings> {
  const config = loaded?.config ?? {};
  const ignores = await compile(config.ignores);
  const overrides = await Promise.all((config.overrides ?? []).map(async (o) => ({ match: await compile(o.files), settings: o })));
  return (file) => {
    const out: ResolvedFileSettings = { rules: {}, ignored: false };
    apply(out, config);
    const rel = loaded ? relativeToConfig(file, cwd, loaded.dir) : undefined;
    if (rel !== undefined) {
      out.ignored = ignores(rel);
      for (const o of overrides) if (o.match(rel)) apply(out, o.settings);
    }
    return out;
  };
}
