import { validate, type ValidateOptions } from "../../src/engine/validate.js";
import { rules } from "../../src/validators/index.js";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import type { Report } from "../../src/core/report.js";

/** Rules settings with every rule off except `only` (Spectral style: test a rule on its own). */
export function onlyRules(...only: string[]): NonNullable<ValidateOptions["rules"]> {
  const out: NonNullable<ValidateOptions["rules"]> = {};
  for (const r of rules) if (!only.includes(r.meta.id)) out[r.meta.id] = "off";
  return out;
}

/** Lints records given as objects (one per line, line = position) with only the named rules on. */
export async function lintRecords(records: readonly unknown[], only: string | string[], options: Omit<ValidateOptions, "rules"> = {}): Promise<Report> {
  const lines = records.map((r) => (typeof r === "string" ? r : JSON.stringify(r)));
  // A generator, not an array: validate() reads an array of strings as file paths.
  const iterable = (function* () {
    yield* lines;
  })();
  return validate(iterable, { ...options, rules: onlyRules(...(Array.isArray(only) ? only : [only])) });
}

/** The findings of one rule as {line, path} (path as JSON Pointer), for compact assertions. */
export async function findings(ruleId: string, records: readonly unknown[], options: Omit<ValidateOptions, "rules"> = {}): Promise<Array<{ line?: number; path?: string }>> {
  const report = await lintRecords(records, ruleId, options);
  return report.files[0]!.diagnostics.filter((d) => d.ruleId === ruleId).map(pick);
}

export function pick(d: Diagnostic): { line?: number; path?: string } {
  const out: { line?: number; path?: string } = {};
  if (d.line !== undefined) out.line = d.line;
  if (d.path !== undefined) out.path = d.path;
  return out;
}

const u = (content: string) => ({ role: "user", content });
const a = (content: string) => ({ role: "assistant", content });
export const msg = { u, a };

/** An OpenAI preference row. */
export function dpo(prompt: string, preferred: string, nonPreferred: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { input: { messages: [u(prompt)] }, preferred_output: [a(preferred)], non_preferred_output: [a(nonPreferred)], ...extra };
}

/** An OpenAI RFT item. */
export function rft(question: string, fields: Record<string, unknown> = { reference_answer: "42" }): Record<string, unknown> {
  return { messages: [u(question)], ...fields };
}
