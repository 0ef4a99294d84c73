import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { FtdataUsageError } from "../core/errors.js";
import { quickConfig } from "./quick-check.js";
import type { FtdataConfig, LoadedConfig } from "./types.js";

export const CONFIG_FILE_NAME = "ftdata.config.json";

export interface LoadConfigOptions {
  /** Where the search starts (default: the working directory). */
  cwd?: string;
  /** Use this file instead of searching (`--config`). A package.json is read for its `"ftdata"` key. */
  configFile?: string;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function display(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

function readJson(file: string, cwd: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new FtdataUsageError(`cannot read config ${display(file, cwd)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, "FTDATA_CONFIG_INVALID");
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new FtdataUsageError(`${display(file, cwd)} is not valid JSON: ${(err as Error).message}`, "FTDATA_CONFIG_INVALID");
  }
}

/**
 * Finds the config: in each directory from `cwd` upward, `ftdata.config.json`, then a package.json with
 * an `"ftdata"` key. The search stops at the repository root (a directory holding `.git`).
 */
export function findConfigFile(cwd: string): { file: string; fromPackageJson: boolean } | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) return { file: candidate, fromPackageJson: false };
    const pkg = path.join(dir, "package.json");
    if (isFile(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, "utf8")) as unknown;
        if (typeof json === "object" && json !== null && Object.prototype.hasOwnProperty.call(json, "ftdata")) {
          return { file: pkg, fromPackageJson: true };
        }
      } catch {
        // A broken package.json is not ours to report; keep searching.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir || existsSync(path.join(dir, ".git"))) return undefined;
    dir = parent;
  }
}

/**
 * Finds, reads and validates the ftdata config. Returns undefined when there is none.
 *
 * @example
 * const loaded = await loadConfig({ cwd: process.cwd() });
 * if (loaded) console.log(loaded.path, loaded.config.rules);
 * @throws FtdataUsageError (code `FTDATA_CONFIG_INVALID`) for unreadable JSON or invalid settings; the
 *   message names the setting and lists the allowed values.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig | undefined> {
  const cwd = options.cwd ?? process.cwd();
  let found: { file: string; fromPackageJson: boolean } | undefined;
  if (options.configFile !== undefined) {
    const file = path.resolve(cwd, options.configFile);
    if (!isFile(file)) throw new FtdataUsageError(`cannot read config ${options.configFile}: no such file`, "FTDATA_CONFIG_INVALID");
    found = { file, fromPackageJson: path.basename(file) === "package.json" };
  } else {
    found = findConfigFile(cwd);
  }
  if (!found) return undefined;
  let raw = readJson(found.file, cwd);
  const label = found.fromPackageJson ? `${display(found.file, cwd)} "ftdata"` : display(found.file, cwd);
  if (found.fromPackageJson) {
    raw = (raw as Record<string, unknown> | null)?.ftdata;
    if (raw === undefined) throw new FtdataUsageError(`${label}: the key is missing`, "FTDATA_CONFIG_INVALID");
  }
  // zod (validate-config.ts) only for a config with a mistake or rule options: see quick-check.ts.
  const config = quickConfig(raw) ?? (await import("./validate-config.js")).parseConfig(raw, label);
  return { path: found.file, dir: path.dirname(found.file), config };
}

export type { FtdataConfig };
