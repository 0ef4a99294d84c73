export { loadConfig, findConfigFile, CONFIG_FILE_NAME, type LoadConfigOptions } from "./load.js";
export { createSettingsResolver } from "./resolve.js";
export { validateWithConfig, type ConfiguredOptions, type ConfiguredRun } from "./validate-files.js";
export { resolvedConfigFor } from "./print.js";
export type { FtdataConfig, ConfigOverride, FileSettingsConfig, LoadedConfig, ResolvedFileSettings } from "./types.js";

/**
 * The JSON Schema of `ftdata.config.json` (the one shipped as `schemas/config.schema.json`), generated
 * from the zod schema the loader validates with. Loaded on demand: zod stays off the import path.
 */
export async function configJsonSchema(): Promise<Record<string, unknown>> {
  return (await import("./schema.js")).configJsonSchema();
}

/** Identity helper that types a config object (for scripts that build one). */
export function defineConfig<T extends import("./types.js").FtdataConfig>(config: T): T {
  return config;
}
