import type { RuleContext } from "../core/rule.js";
import type { ClusterKind } from "../core/cluster.js";
import { RecordSorter, type RecordCursor } from "./spill.js";

/** Lines listed per rule in clusters when the context does not say (the runner's diagnostic limit). */
export const DEFAULT_MAX_LISTED = 10_000;

/**
 * Lines are listed in clusters (and related lists) only up to a per-rule limit, so a file of
 * millions of identical rows does not keep millions of line numbers: past it a cluster is cut and
 * carries its real `size`, and later clusters are left out.
 */
export class ListingBudget {
  private left: number;

  constructor(limit: number | undefined) {
    const l = limit ?? DEFAULT_MAX_LISTED;
    this.left = l <= 0 ? Infinity : l;
  }

  /** Lines still listable (at least `min`: what a diagnostic shows is kept whatever the limit). */
  keep(min: number): number {
    return Math.max(this.left, min);
  }

  /** Lines of a cluster of `size` that get listed (0: not listed), taken from the budget. */
  take(size: number): number {
    const n = Math.min(size, this.left);
    if (n < 2) return 0;
    this.left -= n;
    return n;
  }
}

/**
 * Reports a cluster through the context, cut to the budget. `lines` holds at least the first
 * `budget.keep()` lines of the cluster, `size` is its real number of lines. Returns the listed lines.
 */
export function listCluster(ctx: Pick<RuleContext<string, unknown>, "cluster">, kind: ClusterKind, lines: number[], size: number, budget: ListingBudget): number[] | undefined {
  const n = budget.take(size);
  if (n === 0) return undefined;
  const listed = n === lines.length ? lines : lines.slice(0, n);
  ctx.cluster?.(n < size ? { kind, lines: listed, size } : { kind, lines: listed });
  return listed;
}

/**
 * Reads member records (second line, line, value) in sorted order: one group per second line (a
 * line belongs to one group, so groups come out in the order of their second occurrence, as a
 * Map filled record by record would list them), its lines ascending. A record with line 0 carries
 * the group's value. `visit` gets the first `keep()` lines and the group's size.
 */
export function forEachListedGroup(members: RecordSorter, keep: () => number, visit: (lines: number[], size: number, value: number) => void): void {
  const c = members.cursor();
  let key = -1;
  let lines: number[] = [];
  let size = 0;
  let value = 0;
  let max = 0;
  const flush = () => {
    if (size > 0) visit(lines, size, value);
  };
  while (c.next()) {
    const second = c.r[c.o]!;
    const line = c.r[c.o + 1]!;
    if (second !== key) {
      flush();
      key = second;
      lines = [];
      size = 0;
      value = 0;
      max = keep();
    }
    if (line === 0) {
      value = c.r[c.o + 2]!;
      continue;
    }
    size++;
    if (lines.length < max) lines.push(line);
  }
  flush();
}

/** A group of records with the same key in a (k0, k1, k2, value, line) store. */
export interface KeyGroup {
  /** Lowest and second lowest line. */
  first: number;
  second: number;
  /** Records in the group. */
  size: number;
  /** Distinct values (answers of one prompt, prompts of one answer). */
  distinct: number;
}

/**
 * The groups of a (k0, k1, k2, value, line) store, sorted by key then value, that `select` keeps,
 * as member records (second line, line, 0) plus one (second line, 0, distinct) per group, ready
 * for `forEachListedGroup`. Two passes over the store: the first sums each group up (its distinct
 * values are counted as they change, so no set of values is kept), the second copies the members
 * of the selected groups. The caller disposes the returned sorter.
 */
export function selectGroups(store: RecordSorter, select: (g: KeyGroup) => boolean): RecordSorter {
  const chosen = new RecordSorter(2); // (group index, second line), in group order
  const members = new RecordSorter(3);
  try {
    // Pass 1: sum up each group.
    const g: KeyGroup = { first: 0, second: 0, size: 0, distinct: 0 };
    let index = -1;
    let k0 = 0;
    let k1 = 0;
    let k2 = 0;
    let value = 0;
    const done = () => {
      if (g.size >= 2 && select(g)) {
        chosen.push(index, g.second);
        members.push(g.second, 0, g.distinct);
      }
    };
    let c: RecordCursor | undefined = store.cursor();
    while (c.next()) {
      const { r, o } = c;
      const line = r[o + 4]!;
      if (index === -1 || r[o] !== k0 || r[o + 1] !== k1 || r[o + 2] !== k2) {
        if (index >= 0) done();
        index++;
        k0 = r[o]!;
        k1 = r[o + 1]!;
        k2 = r[o + 2]!;
        value = r[o + 3]!;
        g.first = line;
        g.second = 0xffffffff;
        g.size = 1;
        g.distinct = 1;
        continue;
      }
      g.size++;
      if (r[o + 3] !== value) {
        value = r[o + 3]!;
        g.distinct++;
      }
      if (line < g.first) {
        g.second = g.first;
        g.first = line;
      } else if (line < g.second) g.second = line;
    }
    if (index >= 0) done();
    c = undefined; // its read buffers are not needed for pass 2
    if (chosen.length === 0) return members;

    // Pass 2: copy the members of the chosen groups (both in group order: one walk).
    const head = chosen.cursor();
    let more = head.next();
    let want = more ? head.r[head.o]! : -1;
    let second = more ? head.r[head.o + 1]! : 0;
    index = -1;
    const d = store.cursor();
    while (more && d.next()) {
      const { r, o } = d;
      if (index === -1 || r[o] !== k0 || r[o + 1] !== k1 || r[o + 2] !== k2) {
        index++;
        k0 = r[o]!;
        k1 = r[o + 1]!;
        k2 = r[o + 2]!;
        while (more && want < index) {
          more = head.next();
          if (more) {
            want = head.r[head.o]!;
            second = head.r[head.o + 1]!;
          }
        }
      }
      if (more && want === index) members.push(second, r[o + 4]!, 0);
    }
    return members;
  } catch (err) {
    members.dispose();
    throw err;
  } finally {
    chosen.dispose();
  }
}
