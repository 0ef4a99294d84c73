import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validate, type ValidateOptions } from "../../src/engine/validate.js";
import { split, type SplitOptions } from "../../src/split/split.js";
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
 * Every rule is driven the way it runs: records through validate(); rules the reader, the engine, the
 * grader check or split() report through the same call, with a case's `text` (raw bytes), `files` (a
 * folder, for dataset_info.json), `holdout`, `grader` or `split` (a dry-run split of the records).
 *
 * test/rules-registry.test.ts reads these calls to check that every rule has a valid and an invalid case
 * and that every message id is asserted somewhere: keep the call's first argument a string literal, and
 * write `valid: [`, `errors: [{` and `messageId: "…"` literally (a spread of generated cases is fine
 * beside at least one literal case).
 */

/** Settings that enable only the rule under test (reader rules stay on: they are how bad lines surface). */
export function only(ruleId: string): Record<string, "off"> {
  const out: Record<string, "off"> = {};
  for (const r of rules) if (r.meta.id !== ruleId && !r.meta.reader) out[r.meta.id] = "off";
  return out;
}

/** Records as JSONL lines: objects are stringified, strings are taken as the raw line. */
type Line = string | object;

/**
 * What a case lints. One of `records` (the usual: one JSONL line per item), `text` (the raw bytes of
 * the file: a BOM, invalid UTF-8, pretty-printed JSON) or `files` (a folder written to a temp dir, with
 * `input` the path to lint in it: dataset_info.json and the files it lists). `holdout` and `grader`
 * add the inputs the leakage and grader rules read; the rule's findings are collected from every file
 * of the report (the grader, a dataset_info.json, the data), in the report's order.
 */
interface CaseBase {
  /** The file's records, one per line (line n = position n). */
  records?: Line[];
  /** The whole file as it is on disk (a string is encoded as UTF-8), read as byte chunks. */
  text?: string | Uint8Array;
  /** Files written to a fresh temp dir (relative path → content; objects are pretty-printed JSON); `input` is linted from there. */
  files?: Record<string, string | Uint8Array | object>;
  /** With `files`: the path to lint, relative to the temp dir. */
  input?: string;
  /** A holdout file to check the input against (validate's `holdout`), one record per line. */
  holdout?: Line[];
  /**
   * An OpenAI grader or job body (validate's `grader`), written to `grader.json` (objects pretty-printed
   * with two-space indent, so findings have lines; a string as it is, for JSON errors).
   */
  grader?: string | object;
  /**
   * Split the input instead of linting it (the split rules, which `split()` reports about the split it
   * made): these split() options, as a dry run; `records` are written to data.jsonl in a temp dir.
   */
  split?: Omit<SplitOptions, "rules" | "format" | "cwd" | "dryRun" | "outDir" | "train" | "holdoutOut">;
  /** Dataset format (default: detected). */
  format?: string;
  /** Options of the rule under test (its severity stays the default). */
  options?: Record<string, unknown>;
  /** Other validate() options (a target profile, near-dup, maxLineBytes, a model for tokens…). */
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
  /** The file the finding is in, as the report shows it (checked when given: the grader, a holdout, a dataset_info.json). */
  file?: string;
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

/** A generator, not an array: validate() reads an array of strings as file paths. */
function lineSource(lines: Line[]) {
  const text = toLines(lines);
  return (function* () {
    yield* text;
  })();
}

/** Writes a case's files (and grader) to a fresh temp dir; returns it. */
function writeCaseFiles(c: CaseBase): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ftdata-ruletester-"));
  const files: Record<string, string | Uint8Array | object> = { ...c.files };
  if (c.grader !== undefined) files["grader.json"] = c.grader;
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === "string" || content instanceof Uint8Array ? content : JSON.stringify(content, null, 2) + "\n");
  }
  return dir;
}

/** Lints a case with only `ruleId` enabled (at its default severity, or error when it is off by default) and returns its diagnostics from every file of the report. */
export async function lintWith(ruleId: RuleId, c: CaseBase): Promise<Diagnostic[]> {
  const settings: Record<string, unknown> = only(ruleId);
  const rule = rules.find((r) => r.meta.id === ruleId)!;
  // Rules off by default run as errors; opt-in rules at their declared severity.
  const severity = rule.meta.defaultSeverity === "off" ? "error" : rule.meta.defaultSeverity;
  settings[ruleId] = c.options ? [severity, c.options] : severity;
  const given = [c.records, c.text, c.files].filter((x) => x !== undefined).length;
  if (given !== 1) throw new Error("a case gives exactly one of records, text and files");
  const dir = c.files !== undefined || c.grader !== undefined || c.split !== undefined ? writeCaseFiles(c) : undefined;
  try {
    const options: ValidateOptions = {
      ...c.validate,
      rules: settings as never,
      ...(c.format ? { format: c.format } : {}),
      ...(dir !== undefined ? { cwd: dir } : {}),
      ...(c.grader !== undefined ? { grader: "grader.json" } : {}),
      ...(c.holdout !== undefined ? { holdout: lineSource(c.holdout), holdoutName: "holdout.jsonl" } : {}),
    };
    if (c.split !== undefined) {
      const file = c.input ?? "data.jsonl";
      if (c.records !== undefined) writeFileSync(path.join(dir!, file), toLines(c.records).join("\n") + "\n");
      else if (c.text !== undefined) writeFileSync(path.join(dir!, file), c.text);
      const report = await split(file, { ...c.split, rules: settings as never, ...(c.format ? { format: c.format } : {}), cwd: dir!, outDir: "out", dryRun: true });
      return report.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === ruleId));
    }
    let input: Parameters<typeof validate>[0];
    if (c.files !== undefined) {
      if (c.input === undefined) throw new Error("a case with files names the one to lint in `input`");
      input = c.input;
    } else if (c.text !== undefined) {
      const bytes = typeof c.text === "string" ? new TextEncoder().encode(c.text) : c.text;
      input = (async function* () {
        yield bytes;
      })();
    } else input = lineSource(c.records!);
    const report = await validate(input, options);
    return report.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === ruleId));
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
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
        // The file is compared only where a case names it (the i-th finding against the i-th expected error).
        const withFile = (i: number) => c.errors[i]?.file !== undefined;
        expect(
          got.map((d, i) => ({ messageId: d.messageId, line: d.line, path: d.path, ...(withFile(i) ? { file: d.file } : {}) })),
          got.map((d) => `${d.line}: ${d.message}`).join("\n"),
        ).toEqual(c.errors.map((e) => ({ messageId: e.messageId, line: e.line, path: e.path, ...(e.file !== undefined ? { file: e.file } : {}) })));
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
