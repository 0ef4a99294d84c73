import type { PathSegment } from "./path.js";
import type { RelatedLocation, Severity } from "./diagnostic.js";
import type { RecordPath } from "./path.js";
import { VERSION } from "./report.js";
import type { CanonicalExample, ExampleKind, FormatId, JsonObject } from "./canonical.js";
import type { Cluster } from "./cluster.js";
// Type-only: a rule's options schema is a function of zod/mini, so zod is loaded only when options are checked.
import type * as ZodMini from "zod/mini";

/**
 * Where the rule pages live: `docs/rules/<id>.md` (generated from the rule meta by `npm run rules-doc`)
 * in the repository, at the tag of this version, so a report keeps pointing at the text of the rule
 * that made it. The same base as the report schema's `$id`.
 */
export const RULE_DOCS_BASE_URL = `https://github.com/ftdata/ftdata/blob/v${VERSION}/docs/rules/`;

/** The documentation page of a rule. */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}

/**
 * Declares a rule's options: called with zod/mini (loaded on demand, never on a plain lint's start-up path)
 * and returns the schema of the options object. Unknown keys are errors, so use `z.strictObject`.
 */
export type RuleOptionsSchema = (z: typeof ZodMini) => ZodMini.ZodMiniType;

/** Where a record sits in its file. */
export interface RecordLocation {
  /** 1-based physical line. */
  line: number;
  /** 0-based index among the file's records. */
  record: number;
}

export interface RuleMeta<MessageIds extends string = string, Id extends string = string> {
  /** Kebab-case, noun first: `assistant-content-empty`. Equals the file name. */
  id: Id;
  description: string;
  /** Formats the rule applies to, or "*" for all. */
  formats: readonly FormatId[] | "*";
  /** For rules on canonical examples: the example kinds it applies to (all when absent). */
  kinds?: readonly ExampleKind[];
  /** "off": the rule runs only when a setting or a `--target` profile turns it on. */
  defaultSeverity: Severity | "off";
  /** Off unless turned on in the rules settings (then at the severity given there); for checks such as personal data. */
  optIn?: boolean;
  /** Message templates with `{{placeholders}}`, keyed by message id. */
  messages: Record<MessageIds, string>;
  /**
   * Repeats are grouped: diagnostics of this rule with the same message at the same place (array
   * indices aside) become one diagnostic on the first line, with `data.occurrences` and the next few
   * lines in `related` (all of them listed with `allOccurrences`). For shape rules, whose repeats
   * have one cause (an exporter that adds a key to every row): one finding, not one per row.
   */
  group?: boolean;
  /**
   * Reader rules are reported by the JSONL reader itself (bad UTF-8, invalid JSON…); they are in the
   * registry so their severity can be configured like any other.
   */
  reader?: boolean;
  /**
   * Who reports a rule whose check cannot run on records (it has no `create`): the JSONL reader, the
   * engine (format detection), the grader check (against the --grader file) or split (about the split
   * it made). They report through `Runner.issue`, typed by the registry's `RuleIssue`.
   */
  reportedBy?: "reader" | "engine" | "grader" | "split";
  /** Documentation of the rule; `defineRule` fills in the generated page when absent. */
  docs?: { url: string };
  /** Schema of the options (`[severity, options]` in the rules settings); rules without options omit it. */
  schema?: RuleOptionsSchema;
  /**
   * The rule keeps state across records in a way that only one thread reading the whole file in
   * order can (a record-level visitor with memory, and no `keyed` split): a file it runs on is linted
   * on one thread. Rules with cross-record state declare either this or a `keyed` visitor; a test
   * checks it.
   */
  sequential?: boolean;
}

export interface ReportDescriptor<MessageIds extends string> {
  messageId: MessageIds;
  data?: Record<string, string | number | boolean>;
  /** Record the finding is about; omitted for file-level findings. */
  at?: RecordLocation;
  column?: number;
  path?: RecordPath;
  related?: RelatedLocation[];
  hint?: string;
}

export interface RuleContext<MessageIds extends string, Options> {
  /** The file as shown in diagnostics. */
  readonly file: string;
  /** The file's dataset format; undefined when it could not be told. */
  readonly format: FormatId | undefined;
  readonly options: Options;
  report(descriptor: ReportDescriptor<MessageIds>): void;
  /** Records a group of related lines (duplicates, conflicts) in the file's report. */
  cluster?(cluster: Omit<Cluster, "ruleId">): void;
  /**
   * How many records the whole file will hold, extrapolated from the bytes read so far; undefined
   * when the size is unknown (stdin, iterables) or too little has been read to tell.
   */
  estimatedRecords?(): number | undefined;
  /**
   * Lines in the whole input (newlines, plus an unterminated last line), counted by a second fast
   * read of the file on the first call; undefined for stdin, streams, iterables and gzipped files.
   * An upper bound on the records: blank and unreadable lines are not records.
   */
  lineCount?(): number | undefined;
  /**
   * Lines a rule may list in its clusters (and related lists) in this file: by default the
   * diagnostics limit, 0 for all. Millions of duplicates then do not keep millions of line numbers.
   */
  readonly maxListed?: number;
  /** Bytes of the input read so far (decompressed); at `end()`, the whole input. */
  bytesRead?(): number;
  /** Objects of this run that are not settings (a holdout index, grader references): see RuleRuntime. */
  readonly runtime: RuleRuntime;
}

/** Looks examples up in a holdout file (built by the engine from `validate({ holdout })` or `split`). */
export interface HoldoutLookup {
  /** The holdout as shown in diagnostics. */
  readonly file: string;
  /** Line of the same example in the holdout, or -1. */
  exampleLine(example: CanonicalExample): number;
  /** Line of the same prompt in the holdout, or -1. */
  promptLine(example: CanonicalExample): number;
  /** A near-duplicate prompt in the holdout, if any. */
  nearPrompt(example: CanonicalExample): { line: number; similarity: number } | undefined;
}

/** A field of the data rows that an RFT grader reads (`{{item.answer}}`). */
export interface GraderItemReference {
  /** Keys and indexes inside the row. */
  path: PathSegment[];
  /** `item.a.b`, as people read it. */
  text: string;
  /** Where in the grader file it is used. */
  graderPath: PathSegment[];
  /** Whether the value is pasted into text (objects and arrays are not usable there). */
  inText: boolean;
}

/**
 * What a run hands its rules besides their options: built by the engine for each run, never by
 * mutating rule options or module globals.
 */
export interface RuleRuntime {
  /** The holdout to check for leakage (the holdout-* rules are inactive without one). */
  readonly holdout?: HoldoutLookup;
  /** Fields the RFT grader reads from every row (`grader-item-field-missing`). */
  readonly graderReferences?: readonly GraderItemReference[];
  /** Near-duplicate detection: true at any size, false never, undefined up to the rule's record cap. */
  readonly nearDup?: boolean;
}

/**
 * What a rule does with the data. Schema rules implement `raw` (the record as parsed), quality rules
 * implement `record` (the canonical example), dataset rules keep bounded state and report in `end`.
 */
export interface RuleVisitor {
  raw?(record: JsonObject, at: RecordLocation): void;
  record?(example: CanonicalExample, at: RecordLocation): void;
  end?(): void;
  /** A cross-record rule's per-record work, split so that it can run on worker threads: see KeyedVisitor. */
  keyed?: KeyedVisitor;
}

/**
 * A cross-record rule (duplicates, conflicts, counts) split in two, so the parallel lint can run its
 * per-record half on the worker threads that read the file: `key` looks at one record only and writes
 * a compact key; `collect` keeps the state and takes the keys in file order, on the thread that calls
 * `end()`. On one thread the runner calls one after the other, so both paths run the same code.
 */
export type KeyedVisitor = KeyedOf<"raw", JsonObject> | KeyedOf<"example", CanonicalExample>;

interface KeyedOf<Of extends "raw" | "example", Input> {
  /** What a key is made of: the record as parsed (every record of the file's format) or its canonical example. */
  readonly of: Of;
  /** Length of a key in 32-bit words (0: the rule only counts records). */
  readonly words: number;
  /**
   * Writes the record's key at `out[o…o + words)`; false when the record gives no key (nothing is
   * collected). State it keeps must not change which records need a key (see example-near-duplicate).
   */
  key(input: Input, at: RecordLocation, out: Uint32Array, o: number): boolean;
  /** Takes one record's key (`key[o…o + words)`), in file order. */
  collect(key: Uint32Array, o: number, at: RecordLocation): void;
}

export interface Rule<MessageIds extends string = string, Options = unknown, Id extends string = string> {
  meta: RuleMeta<MessageIds, Id>;
  defaultOptions: Options;
  /** Absent only for rules reported outside the runner's visitors (see `meta.reportedBy`). */
  create?(context: RuleContext<MessageIds, Options>): RuleVisitor;
}

/** A rule as registered: its docs page is always known. */
export type DefinedRule<MessageIds extends string = string, Options = unknown, Id extends string = string> = Rule<MessageIds, Options, Id> & {
  meta: RuleMeta<MessageIds, Id> & { docs: { url: string } };
};

/**
 * Infers message ids and options, so `report()` is checked, and fills `meta.docs.url` with the rule's
 * generated page when the rule does not name one.
 */
export function defineRule<MessageIds extends string, Options = Record<string, never>, Id extends string = string>(
  rule: Rule<MessageIds, Options, Id>,
): DefinedRule<MessageIds, Options, Id> {
  if (!rule.meta.docs) rule.meta.docs = { url: ruleDocsUrl(rule.meta.id) };
  // `reader` is the older name for "reported outside the runner's visitors"; code that asks it keeps working.
  if (rule.meta.reportedBy) rule.meta.reader = true;
  return rule as DefinedRule<MessageIds, Options, Id>;
}
