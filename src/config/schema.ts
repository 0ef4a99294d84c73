// zod/mini, not classic zod: the classic build adds ~85 ms to the bundled CLI's start (ecosystem.md §3.2),
// and this module is only loaded when a config file exists.
import * as z from "zod/mini";
import { FORMAT_IDS } from "../core/canonical.js";
import { rules } from "../validators/index.js";

export const SEVERITY_VALUES = ["off", "error", "warning", "info"] as const;

const severity = z.enum(SEVERITY_VALUES);

const ruleSetting = z.union([severity, z.tuple([severity, z.optional(z.record(z.string(), z.unknown()))])]);

function ruleSettings() {
  // One property per rule, so editors complete rule ids and show each rule's description.
  const shape: Record<string, z.ZodMiniOptional<typeof ruleSetting>> = {};
  for (const rule of rules) {
    shape[rule.meta.id] = z.optional(ruleSetting.check(z.describe(`${rule.meta.description} Default: ${rule.meta.defaultSeverity}.`)));
  }
  return z.strictObject(shape).check(z.describe('Rule settings: "off", "error", "warning", "info", or [severity, options].'));
}

const globs = z.union([z.string(), z.array(z.string())]);

/** Settings that can differ per file: the top level and each override. */
function fileSettings(ruleSettingsSchema: ReturnType<typeof ruleSettings>) {
  return {
    format: z.optional(z.enum(FORMAT_IDS).check(z.describe("Dataset format of the files (default: detected from the first record)."))),
    target: z.optional(z.string().check(z.describe("Platform profile the data is meant for (see `ftdata lint --help`)."))),
    model: z.optional(z.string().check(z.describe("Model to check token limits and cost against."))),
    rules: z.optional(ruleSettingsSchema),
  };
}

/** The zod schema of `ftdata.config.json` (and of the `"ftdata"` key in package.json). */
export function createConfigSchema() {
  const settings = fileSettings(ruleSettings());
  return z.strictObject({
    $schema: z.optional(z.string().check(z.describe("JSON Schema for editor completion."))),
    ...settings,
    overrides: z.optional(
      z
        .array(
          z.strictObject({
            files: globs.check(z.describe("Globs, relative to the config file; a pattern without / matches the file name at any depth.")),
            ...settings,
          }),
        )
        .check(z.describe("Settings for the files matching `files`; later overrides win.")),
    ),
    ignores: z.optional(globs.check(z.describe("Files never linted: globs relative to the config file."))),
  });
}

export type ConfigSchema = ReturnType<typeof createConfigSchema>;

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; items?: JsonSchema; description?: string };

/**
 * The JSON Schema shipped as `schemas/config.schema.json`. zod inlines the rule setting once per rule
 * and the rules object twice (top level, overrides); they are moved to `definitions` so the file stays small.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(createConfigSchema(), { target: "draft-7" }) as JsonSchema;
  const props = schema.properties!;
  const rulesSchema = props.rules!;
  let ruleSetting: JsonSchema | undefined;
  for (const [id, prop] of Object.entries(rulesSchema.properties ?? {})) {
    const { description, ...setting } = prop;
    ruleSetting ??= setting;
    rulesSchema.properties![id] = { $ref: "#/definitions/ruleSetting", ...(description ? { description } : {}) };
  }
  props.rules = { $ref: "#/definitions/rules" };
  const override = props.overrides?.items;
  if (override?.properties?.rules) override.properties.rules = { $ref: "#/definitions/rules" };
  return { $schema: schema.$schema, title: "ftdata configuration", ...schema, definitions: { ruleSetting, rules: rulesSchema } };
}
