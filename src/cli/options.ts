import { loadConfig } from "../config/load.js";
import type { LoadedConfig } from "../config/types.js";
import { FtdataUsageError } from "../core/errors.js";
import type { BooleanOption, StringOption } from "./command.js";

/**
 * Options shared by the commands, each defined once: its spelling, its value check and its help text.
 * A command lists the ones it takes; one name always means one thing.
 */

// ── value checks (a bad value is a one-line usage error, exit 2) ─────────────────────────────────

export function nonNegativeInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new FtdataUsageError(`${flag} must be a non-negative integer, found "${value}"`);
  return Number(value);
}

export function positiveInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new FtdataUsageError(`${flag} must be a positive integer, found "${value}"`);
  return Number(value);
}

const nonNegative = (value: string, flag: string) => nonNegativeInt(flag, value);
const positive = (value: string, flag: string) => positiveInt(flag, value);

/** `--max-line-size <MiB>` as bytes. */
export function maxLineBytes(value: string): number {
  const mib = Number(value);
  if (!(mib > 0)) throw new FtdataUsageError(`--max-line-size must be a positive number of MiB, found "${value}"`);
  return Math.floor(mib * 1024 * 1024);
}

/** One of a fixed list (looked up with Object.hasOwn semantics: "constructor" is not a choice). */
export function oneOf<T extends string>(what: string, choices: readonly T[], renamed: Readonly<Record<string, T>> = {}) {
  return (value: string, flag: string): T => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    if (Object.hasOwn(renamed, value)) return renamed[value]!;
    const list = choices.length === 2 ? `${choices[0]} or ${choices[1]}` : `one of: ${choices.join(", ")}`;
    throw new FtdataUsageError(`unknown ${what} "${value}"${flag === "--reporter" ? "" : ` for ${flag}`}; expected ${list}`);
  };
}

/** A non-negative integer parameter such as a count of items listed. */
export const count = (arg: string, description: string): StringOption<number> => ({ type: "string", arg, description, parse: nonNegative });

/** A positive integer parameter (sizes, steps). */
export const positiveOption = (arg: string, description: string): StringOption<number> => ({ type: "string", arg, description, parse: positive });

// ── the shared options ───────────────────────────────────────────────────────────────────────────

/** `-r, --reporter`: the names a command can print (the first is the default). */
export function reporter<T extends string>(choices: readonly T[], renamed: Readonly<Record<string, T>> = {}): StringOption<T> & { default: string } {
  return {
    type: "string",
    short: "r",
    arg: "<name>",
    default: choices[0]!,
    description: `Output: ${choices.join(", ")} (default: ${choices[0]})`,
    parse: oneOf("reporter", choices, renamed),
  };
}

/**
 * `-o, --output`: the command's main output, everywhere (the report for lint, stats, split, grade and
 * plan; the data for convert and dedupe; the page for report). The older spellings still work for
 * one release.
 */
export function output(description: string, deprecated: readonly string[] = ["output-file"]): StringOption {
  return { type: "string", short: "o", arg: "<file>", description, deprecated };
}

export const format: StringOption = { type: "string", short: "f", arg: "<format>", description: "Dataset format (default: detected from the first records)" };

export const config: StringOption = {
  type: "string",
  short: "c",
  arg: "<file>",
  description: 'Use this config file (default: ftdata.config.json or package.json "ftdata",\nsearched from the working directory up to the repository root)',
};

export const noConfig: BooleanOption = { type: "boolean", description: "Ignore config files" };

export const noProgress: BooleanOption = {
  type: "boolean",
  description: "No progress line (it shows only on a TTY, on stderr, never under CI, PRE_COMMIT or NO_COLOR)",
};

/** `-m, --model`: always an OpenAI model id whose tokenizer, limit and price apply (never an architecture). */
export const model = (description = "Count tokens for this model (OpenAI id; ft:<base>:… ids work)"): StringOption => ({ type: "string", short: "m", arg: "<id>", description });

export const tokenizer: StringOption = {
  type: "string",
  arg: "<path|id>",
  description: "Count tokens with a Hugging Face tokenizer instead: tokenizer.json, model folder or cached model id",
};

/** `--jsonl`: writers keep the input's layout (a .json array stays an array) unless this is given. */
export const jsonl = (description = "Write JSONL even when the input is a JSON array"): BooleanOption => ({ type: "boolean", description });

/** `--limit`: the per-example token limit, in every command that counts tokens. */
export const limit: StringOption<number> = {
  type: "string",
  arg: "<n>",
  description: "Per-example token limit (overrides the model table); a positive integer",
  parse: positive,
};

export const nearDup: BooleanOption = { type: "boolean", description: "Near-duplicate detection at any size (default: up to 10,000 records)" };
export const noNearDup: BooleanOption = { type: "boolean", description: "No near-duplicate detection" };

/** `--near-dup` / `--no-near-dup` as the option the library takes (undefined: its default). */
export function nearDupChoice(values: { "near-dup": boolean; "no-near-dup": boolean }): boolean | undefined {
  if (values["no-near-dup"]) return false;
  if (values["near-dup"]) return true;
  return undefined;
}

export const maxLineSize: StringOption<number> = {
  type: "string",
  arg: "<MiB>",
  description: "Skip and report lines longer than this (default: 64)",
  parse: (value) => maxLineBytes(value),
};

export const quiet: BooleanOption = { type: "boolean", short: "q", description: "Report errors only" };

/** Repeated findings are grouped by default; this lists every occurrence. */
export const allOccurrences: BooleanOption = {
  type: "boolean",
  description: "List every line of a repeated finding (by default an unknown key, a wrong\ntype… on many rows is one finding with its count and first lines)",
};
export const force = (description: string): BooleanOption => ({ type: "boolean", description });

export function workersValue(value: string, flag: string): number | "auto" {
  if (value === "auto") return value;
  if (!/^\d+$/.test(value) || Number(value) > 16) throw new FtdataUsageError(`${flag} must be auto or a number from 0 to 16, found "${value}"`);
  return Number(value);
}

export const workers: StringOption<number | "auto"> = {
  type: "string",
  arg: "<n|auto>",
  description: "Token-counting threads (default: auto = 1 for files of 16 MiB and more; a plain JSONL file of 16 MiB or more counts its tokens in the parallel lint's shards instead)",
  parse: workersValue,
};

/** The config that `--config <file>` names, or the one found from `cwd`; none with `--no-config`. */
export async function configFromFlags(values: { config?: string | undefined; "no-config"?: boolean | undefined }, cwd: string): Promise<LoadedConfig | undefined> {
  if (values["no-config"]) return undefined;
  return loadConfig({ cwd, ...(values.config !== undefined ? { configFile: values.config } : {}) });
}

export const NO_INPUT = "no input files; give paths, quoted globs or - for stdin (see --help)";
export const ONE_INPUT = "give exactly one input file (see --help)";
