import { describe, expect, it } from "vitest";
import * as fc from "fast-check";
import { quickConfig } from "../src/config/quick-check.js";
import { createConfigSchema } from "../src/config/schema.js";
import { parseConfig } from "../src/config/validate-config.js";

// quickConfig (the zod-free path of loadConfig) must give what the zod schema gives, or pass.
const schema = createConfigSchema();
const zodOf = (raw: unknown) => schema.safeParse(raw);

const plainlyValid: unknown[] = [
  {},
  { rules: { "examples-recommended-count": "off" } },
  { rules: { "examples-recommended-count": "off", "example-duplicate": ["warning"], "json-invalid": "error" } },
  { $schema: "./node_modules/ftdata/schemas/config.schema.json", format: "openai-chat", target: "openai", model: "gpt-4o-mini" },
  { overrides: [{ files: ["legacy/**"], rules: { "example-duplicate": "off" } }], rules: { "examples-recommended-count": "info" } },
  { overrides: [{ files: "*.jsonl", format: "sharegpt", target: "together" }], ignores: ["tmp/**", "*.bak.jsonl"] },
  { ignores: "scratch/**", overrides: [] },
];

const notQuick: unknown[] = [
  null,
  [],
  "rules",
  { rulez: {} },
  { rules: { "no-such-rule": "off" } },
  { rules: { "examples-recommended-count": "of" } },
  { rules: { "examples-recommended-count": ["warning", { min: 10 }] } }, // options: zod checks them
  { rules: { "examples-recommended-count": [] } },
  { rules: [] },
  { format: "openai" },
  { target: "nowhere" },
  { model: 4 },
  { $schema: 1 },
  { overrides: {} },
  { overrides: [{ rules: {} }] },
  { overrides: [{ files: ["a"], ignores: [] }] },
  { overrides: [{ files: [1] }] },
  { ignores: [1] },
  JSON.parse('{"__proto__": {}}'),
  JSON.parse('{"rules": {"__proto__": "off"}}'),
];

describe("quickConfig (config without zod)", () => {
  it.each(plainlyValid.map((c) => [JSON.stringify(c), c]))("accepts %s as zod does, with the same result", (_, raw) => {
    const quick = quickConfig(raw);
    const z = zodOf(raw);
    expect(z.success).toBe(true);
    expect(quick).toBeDefined();
    // Same keys in the same order (print-config shows them), same values.
    expect(JSON.stringify(quick)).toBe(JSON.stringify(z.data));
    expect(quick).toEqual(parseConfig(raw, "ftdata.config.json"));
  });

  it.each(notQuick.map((c) => [JSON.stringify(c), c]))("leaves %s to the zod path", (_, raw) => {
    expect(quickConfig(raw)).toBeUndefined();
  });

  it("never accepts what zod rejects, and answers as zod on random configs", () => {
    const severity = fc.constantFrom("off", "error", "warning", "info", "warn", "");
    const setting = fc.oneof(severity, fc.tuple(severity), fc.constant(["error", { min: 2 }]), fc.integer());
    const ruleId = fc.constantFrom("examples-recommended-count", "example-duplicate", "json-invalid", "line-blank", "unknown-rule");
    const rulesObj = fc.dictionary(ruleId, setting, { maxKeys: 4 });
    const globs = fc.oneof(fc.constant("**/*.jsonl"), fc.array(fc.constantFrom("a/**", "b.jsonl"), { maxLength: 2 }), fc.integer());
    const settings = {
      format: fc.constantFrom("openai-chat", "sharegpt", "alpaca", "nope"),
      target: fc.constantFrom("openai", "together", "azure", "mars"),
      model: fc.oneof(fc.constant("gpt-4o"), fc.integer()),
      rules: rulesObj,
    };
    const override = fc.record({ files: globs, ...settings, extra: fc.constant(1) }, { requiredKeys: [] });
    const config = fc.record({ $schema: fc.constant("x.json"), ...settings, overrides: fc.array(override, { maxLength: 2 }), ignores: globs, bogus: fc.constant(true) }, { requiredKeys: [] });
    fc.assert(
      fc.property(config, (raw) => {
        const quick = quickConfig(raw);
        const z = zodOf(raw);
        if (quick !== undefined) {
          expect(z.success).toBe(true);
          expect(JSON.stringify(quick)).toBe(JSON.stringify(z.data));
        } else if (z.success) {
          // Only rule options send a valid config to zod.
          expect(JSON.stringify(raw)).toContain('{"min":2}');
        }
      }),
      { numRuns: 500 },
    );
  });
});
