import type { SplitReport } from "../../core/split-report.js";
import type { FileReport } from "../../core/report.js";
import type { Severity } from "../../core/diagnostic.js";

/*
 * Tolerant readers for report parts whose exact shape is owned by other modules (split results,
 * cluster lists, platform targets): the HTML shows what it recognises and never throws on the rest.
 */

export interface Cluster {
  /** Rule or check that found the cluster, e.g. `example-duplicate`. */
  ruleId: string;
  severity?: Severity;
  /** Lines of the members, the first occurrence first. */
  lines: number[];
  /** The cluster's real number of lines when `lines` was cut at the listing limit. */
  size?: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function lineList(v: unknown): number[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const lines = v.filter((x): x is number => typeof x === "number" && Number.isInteger(x) && x > 0);
  return lines.length > 0 ? lines : undefined;
}

function severityOf(v: unknown): Severity | undefined {
  return v === "error" || v === "warning" || v === "info" ? v : undefined;
}

/**
 * Clusters of a file: diagnostics whose `related` points at another line of the same file (a
 * duplicate and its original, a conflicting pair), grouped by rule and that line; plus an optional
 * `clusters` field (`[{ check|ruleId, severity, groups: [{ lines }] }]` or `[{ ruleId, lines }]`).
 */
export function clustersOf(file: FileReport): Cluster[] {
  const out: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  const members = new Map<Cluster, Set<number>>();
  const add = (c: Cluster, line: number) => {
    let set = members.get(c);
    if (!set) members.set(c, (set = new Set(c.lines)));
    if (set.has(line)) return;
    set.add(line);
    c.lines.push(line);
  };
  for (const d of file.diagnostics) {
    if (d.line === undefined || !d.related) continue;
    const anchor = d.related.find((r) => r.file === file.file && r.line !== undefined)?.line;
    if (anchor === undefined) continue;
    const key = `${d.ruleId}\u0000${anchor}`;
    let c = byKey.get(key);
    if (!c) {
      c = { ruleId: d.ruleId, severity: d.severity, lines: [anchor] };
      byKey.set(key, c);
      out.push(c);
    }
    add(c, d.line);
  }
  const extra = (file as unknown as { clusters?: unknown }).clusters;
  if (Array.isArray(extra)) {
    for (const item of extra) {
      if (!isRecord(item)) continue;
      const ruleId = String(item.ruleId ?? item.check ?? item.kind ?? "cluster");
      const severity = severityOf(item.severity);
      const groups = Array.isArray(item.groups) ? item.groups : [item];
      for (const g of groups) {
        const lines = isRecord(g) ? lineList(g.lines) : undefined;
        if (!lines || lines.length < 2) continue;
        // The same group may already be known from the diagnostics' `related` links.
        const key = `${ruleId}\u0000${lines[0]}`;
        const known = byKey.get(key);
        if (known) {
          for (const l of lines) add(known, l);
          if (isRecord(g) && typeof g.size === "number" && g.size > known.lines.length) known.size = g.size;
          continue;
        }
        const c: Cluster = { ruleId, lines: [...lines] };
        if (severity) c.severity = severity;
        if (isRecord(g) && typeof g.size === "number" && g.size > lines.length) c.size = g.size;
        byKey.set(key, c);
        out.push(c);
      }
    }
  }
  return out;
}

/** A platform profile name, when the report carries one. */
export function targetOf(file: FileReport, report: unknown): string | undefined {
  const t = (file as unknown as { target?: unknown }).target ?? (isRecord(report) ? report.target : undefined);
  if (typeof t === "string") return t;
  if (isRecord(t) && typeof t.id === "string") return t.id;
  return undefined;
}

export interface SplitView {
  /** Records per split, in the order found (train first). */
  sizes: Array<{ label: string; value: number }>;
  /** Per-stratum counts: one column per split. */
  strata: Array<{ label: string; counts: Record<string, number> }>;
  /** Other scalar facts (salt, method, fraction, ...). */
  facts: Array<{ label: string; value: string }>;
}

/** Sizes, strata and facts of the split, as the page shows them. */
export function splitView(split: SplitReport): SplitView {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const view: SplitView = {
    sizes: [
      { label: "train", value: split.records.train },
      { label: "holdout", value: split.records.holdout },
    ],
    strata: (split.strata ?? []).map((s) => ({ label: s.value, counts: { train: s.train, holdout: s.holdout } })),
    facts: [
      { label: "method", value: split.method },
      { label: "salt", value: split.salt },
      { label: "group by", value: split.groupBy },
      { label: "holdout realised", value: `${pct(split.realizedFraction)} (${split.records.holdout} of ${split.records.total})` },
      { label: "groups", value: `${split.groups.total} (train ${split.groups.train}, holdout ${split.groups.holdout})` },
    ],
  };
  if (split.fraction !== undefined) view.facts.push({ label: "holdout requested", value: pct(split.fraction) });
  if (split.holdoutCount !== undefined) view.facts.push({ label: "holdout requested", value: `${split.holdoutCount} records` });
  if (split.stratifyBy !== undefined) view.facts.push({ label: "stratify by", value: split.stratifyBy });
  if (split.leakage) {
    const near = split.leakage.nearPrompts === null ? "not checked" : String(split.leakage.nearPrompts);
    view.facts.push({ label: "leakage", value: `${split.leakage.examples} examples, ${split.leakage.prompts} prompts, ${near} near-duplicate prompts` });
  }
  view.facts.push({ label: "written", value: split.outputs.written ? `${split.outputs.train}, ${split.outputs.holdout}` : "no (errors)" });
  return view;
}
