import { describe, expect, it } from "vitest";
import { validate, type ValidateOptions } from "../../src/engine/validate.js";
import { rules, type MessageIdOf, type RuleId } from "../../src/validators/index.js";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import type { Report } from "../../src/core/report.js";

/**
 * The one rule tester (ESLint's RuleTester shape). Each rule runs on its own (reader rules stay on: they
 * are how bad lines surface); a valid case reports nothing, an invalid case reports exactly its `errors`,
 * in order, each checked for messageId, line and path (and data, message, severity when given).
 *
 *   ruleTester("assistant-content-empty", {
 *     valid: [{ records: [chat()] }],
 *     invalid: [{ records: [chat("q", "")], errors: [{ messageId: "empty", line: 1, path: "/messages/1/content" }] }],
 *   });
 *
 * test/rules-registry.test.ts reads these calls to check that every rule has a valid and an invalid case
 * and that every message id is asserted somewhere: keep the call's first argument a string literal.
 */

/** Settings that enable only the rule under test (reader rules stay on: they are how bad lines surface). */
export function only(ruleId: string): Record<string, "off"> {
  const out: Record<string, "off"> = {};
  for (const r of rules) if (r.meta.id !== ruleId && !r.meta.reader) out[r.meta.id] = "off";
  return out;
}

/** Records as JSONL lines: objects are stringified, strings are taken as the raw line. */
type Line = string | object;

interface CaseBase {
  /** The file's records, one per line (line n = position n). */
  records: Line[];
  /** Dataset format (default: detected). */
  format?: string;
  /** Options of the rule under test (its severity stays the default). */
  options?: Record<string, unknown>;
  /** Other validate() options (a target profile, near-dup…). */
  validate?: Omit<Parameters<typeof validate>[1] & object, "rules" | "format">;
  /** Shown in the test name. */
  name?: string;
}

export type ValidCase = CaseBase;

export interface ExpectedError<R extends RuleId> {
  messageId: MessageIdOf<R>;
  /** The 1-based line; undefined for file-level findings. */
  line: number | undefined;
  /** JSON Pointer inside the record; undefined when the finding is about the whole record or file. */
  path: string | undefined;
  /** Compared with toMatchObject: the keys given must match. */
  data?: Record<string, unknown>;
  message?: string | RegExp;
  severity?: Diagnostic["severity"];
}

export interface InvalidCase<R extends RuleId> extends CaseBase {
  errors: ExpectedError<R>[];
}

function toLines(lines: Line[]): string[] {
  return lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l)));
}

/** Lints records with only `ruleId` enabled (at its default severity, or error when it is off by default) and returns its diagnostics. */
export async function lintWith(ruleId: RuleId, c: CaseBase): Promise<Diagnostic[]> {
  const settings: Record<string, unknown> = only(ruleId);
  const rule = rules.find((r) => r.meta.id === ruleId)!;
  // Rules off by default run as errors; opt-in rules at their declared severity.
  const severity = rule.meta.defaultSeverity === "off" ? "error" : rule.meta.defaultSeverity;
  settings[ruleId] = c.options ? [severity, c.options] : severity;
  const lines = toLines(c.records);
  const report = await validate((function* () { yield* lines; })(), { ...c.validate, rules: settings as never, ...(c.format ? { format: c.format } : {}) });
  return report.files[0]!.diagnostics.filter((d) => d.ruleId === ruleId);
}

export function ruleTester<R extends RuleId>(ruleId: R, cases: { format?: string; valid: ValidCase[]; invalid: InvalidCase<R>[] }): void {
  // A format given for the whole set applies to every case that names none.
  const withFormat = <C extends CaseBase>(c: C): C => (cases.format && !c.format ? { ...c, format: cases.format } : c);
  describe(ruleId, () => {
    cases.valid.map(withFormat).forEach((c, i) => {
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ""}`, async () => {
        expect((await lintWith(ruleId, c)).map((d) => `${d.line}: ${d.messageId}: ${d.message}`)).toEqual([]);
      });
    });
    cases.invalid.map(withFormat).forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ""}`, async () => {
        const got = await lintWith(ruleId, c);
        expect(got.map((d) => ({ messageId: d.messageId, line: d.line, path: d.path })), got.map((d) => d.message).join("\n")).toEqual(
          c.errors.map((e) => ({ messageId: e.messageId, line: e.line, path: e.path })),
        );
        c.errors.forEach((e, j) => {
          const d = got[j]!;
          if (e.data) expect(d.data).toMatchObject(e.data);
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

/** Rules settings with every rule off except `only` (reader rules too), for report-level assertions. */
export function onlyRules(...only: string[]): NonNullable<ValidateOptions["rules"]> {
  const out: NonNullable<ValidateOptions["rules"]> = {};
  for (const r of rules) if (!only.includes(r.meta.id)) out[r.meta.id] = "off";
  return out;
}

/**
 * The whole report for records linted with only the named rules on: for what a case cannot say
 * (related lines, the message text of one finding, several files). Findings themselves go in ruleTester cases.
 */
export async function lintRecords(records: readonly unknown[], only: string | string[], options: Omit<ValidateOptions, "rules"> = {}): Promise<Report> {
  const lines = records.map((r) => (typeof r === "string" ? r : JSON.stringify(r)));
  // A generator, not an array: validate() reads an array of strings as file paths.
  const iterable = (function* () {
    yield* lines;
  })();
  return validate(iterable, { ...options, rules: onlyRules(...(Array.isArray(only) ? only : [only])) });
}

/**
 * One rule's findings as {line, path} for property tests over many generated records, where a
 * ruleTester case per record would not fit; single cases belong in ruleTester.
 */
export async function findings(ruleId: string, records: readonly unknown[], options: Omit<ValidateOptions, "rules"> = {}): Promise<Array<{ line?: number; path?: string }>> {
  const report = await lintRecords(records, ruleId, options);
  return report.files[0]!.diagnostics
    .filter((d) => d.ruleId === ruleId)
    .map((d) => ({ ...(d.line !== undefined ? { line: d.line } : {}), ...(d.path !== undefined ? { path: d.path } : {}) }));
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
