import { describe, expect, it } from "vitest";
import { validate } from "../../src/engine/validate.js";
import { rules } from "../../src/validators/index.js";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import type { JsonObject } from "../../src/core/canonical.js";

/** Settings that enable only the rule under test (reader rules stay on: they are how bad lines surface). */
export function only(ruleId: string): Record<string, "off"> {
  const out: Record<string, "off"> = {};
  for (const r of rules) if (r.meta.id !== ruleId && !r.meta.reader) out[r.meta.id] = "off";
  return out;
}

export interface InvalidCase {
  /** JSONL lines; a case is usually one line. Objects are stringified. */
  lines: Array<string | object>;
  /** Expected diagnostics of the rule under test, in order. */
  errors: Array<{ line?: number; path?: string; message?: RegExp | string; severity?: Diagnostic["severity"] }>;
  format?: string;
  options?: Record<string, unknown>;
}

export interface ValidCase {
  lines: Array<string | object>;
  format?: string;
  options?: Record<string, unknown>;
}

function toLines(lines: Array<string | object>): string[] {
  return lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l)));
}

/** Lints lines with only `ruleId` enabled and returns that rule's diagnostics. */
export async function lintWith(ruleId: string, lines: Array<string | object>, extra: { format?: string; options?: Record<string, unknown> } = {}): Promise<Diagnostic[]> {
  const settings: Record<string, unknown> = only(ruleId);
  if (extra.options) settings[ruleId] = [(rules.find((r) => r.meta.id === ruleId)!.meta.defaultSeverity), extra.options];
  const report = await validate((function* () { yield* toLines(lines); })(), { rules: settings as never, ...(extra.format ? { format: extra.format } : {}) });
  return report.files[0]!.diagnostics.filter((d) => d.ruleId === ruleId);
}

/** ESLint-style rule tester: valid cases report nothing, invalid ones report exactly the listed diagnostics. */
export function testRule(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    cases.valid.forEach((c, i) => {
      it(`valid #${i + 1}`, async () => {
        expect(await lintWith(ruleId, c.lines, c)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}`, async () => {
        const got = await lintWith(ruleId, c.lines, c);
        expect(got.map((d) => ({ line: d.line, path: d.path }))).toEqual(c.errors.map((e) => ({ line: e.line, path: e.path })));
        c.errors.forEach((e, j) => {
          const d = got[j]!;
          if (e.message instanceof RegExp) expect(d.message).toMatch(e.message);
          else if (typeof e.message === "string") expect(d.message).toBe(e.message);
          if (e.severity) expect(d.severity).toBe(e.severity);
        });
      });
    });
  });
}

/** A short valid chat example, for padding and as a base for invalid variants. */
export function chat(user = "What is 2+2?", assistant = "4"): { messages: Array<Record<string, unknown>> } {
  return { messages: [{ role: "user", content: user }, { role: "assistant", content: assistant }] };
}

/** Runs one rule (every other rule off) over records given as objects; each record's line is its position. */
export async function runRule(ruleId: string, records: JsonObject[], opts: { format?: string; options?: Record<string, unknown>; severity?: "error" | "warning" } = {}): Promise<Diagnostic[]> {
  const config: Record<string, any> = {};
  for (const r of rules) config[r.meta.id] = "off";
  config[ruleId] = opts.options ? [opts.severity ?? "error", opts.options] : (opts.severity ?? "error");
  const report = await validate((function* () { yield* records; })(), { rules: config, ...(opts.format ? { format: opts.format } : {}) });
  return report.files[0]!.diagnostics;
}

export interface RecordInvalidCase {
  record: JsonObject;
  /** Expected diagnostics of the rule: JSON Pointer path (or undefined) and a message fragment. */
  errors: { path?: string | undefined; message?: string | RegExp }[];
}

/** ESLint-style tester: every valid record yields nothing; every invalid one yields exactly the expected findings on its line. */
export async function ruleTester(ruleId: string, format: string | undefined, cases: { valid: JsonObject[]; invalid: RecordInvalidCase[] }): Promise<void> {
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
