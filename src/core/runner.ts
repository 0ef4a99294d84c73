import type { CanonicalExample, FormatId, JsonObject } from "./canonical.js";
import type { FormatModule } from "./format.js";
import type { ResolvedRule } from "./config.js";
import { compareDiagnostics, formatMessage, type Diagnostic, type RelatedLocation } from "./diagnostic.js";
import { toJsonPointer } from "./path.js";
import { plural } from "./wording.js";
import type { KeyedVisitor, RecordLocation, ReportDescriptor, RuleRuntime, RuleVisitor } from "./rule.js";
import type { Cluster } from "./cluster.js";

/**
 * A finding raised outside a rule's visitor (by the reader, the engine, the grader check or split), by
 * rule id. The registry narrows it to its rules and their message ids (`RuleIssue` in src/validators),
 * so an unknown rule or message id does not compile.
 */
export interface ExternalIssue<RuleId extends string = string, MessageId extends string = string> {
  ruleId: RuleId;
  messageId: MessageId;
  line?: number;
  record?: number;
  column?: number;
  path?: string;
  data?: Record<string, string | number | boolean>;
  hint?: string;
  related?: RelatedLocation[];
}

/** The issues of the rules in a map from rule id to message ids (`{ "json-invalid": "invalid" | "tooDeep" }`). */
export type IssueOf<M> = { [R in keyof M & string]: ExternalIssue<R, M[R] & string> }[keyof M & string];

/** Message ids the runner itself reports under a rule's id (see `Diagnostic.messageId`). */
export const RUNNER_MESSAGE_IDS = { omitted: "omitted", internalError: "internalError" } as const;

/**
 * Diagnostics kept per rule per file. Past it they are counted, not kept, so a binary file or a
 * gzip bomb of newlines cannot grow memory without bound; one summary diagnostic says how many.
 */
export const DEFAULT_MAX_DIAGNOSTICS_PER_RULE = 10_000;

/** Lines listed in `related` of a grouped diagnostic (besides its own); the rest are counted. */
export const GROUP_RELATED_LINES = 4;

interface Group {
  diag: Diagnostic;
  occurrences: number;
  /** Distinct lines (occurrences arrive in line order: a finding on two messages of one row is one line). */
  lines: number;
  lastLine: number;
  related: RelatedLocation[];
}

interface Active {
  resolved: ResolvedRule;
  visitor: RuleVisitor;
}

/**
 * What a shard runner (one worker's byte range of a file, see `Runner.shard`) hands the runner of the
 * whole file, in batches as it reads: its findings before limits and grouping, and the keys of the
 * keyed rules, so that the whole file's runner applies them as if it had made them, in file order.
 */
export interface ShardBatch {
  /** Findings in the order they were made. Past a rule's limit only counted (ShardEnd.overflow). */
  events: ShardEvent[];
  /** Keys of the keyed rules: [rule index, line, record, key words…] per key. */
  keys: Uint32Array;
}

/** What a shard hands over once, after its last batch. */
export interface ShardEnd {
  /** Findings of a rule past its limit in this shard (all of them would be past it in the file too). */
  overflow: Array<[ruleId: string, count: number]>;
  /** Repeats of grouped findings after their first in this shard (see Runner.push). */
  repeats: Array<{ key: string; ruleId: string; occurrences: number; lines: number; lastLine: number; firstLines: number[] }>;
  /** Milliseconds per rule, when timing. */
  timings?: Array<[string, number]>;
}

export type ShardEvent =
  | { report: ReportDescriptor<string>; ruleId: string; pointer?: string }
  | { issue: ExternalIssue }
  | { crash: Diagnostic }
  | { cluster: Cluster };

interface ShardGroup {
  ruleId: string;
  occurrences: number;
  lines: number;
  lastLine: number;
  firstLines: number[];
}

/**
 * Key buffers of batches already taken in, for this thread's next batches (see `offerKeyBuffer`).
 * A buffer per batch, left for V8 to free whenever it collects, held tens of MB of dead batches in
 * the workers' malloc arenas (the calling thread adopts them and frees them only at its own GC).
 */
const spareKeys: ArrayBuffer[] = [];
const SPARE_KEYS_MAX = 8;

/** A batch's key buffer, once taken in, for the next batch made on this thread (the parallel lint sends it back). */
export function offerKeyBuffer(buffer: ArrayBuffer): void {
  if (spareKeys.length < SPARE_KEYS_MAX) spareKeys.push(buffer);
}

/** A growable buffer of keys (see ShardBatch.keys). */
class KeyBuffer {
  buf = new Uint32Array(4096);
  length = 0;
  reserve(n: number): number {
    if (this.length + n > this.buf.length) {
      const next = new Uint32Array(Math.max(this.buf.length * 2, this.length + n));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    return this.length;
  }
}

/**
 * Feeds one file's records to every enabled rule and collects their diagnostics. Rules start once
 * the file's format is known (after the first record), so format-specific rules only see their format.
 */
export class Runner<Issue extends ExternalIssue = never> {
  readonly diagnostics: Diagnostic[] = [];
  readonly clusters: Cluster[] = [];
  private active: Active[] = [];
  private rawVisitors: Active[] = [];
  private exampleVisitors: Active[] = [];
  private started = false;
  private format: FormatModule | undefined;
  private readonly kept = new Map<string, number>();
  private readonly omitted = new Map<string, { resolved: ResolvedRule; count: number }>();
  /** Severity counts of the diagnostics past the per-rule limit or folded into a group (not in `diagnostics`). */
  readonly omittedCounts = { errorCount: 0, warningCount: 0, infoCount: 0 };
  /** Errors reported so far, listed or not: raw() compares it before and after a record. */
  private errorsReported = 0;
  /**
   * Whether repeats of rules with `meta.group` become one diagnostic each (the default). Off
   * (`allOccurrences`), every occurrence is its own diagnostic. Counts are the same either way.
   */
  groupRepeated = true;
  /**
   * Positions are rows, not lines (Parquet): messages that name other records say "row 3" ("line 3"
   * in their templates), as the reporters do. Data values are not touched.
   */
  rowsOnly = false;
  private readonly rowTemplates = new Map<string, string>();

  /** A rule's message template, in rows when positions are rows. */
  private template(meta: { messages: Record<string, string> }, messageId: string): string {
    const template = meta.messages[messageId] ?? messageId;
    if (!this.rowsOnly) return template;
    let t = this.rowTemplates.get(template);
    if (t === undefined) this.rowTemplates.set(template, (t = template.replace(/\blines?\b/g, (w) => (w === "line" ? "row" : "rows"))));
    return t;
  }
  private readonly groups = new Map<string, Group>();
  /** Keyed rules started for this file, in registry order (the index in ShardBatch.keys). */
  private keyed: KeyedVisitor[] = [];
  /** Set on a shard runner: findings and keys are kept for the file's runner, not applied. */
  private shardState: { events: ShardEvent[]; keys: KeyBuffer; kept: Map<string, number>; overflow: Map<string, number>; groups: Map<string, ShardGroup> } | undefined;
  /** Merge mode: records are read elsewhere (shards); only keys, replays and `end()` run here. */
  private merging = false;

  /**
   * Makes this the runner of one shard of a file (a worker's byte range): rules' findings are kept
   * as ShardEvents (limits and grouping are the file runner's), keyed rules write keys instead of
   * collecting them. Only per-record rules and keyed rules may be enabled on a shard.
   */
  shard(): void {
    this.shardState = { events: [], keys: new KeyBuffer(), kept: new Map(), overflow: new Map(), groups: new Map() };
  }

  /** Makes this the runner of a file read in shards: records never come here, shards' batches do (`absorb`, `absorbEnd`). */
  merge(): void {
    this.merging = true;
  }

  constructor(
    private readonly file: string,
    private readonly enabled: Map<string, ResolvedRule>,
    /** 0 keeps every diagnostic. */
    private readonly maxPerRule: number = DEFAULT_MAX_DIAGNOSTICS_PER_RULE,
    /** Size of the input in bytes, when known (a plain file). */
    private readonly fileBytes?: number,
    /** Lines listed in each rule's clusters (default: maxPerRule; 0: all). */
    private readonly maxClusterLines: number = maxPerRule,
    /** Lines of the input, counted on demand (a plain file); see RuleContext.lineCount. */
    private readonly countLines?: () => number | undefined,
    /** What the run hands its rules besides their options (holdout index, grader references). */
    private readonly runtime: RuleRuntime = {},
  ) {}

  private lines: number | undefined | null = null;

  private lineCount(): number | undefined {
    if (this.lines === null) this.lines = this.countLines?.();
    return this.lines;
  }

  /** Milliseconds spent in each rule (raw, record and end), when timing was asked for. */
  timings: Map<string, number> | undefined;

  /** Measures the time of every rule call from now on (FTDATA_TIMING): slower, for profiling only. */
  enableTiming(): void {
    this.timings = new Map();
    this.raw = this.rawTimed;
    this.example = this.exampleTimed;
  }

  private time(a: Active, t0: number): void {
    const id = a.resolved.rule.meta.id;
    this.timings!.set(id, (this.timings!.get(id) ?? 0) + performance.now() - t0);
  }

  /** Bytes and records read so far, kept up to date by the reading loop (for estimatedRecords). */
  readonly position = { bytes: 0, records: 0 };

  private estimatedRecords(): number | undefined {
    const { bytes, records } = this.position;
    if (this.fileBytes === undefined || records < 100 || bytes === 0) return undefined;
    return Math.round((this.fileBytes * records) / bytes);
  }

  /** Starts the rules for the file's format (undefined: only format-independent rules). */
  start(format: FormatModule | undefined): void {
    if (this.started) return;
    this.started = true;
    this.format = format;
    for (const resolved of this.enabled.values()) {
      const { meta } = resolved.rule;
      if (meta.reader || !resolved.rule.create) continue;
      if (meta.formats !== "*" && (!format || !meta.formats.includes(format.id))) continue;
      if (meta.kinds && format && !meta.kinds.includes(format.kind)) continue;
      const visitor = resolved.rule.create({
        file: this.file,
        format: format?.id as FormatId | undefined,
        options: resolved.options,
        report: (d) => this.push(resolved, d),
        cluster: (c) => {
          if (this.shardState) this.shardState.events.push({ cluster: { ruleId: meta.id, ...c } });
          else this.clusters.push({ ruleId: meta.id, ...c });
        },
        estimatedRecords: () => this.estimatedRecords(),
        lineCount: () => this.lineCount(),
        maxListed: this.maxClusterLines,
        bytesRead: () => this.position.bytes,
        runtime: this.runtime,
      });
      const a = { resolved, visitor };
      this.active.push(a);
      if (visitor.keyed) this.addKeyed(a, visitor.keyed, format);
      if (this.merging) continue;
      if (visitor.raw) this.rawVisitors.push(a);
      if (visitor.record && format) this.exampleVisitors.push(a);
    }
  }

  /**
   * A keyed rule: on one thread its key is collected at once; on a shard it is written for the file's
   * runner (rule index, line, record, key); in merge mode keys come from `absorb`.
   */
  private addKeyed(a: Active, k: KeyedVisitor, format: FormatModule | undefined): void {
    const index = this.keyed.length;
    this.keyed.push(k);
    if (this.merging || (k.of === "example" && !format)) return;
    const shard = this.shardState;
    const scratch = new Uint32Array(Math.max(1, k.words));
    const feed = shard
      ? (input: never, at: RecordLocation) => {
          const out = shard.keys;
          const o = out.reserve(3 + k.words);
          if (!k.key(input, at, out.buf, o + 3)) return;
          out.buf[o] = index;
          out.buf[o + 1] = at.line;
          out.buf[o + 2] = at.record;
          out.length = o + 3 + k.words;
        }
      : (input: never, at: RecordLocation) => {
          if (k.key(input, at, scratch, 0)) k.collect(scratch, 0, at);
        };
    const visitor: RuleVisitor = k.of === "raw" ? { raw: feed } : { record: feed };
    const fed = { resolved: a.resolved, visitor };
    if (k.of === "raw") this.rawVisitors.push(fed);
    else this.exampleVisitors.push(fed);
  }

  /** The rules of this file whose visitors need the whole file in one thread (see RuleMeta.sequential). */
  get sequentialRules(): string[] {
    return this.active.filter(({ resolved, visitor }) => !visitor.keyed && (resolved.rule.meta.sequential || (visitor.end && (visitor.raw || visitor.record)))).map((a) => a.resolved.rule.meta.id);
  }

  /** Rules started for this file whose visitors look at single records only (a shard runs them). */
  get perRecordRules(): string[] {
    return this.active.filter(({ resolved, visitor }) => !visitor.keyed && !resolved.rule.meta.sequential && !visitor.end && (visitor.raw || visitor.record)).map((a) => a.resolved.rule.meta.id);
  }

  /** Keyed rules started for this file. */
  get keyedRules(): string[] {
    return this.active.filter(({ visitor }) => visitor.keyed).map((a) => a.resolved.rule.meta.id);
  }

  /** Whether a started rule looks at canonical examples (without one, records need not be mapped). */
  get wantsExamples(): boolean {
    return this.exampleVisitors.length > 0;
  }

  /** Returns false when the diagnostic was only counted (its rule is past the limit, or it joined a group). */
  /** The key under which repeats of a grouped rule's finding become one diagnostic (undefined: not grouped). */
  private groupKey(resolved: ResolvedRule, d: ReportDescriptor<string>, pointer: string | undefined): string | undefined {
    const { meta } = resolved.rule;
    if (!meta.group || !this.groupRepeated || !d.at) return undefined;
    const template = this.template(meta, d.messageId);
    const where = pointer ?? (d.path && d.path.length > 0 ? toJsonPointer(d.path) : "");
    // Array indices aside: the key "loss" on messages[1] and on messages[3] is one finding.
    return `${meta.id}\0${formatMessage(template, d.data)}\0${where.replace(/\/\d+(?=\/|$)/g, "/*")}\0${d.hint ?? ""}`;
  }

  /**
   * On a shard: keeps a finding for the file's runner unless it repeats a grouped finding of this
   * shard (then only counted, with its first lines) or its rule is past the limit (only counted).
   */
  private keep(event: ShardEvent, resolved: ResolvedRule, groupKey: string | undefined, line: number | undefined): void {
    const shard = this.shardState!;
    const id = resolved.rule.meta.id;
    if (groupKey !== undefined) {
      const g = shard.groups.get(groupKey);
      if (g) {
        g.occurrences++;
        if (line !== g.lastLine) {
          g.lines++;
          g.lastLine = line!;
          if (g.firstLines.length < GROUP_RELATED_LINES) g.firstLines.push(line!);
        }
        return;
      }
      shard.groups.set(groupKey, { ruleId: id, occurrences: 0, lines: 0, lastLine: line!, firstLines: [] });
    }
    const n = (shard.kept.get(id) ?? 0) + 1;
    if (this.maxPerRule > 0 && n > this.maxPerRule) {
      shard.overflow.set(id, (shard.overflow.get(id) ?? 0) + 1);
      return;
    }
    shard.kept.set(id, n);
    shard.events.push(event);
  }

  /** About how many 32-bit words of findings and keys a shard holds (it hands them over in `batch`es). */
  get pendingWords(): number {
    const shard = this.shardState!;
    return shard.keys.length + shard.events.length * 16;
  }

  /** A shard's findings and keys so far, for the file's runner (`absorb`); the shard starts a new batch. */
  batch(): ShardBatch {
    const shard = this.shardState!;
    const n = shard.keys.length;
    const spare = spareKeys.pop();
    const keys = spare !== undefined && spare.byteLength >= 4 * n ? new Uint32Array(spare, 0, n) : new Uint32Array(n);
    keys.set(shard.keys.buf.subarray(0, n));
    const out: ShardBatch = { events: shard.events, keys };
    shard.events = [];
    shard.keys.length = 0;
    return out;
  }

  /** What a shard hands over after its last batch (`absorbEnd`). */
  shardEnd(): ShardEnd {
    const shard = this.shardState!;
    const out: ShardEnd = {
      overflow: [...shard.overflow],
      repeats: [...shard.groups].filter(([, g]) => g.occurrences > 0).map(([key, g]) => ({ key, ...g })),
    };
    if (this.timings) out.timings = [...this.timings];
    // The thread's next shard starts from nothing, with the same rule visitors (per-record rules keep
    // no state; new visitors would have to be optimised by V8 all over again).
    shard.kept.clear();
    shard.overflow.clear();
    shard.groups.clear();
    this.timings?.clear();
    return out;
  }

  /**
   * Applies one batch of a shard as if its records had been read here, shards in file order: findings
   * through the same limits and groups, keys to the keyed rules. `recordBase`: records of the shards
   * before it.
   */
  absorb(out: ShardBatch, recordBase: number): void {
    // A shard numbers its records from 0: shift them by the records of the shards before it.
    for (const e of out.events) {
      if ("report" in e) {
        const resolved = this.enabled.get(e.ruleId);
        if (e.report.at && e.report.at.record >= 0) e.report.at.record += recordBase;
        if (resolved) this.push(resolved, e.report, e.pointer);
      } else if ("issue" in e) {
        if (e.issue.record !== undefined) e.issue.record += recordBase;
        this.issue(e.issue as Issue);
      } else if ("crash" in e) {
        if (e.crash.record !== undefined) e.crash.record += recordBase;
        this.diagnostics.push(e.crash);
      } else this.clusters.push(e.cluster);
    }
    const keys = out.keys;
    for (let p = 0; p < keys.length; ) {
      const k = this.keyed[keys[p]!]!;
      k.collect(keys, p + 3, { line: keys[p + 1]!, record: keys[p + 2]! + recordBase });
      p += 3 + k.words;
    }
  }

  /** Applies what a shard hands over after its last batch (its counts past limits, its grouped repeats). */
  absorbEnd(out: ShardEnd): void {
    for (const [ruleId, count] of out.overflow) this.countOmitted(this.enabled.get(ruleId)!, count);
    for (const r of out.repeats) {
      const resolved = this.enabled.get(r.ruleId)!;
      const g = this.groups.get(r.key);
      if (!g) {
        this.countOmitted(resolved, r.occurrences); // its first was past the limit: so is every repeat
        continue;
      }
      g.occurrences += r.occurrences;
      g.lines += r.lines;
      if (r.lines > 0) g.lastLine = r.lastLine;
      for (const line of r.firstLines) if (g.related.length < GROUP_RELATED_LINES) g.related.push({ file: this.file, line });
      this.countSeverity(resolved, r.occurrences);
    }
    if (out.timings) {
      this.timings ??= new Map();
      for (const [id, ms] of out.timings) this.timings.set(id, (this.timings.get(id) ?? 0) + ms);
    }
  }

  private countSeverity(resolved: ResolvedRule, n: number): void {
    this.omittedCounts[resolved.severity === "error" ? "errorCount" : resolved.severity === "warning" ? "warningCount" : "infoCount"] += n;
  }

  /** Findings of a rule past its limit: counted, not kept. */
  private countOmitted(resolved: ResolvedRule, n: number): void {
    const o = this.omitted.get(resolved.rule.meta.id) ?? { resolved, count: 0 };
    o.count += n;
    this.omitted.set(resolved.rule.meta.id, o);
    this.countSeverity(resolved, n);
  }

  private push(resolved: ResolvedRule, d: ReportDescriptor<string>, pointer?: string): boolean {
    const { meta } = resolved.rule;
    if (resolved.severity === "error") this.errorsReported++;
    const groupKey = this.groupKey(resolved, d, pointer);
    if (this.shardState) {
      // Its own copy of `at`: rules hand one object to several reports, and the file's runner shifts each record number once.
      const report = d.at ? { ...d, at: { ...d.at } } : d;
      this.keep({ report, ruleId: meta.id, ...(pointer !== undefined ? { pointer } : {}) }, resolved, groupKey, d.at?.line);
      return false;
    }
    if (groupKey !== undefined) {
      const g = this.groups.get(groupKey);
      if (g) {
        g.occurrences++;
        if (d.at!.line !== g.lastLine) {
          g.lines++;
          g.lastLine = d.at!.line;
          if (g.related.length < GROUP_RELATED_LINES) g.related.push({ file: this.file, line: d.at!.line });
        }
        this.countSeverity(resolved, 1);
        return false;
      }
    }
    const n = (this.kept.get(meta.id) ?? 0) + 1;
    if (this.maxPerRule > 0 && n > this.maxPerRule) {
      this.countOmitted(resolved, 1);
      return false;
    }
    this.kept.set(meta.id, n);
    const template = this.template(meta, d.messageId);
    const diag: Diagnostic = {
      ruleId: meta.id,
      messageId: d.messageId,
      severity: resolved.severity,
      message: formatMessage(template, d.data),
      file: this.file,
      data: d.data ?? {},
    };
    if (d.at) {
      diag.line = d.at.line;
      if (d.column !== undefined) diag.column = d.column;
      if (d.at.record >= 0) diag.record = d.at.record; // dataset rules reporting at end() may not know it
    }
    if (d.path && d.path.length > 0) diag.path = toJsonPointer(d.path);
    if (d.related) diag.related = d.related;
    if (d.hint) diag.hint = d.hint;
    this.diagnostics.push(diag);
    if (groupKey !== undefined) this.groups.set(groupKey, { diag, occurrences: 1, lines: 1, lastLine: d.at!.line, related: [] });
    return true;
  }

  /** Writes each group's count and first lines into its diagnostic (once, at the end of the file). */
  private finishGroups(): void {
    for (const { diag, occurrences, lines, related } of this.groups.values()) {
      if (occurrences < 2) continue;
      diag.data = { ...diag.data, occurrences };
      if (related.length > 0) diag.related = [...(diag.related ?? []), ...related];
      const listed = [diag.line!, ...related.map((r) => r.line!)].map(String).join(", ");
      const more = lines - 1 - related.length;
      const unit = this.rowsOnly ? "row" : "line";
      const where = lines === 1 ? `${unit} ${diag.line}` : `${plural(lines, unit)}: ${listed}${more > 0 ? ` and ${more} more` : ""}`;
      diag.message += occurrences === lines ? ` (on ${where})` : ` (${occurrences} times on ${where})`;
    }
    this.groups.clear();
  }

  /** Reports a finding made outside the rule's visitor under its (configurable) rule id. */
  issue(typed: Issue): void {
    const issue: ExternalIssue = typed;
    const resolved = this.enabled.get(issue.ruleId);
    if (!resolved) return; // turned off
    if (this.shardState) {
      if (resolved.severity === "error") this.errorsReported++;
      const at = issue.line !== undefined ? { at: { line: issue.line, record: issue.record ?? -1 } } : {};
      const key = this.groupKey(resolved, { messageId: issue.messageId, ...at, ...(issue.data ? { data: issue.data } : {}), ...(issue.hint ? { hint: issue.hint } : {}) }, issue.path);
      this.keep({ issue }, resolved, key, issue.line);
      return;
    }
    const d: ReportDescriptor<string> = { messageId: issue.messageId };
    if (issue.line !== undefined) d.at = { line: issue.line, record: issue.record ?? -1 };
    if (issue.column !== undefined) d.column = issue.column;
    if (issue.data) d.data = issue.data;
    if (issue.hint) d.hint = issue.hint;
    if (!this.push(resolved, d, issue.path)) return;
    const diag = this.diagnostics[this.diagnostics.length - 1]!;
    if (issue.record === undefined) delete diag.record;
    if (issue.path) diag.path = issue.path;
    if (issue.related) diag.related = issue.related;
  }

  // The per-record loops call visitors directly (no closure per call): this is the hot path.
  /** Runs the schema (raw) rules on a record; true when one of them reported an error on it. */
  raw(record: JsonObject, at: RecordLocation): boolean {
    const before = this.errorsReported;
    for (const a of this.rawVisitors) {
      try {
        a.visitor.raw!(record, at);
      } catch (err) {
        this.crashed(a, at, err);
      }
    }
    return this.errorsReported !== before;
  }

  private rawTimed(record: JsonObject, at: RecordLocation): boolean {
    const before = this.errorsReported;
    for (const a of this.rawVisitors) {
      const t0 = performance.now();
      try {
        a.visitor.raw!(record, at);
      } catch (err) {
        this.crashed(a, at, err);
      }
      this.time(a, t0);
    }
    return this.errorsReported !== before;
  }

  private exampleTimed(example: CanonicalExample, at: RecordLocation): void {
    for (const a of this.exampleVisitors) {
      const kinds = a.resolved.rule.meta.kinds;
      if (kinds && !kinds.includes(example.kind)) continue;
      const t0 = performance.now();
      try {
        a.visitor.record!(example, at);
      } catch (err) {
        this.crashed(a, at, err);
      }
      this.time(a, t0);
    }
  }

  example(example: CanonicalExample, at: RecordLocation): void {
    for (const a of this.exampleVisitors) {
      const kinds = a.resolved.rule.meta.kinds;
      if (kinds && !kinds.includes(example.kind)) continue;
      try {
        a.visitor.record!(example, at);
      } catch (err) {
        this.crashed(a, at, err);
      }
    }
  }

  /** Ends every rule and returns the file's diagnostics, in line order. */
  end(): Diagnostic[] {
    this.start(this.format);
    for (const a of this.active) {
      if (!a.visitor.end) continue;
      // performance.now() only when timing: the global's first use loads perf_hooks (~1 ms of start-up).
      const t0 = this.timings ? performance.now() : 0;
      try {
        a.visitor.end();
      } catch (err) {
        this.crashed(a, undefined, err);
      }
      if (this.timings) this.time(a, t0);
    }
    this.finishGroups();
    for (const [ruleId, { resolved, count }] of this.omitted) {
      this.diagnostics.push({
        ruleId,
        messageId: RUNNER_MESSAGE_IDS.omitted,
        severity: resolved.severity,
        message: `${plural(count, `more ${ruleId} problem`)} in this file ${count === 1 ? "was" : "were"} counted but not listed (limit: ${this.maxPerRule} per rule)`,
        file: this.file,
        data: { omitted: count, limit: this.maxPerRule },
      });
      // The summary stands for one of the omitted diagnostics, which are counted already.
      this.omittedCounts[resolved.severity === "error" ? "errorCount" : resolved.severity === "warning" ? "warningCount" : "infoCount"]--;
    }
    return this.diagnostics.sort(compareDiagnostics);
  }

  /** A rule that throws is a bug in ftdata, not in the data: say so on that line and go on. */
  private crashed(a: Active, at: RecordLocation | undefined, err: unknown): void {
    {
      const problem = err instanceof Error ? err.message : String(err);
      const diag: Diagnostic = {
        ruleId: a.resolved.rule.meta.id,
        messageId: RUNNER_MESSAGE_IDS.internalError,
        severity: "error",
        message: `Internal error in rule ${a.resolved.rule.meta.id}: ${problem} (please report this)`,
        file: this.file,
        data: { problem },
      };
      if (at) {
        diag.line = at.line;
        diag.record = at.record;
      }
      if (this.shardState) this.shardState.events.push({ crash: diag });
      else this.diagnostics.push(diag);
    }
  }
}
