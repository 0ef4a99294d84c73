import { readFileSync } from "node:fs";
import type { Distribution, FileStats, Histogram } from "../../src/core/stats-report.js";

/*
 * A stand-in for src/stats in tests: FileStats computed from the real lines of a file, with tokens
 * estimated as characters / 4 (+ 4 per message). It is labelled as an estimate in the stats themselves,
 * so a screenshot made with it never passes for exact counts.
 */

export function distribution(values: number[]): Distribution {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  const at = (p: number) => (n === 0 ? 0 : v[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!);
  const sum = v.reduce((s, x) => s + x, 0);
  return { count: n, sum, min: v[0] ?? 0, p5: at(5), p25: at(25), median: at(50), mean: n ? sum / n : 0, p75: at(75), p95: at(95), max: v[n - 1] ?? 0 };
}

/** Power-of-two buckets from 0 up to the first edge above the largest value. */
export function log2Histogram(values: number[], first = 64): Histogram {
  const max = Math.max(0, ...values);
  const edges = [0, first];
  while (edges[edges.length - 1]! <= max) edges.push(edges[edges.length - 1]! * 2);
  const buckets = edges.slice(0, -1).map((lo, i) => ({ lo, hi: edges[i + 1]!, count: 0 }));
  for (const x of values) buckets.find((b) => x >= b.lo && x < b.hi)!.count++;
  return { buckets };
}

const tokens = (s: string) => Math.ceil(s.length / 4);

interface Msg { role?: unknown; content?: unknown; weight?: unknown }

function text(m: Msg): string {
  if (typeof m.content === "string") return m.content;
  return m.content === undefined || m.content === null ? "" : JSON.stringify(m.content);
}

export function estimateStats(file: string, options: { limit?: number; epochs?: number; pricePerMillion?: number } = {}): FileStats {
  const limit = options.limit ?? 4096;
  const epochs = options.epochs ?? 3;
  const total: number[] = [];
  const trained: number[] = [];
  const messages: number[] = [];
  const chosen: number[] = [];
  const rejected: number[] = [];
  const roles: Record<string, number> = {};
  let missingSystem = 0;
  let missingUser = 0;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    let rec: { messages?: Msg[]; input?: { messages?: Msg[] }; preferred_output?: Msg[]; non_preferred_output?: Msg[] };
    try {
      rec = JSON.parse(line);
    } catch {
      continue;
    }
    const msgs = rec?.messages ?? rec?.input?.messages;
    if (!Array.isArray(msgs)) continue;
    let t = 0;
    let tr = 0;
    for (const m of msgs) {
      const role = String(m.role);
      roles[role] = (roles[role] ?? 0) + 1;
      const n = tokens(text(m)) + 4;
      t += n;
      if (role === "assistant" && m.weight !== 0) tr += n;
    }
    if (rec.preferred_output && rec.non_preferred_output) {
      const c = rec.preferred_output.reduce((s, m) => s + tokens(text(m)) + 4, 0);
      const r = rec.non_preferred_output.reduce((s, m) => s + tokens(text(m)) + 4, 0);
      chosen.push(c);
      rejected.push(r);
      t += Math.max(c, r);
      tr += c;
    }
    if (!msgs.some((m) => m.role === "system")) missingSystem++;
    if (!msgs.some((m) => m.role === "user")) missingUser++;
    total.push(t);
    trained.push(tr);
    messages.push(msgs.length);
  }
  const perEpoch = total.reduce((s, x) => s + Math.min(limit, x), 0);
  const price = options.pricePerMillion ?? 3;
  const stats: FileStats = {
    model: "example-model",
    encoding: "≈ 4 characters per token (test estimate)",
    estimated: true,
    examples: total.length,
    messagesPerExample: distribution(messages),
    totalTokens: distribution(total),
    trainedTokens: distribution(trained),
    histogram: { total: log2Histogram(total), trained: log2Histogram(trained) },
    roles,
    missingSystem,
    missingUser,
    limit,
    overLimit: total.filter((x) => x > limit).length,
    estimates: {
      billedTokensPerEpoch: perEpoch,
      epochs,
      billedTokens: perEpoch * epochs,
      costUsd: (perEpoch * epochs * price) / 1e6,
      priceSource: `illustrative $${price} per 1M training tokens (test)`,
    },
  };
  if (chosen.length > 0) stats.preference = { chosenTokens: distribution(chosen), rejectedTokens: distribution(rejected) };
  return stats;
}
