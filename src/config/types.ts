import type { RulesConfig } from "../core/config.js";
import type { FormatId } from "../core/canonical.js";

/** Settings that may differ per file: the top level of the config and each override. */
export interface FileSettingsConfig {
  /** Dataset format of the files; detected from the first record when absent. */
  format?: FormatId;
  /** Platform profile (`--target`); passed to `validate()` as-is. */
  target?: string;
  /** Model for token limits and cost (`--model`); passed to `validate()` as-is. */
  model?: string;
  /** `{ "rule-id": "off" | "error" | "warning" | "info" | [severity, options] }`. */
  rules?: RulesConfig;
}

/** Settings for the files matching `files`; later overrides win over earlier ones and the top level. */
export interface ConfigOverride extends FileSettingsConfig {
  /** Globs relative to the config file; a pattern without `/` matches the file name at any depth. */
  files: string | string[];
}

/** The contents of `ftdata.config.json` or of the `"ftdata"` key in package.json. */
export interface FtdataConfig extends FileSettingsConfig {
  $schema?: string;
  overrides?: ConfigOverride[];
  /** Files never linted: globs relative to the config file. */
  ignores?: string | string[];
}

/** A config file that was found and validated. */
export interface LoadedConfig {
  /** Absolute path of the file the settings came from (`ftdata.config.json` or `package.json`). */
  path: string;
  /** Directory globs are relative to. */
  dir: string;
  config: FtdataConfig;
}

/** The settings that apply to one file, after overrides. */
export interface ResolvedFileSettings {
  format?: FormatId;
  target?: string;
  model?: string;
  rules: RulesConfig;
  /** The file matches `ignores`: it is not linted. */
  ignored: boolean;
}
