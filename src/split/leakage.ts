import type { CanonicalExample } from "../core/canonical.js";
import type { ResolvedRule } from "../core/config.js";
import type { ExternalIssue } from "../core/runner.js";
import { NEAR_DUP_DEFAULT_MAX_RECORDS } from "../dedup/keys.js";
import { HoldoutIndex } from "../dedup/holdout-index.js";

/** The rules that compare the training side against the holdout. */
export const LEAKAGE_RULES = ["holdout-example-duplicate", "holdout-prompt-duplicate", "holdout-prompt-near-duplicate"] as const;
type LeakRule = (typeof LEAKAGE_RULES)[number];

interface Leak {
  /** Input line of the training record. */
  line: number;
  /** Line of the holdout record in the holdout output. */
  holdoutLine: number;
  similarity?: number;
}

/**
 * Leakage between the two sides of a split, found while splitting (no second read of the outputs).
 * Each side's keys are indexed as its records come; a training record is looked up among the
 * holdout records before it, a holdout record among the training records before it, so every
 * pair is seen once, when its later record arrives. Findings are reported on the training
 * record's line with `related` pointing at the holdout output's line, as `lint --holdout` does.
 */
export class Leakage {
  private readonly holdoutIndex: HoldoutIndex;
  private readonly trainIndex: HoldoutIndex;
  private readonly found: Record<LeakRule, Map<number, Leak>> = {
    "holdout-example-duplicate": new Map(),
    "holdout-prompt-duplicate": new Map(),
    "holdout-prompt-near-duplicate": new Map(),
  };
  private trainRecords = 0;
  /** Near-duplicate prompts: on while the training side is within the cap (or always with nearDup). */
  private near: boolean;

  constructor(
    enabled: ReadonlyMap<string, ResolvedRule>,
    private readonly nearDup: boolean | undefined,
    private readonly holdoutFile: string,
  ) {
    this.near = nearDup !== false && enabled.has("holdout-prompt-near-duplicate");
    this.holdoutIndex = new HoldoutIndex(holdoutFile, this.near);
    this.trainIndex = new HoldoutIndex("", this.near);
  }

  private get nearCap(): number {
    return this.nearDup === true ? Number.POSITIVE_INFINITY : NEAR_DUP_DEFAULT_MAX_RECORDS;
  }

  /** A training record at its input line. */
  train(example: CanonicalExample, line: number): void {
    this.trainRecords++;
    if (this.near && this.trainRecords > this.nearCap) this.near = false;
    this.check(example, line, this.holdoutIndex, false);
    this.trainIndex.add(example, line);
  }

  /** A holdout record at its line in the holdout output. */
  holdout(example: CanonicalExample, outputLine: number): void {
    this.check(example, outputLine, this.trainIndex, true);
    this.holdoutIndex.add(example, outputLine);
  }

  /** Finds `example` in the other side's index; `fromHoldout`: the example is the holdout's. */
  private check(example: CanonicalExample, line: number, other: HoldoutIndex, fromHoldout: boolean): void {
    const record = (rule: LeakRule, otherLine: number, similarity?: number) => {
      const trainLine = fromHoldout ? otherLine : line;
      const holdoutLine = fromHoldout ? line : otherLine;
      const map = this.found[rule];
      if (map.has(trainLine)) return; // one finding per training record, as lint reports it
      const leak: Leak = { line: trainLine, holdoutLine };
      if (similarity !== undefined) leak.similarity = similarity;
      map.set(trainLine, leak);
    };
    const same = other.exampleLine(example);
    if (same !== -1) return record("holdout-example-duplicate", same);
    const prompt = other.promptLine(example);
    if (prompt !== -1) return record("holdout-prompt-duplicate", prompt);
    if (!this.near) return;
    const hit = other.nearPrompt(example);
    if (hit) record("holdout-prompt-near-duplicate", hit.line, hit.similarity);
  }

  /** Whether near-duplicate prompts were checked on the whole training side. */
  get nearChecked(): boolean {
    return this.near;
  }

  /** Reports every leak (through the enabled rules' severities), in training-line order. */
  report(issue: (i: ExternalIssue) => void): void {
    for (const rule of LEAKAGE_RULES) {
      if (rule === "holdout-prompt-near-duplicate" && !this.near) continue; // past the cap: not checked (nearPrompts: null)
      const what = rule === "holdout-example-duplicate" ? "same example" : rule === "holdout-prompt-duplicate" ? "same prompt" : "near-duplicate prompt";
      for (const l of [...this.found[rule].values()].sort((a, b) => a.line - b.line)) {
        const data: Record<string, string | number> = { holdoutFile: this.holdoutFile, holdoutLine: l.holdoutLine };
        if (l.similarity !== undefined) data.similarity = l.similarity;
        const i: ExternalIssue = { ruleId: rule, messageId: "leak", line: l.line, data, related: [{ file: this.holdoutFile, line: l.holdoutLine, message: `${what} in the holdout` }] };
        if (rule === "holdout-example-duplicate") i.hint = "remove it from one side";
        issue(i);
      }
    }
  }

  /** Leak counts for the split report (nearPrompts null when that check did not cover the data). */
  counts(): { examples: number; prompts: number; nearPrompts: number | null } {
    return {
      examples: this.found["holdout-example-duplicate"].size,
      prompts: this.found["holdout-prompt-duplicate"].size,
      nearPrompts: this.near ? this.found["holdout-prompt-near-duplicate"].size : null,
    };
  }
}
