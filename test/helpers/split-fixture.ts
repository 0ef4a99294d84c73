import type { SplitReport } from "../../src/core/split-report.js";

/** A complete split report for reporter tests; strata as [value, train, holdout]. */
export function splitFixture(train: number, holdout: number, strata: Array<[string, number, number]> = [], salt = "ftdata-v1"): SplitReport {
  const total = train + holdout;
  const split: SplitReport = {
    method: "hash-threshold",
    salt,
    groupBy: "first-user",
    fraction: 0.1,
    realizedFraction: holdout / total,
    records: { total, train, holdout },
    groups: { total, train, holdout, largest: null },
    skippedLines: [],
    outputs: { train: "out/train.jsonl", holdout: "out/holdout.jsonl", written: true },
    leakage: { examples: 0, prompts: 0, nearPrompts: 0 },
    formula: "holdout iff sha256(salt + key) < fraction",
  };
  if (strata.length > 0) {
    split.stratifyBy = "/metadata/topic";
    split.strata = strata.map(([value, t, h]) => ({ value, records: t + h, train: t, holdout: h, holdoutFraction: h / (t + h) }));
  }
  return split;
}
