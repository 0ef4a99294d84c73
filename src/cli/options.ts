import { loadConfig } from "../config/load.js";
import type { LoadedConfig } from "../config/types.js";
import { FtdataUsageError } from "../core/errors.js";

/** Checks of numeric flag values shared by the commands: a bad value is a one-line usage error. */

export function nonNegativeInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new FtdataUsageError(`${flag} must be a non-negative integer, found "${value}"`);
  return Number(value);
}

export function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new FtdataUsageError(`${flag} must be a positive integer, found "${value}"`);
  return Number(value);
}

/** `--max-line-size <MiB>` as bytes. */
export function maxLineBytes(value: string): number {
  const mib = Number(value);
  if (!(mib > 0)) throw new FtdataUsageError(`--max-line-size must be a positive number of MiB, found "${value}"`);
  return Math.floor(mib * 1024 * 1024);
}

/** The config that `--config <file>` names, or the one found from `cwd`; none with `--no-config`. */
export async function configFromFlags(values: { config?: string | undefined; "no-config"?: boolean | undefined }, cwd: string): Promise<LoadedConfig | undefined> {
  if (values["no-config"]) return undefined;
  return loadConfig({ cwd, ...(values.config !== undefined ? { configFile: values.config } : {}) });
}
