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
  /**
   * 1-based physical lines, ascending. A rule lists at most as many lines in its clusters as it
   * lists diagnostics (`maxDiagnosticsPerRule`, default 10,000): past that a cluster is cut (see
   * `size`) and later clusters are left out.
   */
  lines: number[];
  /** Set when `lines` was cut at the listing limit: the cluster's real number of lines. */
  size?: number;
  /** Near duplicates: the lowest estimated Jaccard similarity of a member to the first line. */
  similarity?: number;
}
