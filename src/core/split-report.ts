/** How the holdout was chosen. */
export type SplitMethod = "hash-threshold" | "bottom-k";

/** Counts of one stratum (`--stratify-by`). */
export interface SplitStratum {
  /** The value at the stratify path (strings as written, other values as JSON; `(missing)` when absent). */
  value: string;
  records: number;
  train: number;
  holdout: number;
  /** holdout / records. */
  holdoutFraction: number;
}

/** Leakage found between the written train and holdout files (counts of training lines). */
export interface SplitLeakage {
  /** Same example on both sides (error). */
  examples: number;
  /** Same prompt on both sides (warning). */
  prompts: number;
  /** Near-duplicate prompt on both sides (warning); null when not checked (past the near-dup cap, see `nearDup`). */
  nearPrompts: number | null;
}

/** What `split()` did: the `split` member of the Report. */
export interface SplitReport {
  method: SplitMethod;
  /** Salt of the hash; the same salt and data give the same split. */
  salt: string;
  /** `first-user`, `prompt`, `conversation`, `none` or `field:<path>`. */
  groupBy: string;
  stratifyBy?: string;
  /** The requested holdout fraction (hash-threshold). */
  fraction?: number;
  /** The requested holdout size in records (bottom-k). */
  holdoutCount?: number;
  /** Holdout records / all records. */
  realizedFraction: number;
  records: { total: number; train: number; holdout: number };
  groups: {
    total: number;
    train: number;
    holdout: number;
    /** The biggest group: its size, share of all records and first line. */
    largest: { size: number; share: number; line: number } | null;
    /** `field:<path>` grouping: records without the field (grouped by their first user message instead). */
    missingField?: number;
  };
  strata?: SplitStratum[];
  /** Lines that were not records (blank lines), left out of both outputs. */
  skippedLines: number[];
  /** The output files, and whether they were written (nothing is written when there are errors). */
  outputs: { train: string; holdout: string; written: boolean };
  leakage: SplitLeakage | null;
  /** The rule deciding the side of a record, to reproduce the split in another language. */
  formula: string;
}
