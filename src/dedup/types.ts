/** What binds the lines of a cluster. */
export type ClusterKind = "duplicate" | "conflict" | "repeated-answer" | "near-duplicate";

/**
 * A group of records found together by a duplicate rule, so a UI or `ftdata dedupe` can act on it
 * without parsing messages. `lines[0]` is the first occurrence (the one `dedupe` keeps).
 */
export interface Cluster {
  /** The rule that found it, for example `example-duplicate`. */
  ruleId: string;
  kind: ClusterKind;
  /** 1-based physical lines, ascending. */
  lines: number[];
  /** Near duplicates: the lowest estimated Jaccard similarity of a member to the first line. */
  similarity?: number;
}
