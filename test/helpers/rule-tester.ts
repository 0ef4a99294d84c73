import { expect } from "vitest";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import type { JsonObject } from "../../src/formats/canonical.js";
import { validate } from "../../src/validate.js";
import { rules } from "../../src/validators/index.js";

/** Runs one rule (every other rule off) over records given as objects; each record's line is its position. */
export async function runRule(ruleId: string, records: JsonObject[], opts: { format?: string; options?: Record<string, unknown>; severity?: "error" | "warning" } = {}): Promise<Diagnostic[]> {
  const config: Record<string, any> = {};
  for (const r of rules) config[r.meta.id] = "off";
  config[ruleId] = opts.options ? [opts.severity ?? "error", opts.options] : (opts.severity ?? "error");
  const report = await validate((function* () { yield* records; })(), { rules: config, ...(opts.format ? { format: opts.format } : {}) });
  return report.files[0]!.diagnostics;
}

export interface InvalidCase {
  record: JsonObject;
  /** Expected diagnostics of the rule: JSON Pointer path (or undefined) and a message fragment. */
  errors: { path?: string | undefined; message?: string | RegExp }[];
}

/** ESLint-style tester: every valid record yields nothing; every invalid one yields exactly the expected findings on its line. */
export async function ruleTester(ruleId: string, format: string | undefined, cases: { valid: JsonObject[]; invalid: InvalidCase[] }): Promise<void> {
  const valid = await runRule(ruleId, cases.valid, format ? { format } : {});
  expect(valid.filter((d) => d.ruleId === ruleId)).toEqual([]);
  for (const c of cases.invalid) {
    const got = (await runRule(ruleId, [c.record], format ? { format } : {})).filter((d) => d.ruleId === ruleId);
    expect(got.map((d) => d.path), JSON.stringify(c.record)).toEqual(c.errors.map((e) => e.path));
    got.forEach((d, i) => {
      expect(d.line).toBe(1);
      const m = c.errors[i]!.message;
      if (m !== undefined) expect(d.message).toMatch(m);
    });
  }
}
