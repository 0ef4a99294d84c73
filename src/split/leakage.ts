import type { ResolvedRule } from "../core/config.js";
import { HoldoutIndex } from "./holdout-index.js";

export { HoldoutIndex };

/** The rules that compare a training file against a holdout index. */
export const LEAKAGE_RULES = ["holdout-example-duplicate", "holdout-prompt-duplicate", "holdout-prompt-near-duplicate"] as const;

/** Hands the holdout index to the leakage rules (they stay inactive without one). */
export function attachHoldout(enabled: Map<string, ResolvedRule>, index: HoldoutIndex): void {
  for (const id of LEAKAGE_RULES) {
    const r = enabled.get(id);
    if (r) r.options = { ...r.options, index };
  }
}

/** The MinHash rules, capped at `maxRecords` by default. */
export const NEAR_DUP_RULES = ["example-near-duplicate", "holdout-prompt-near-duplicate"] as const;

/** `nearDup: true` lifts the record cap of near-duplicate detection, `false` turns it off. */
export function applyDedupOptions(enabled: Map<string, ResolvedRule>, options: { nearDup?: boolean }): void {
  if (options.nearDup === undefined) return;
  for (const id of NEAR_DUP_RULES) {
    if (options.nearDup === false) {
      enabled.delete(id);
      continue;
    }
    const r = enabled.get(id);
    if (r) r.options = { ...r.options, maxRecords: Number.POSITIVE_INFINITY };
  }
}
