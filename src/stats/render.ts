/**
 * Terminal rendering of `files[i].stats`: pure functions from data to text (the plan renders in src/plan/render.ts).
 */
import type { FileReport } from "../core/report.js";
import type { Distribution, FileStats, Histogram } from "../core/stats-report.js";

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 1 }));

function distRow(label: string, d: Distribution, w: number): string {
  const cells = [d.min, d.p5, d.p25, d.median, d.mean, d.p75, d.p95, d.max].map((v) => fmt(v).padStart(9));
  return `  ${label.padEnd(w)}${cells.join("")}`;
}

/** Horizontal bars, scaled to the largest bucket. */
export function renderHistogram(h: Histogram, width = 40): string[] {
  if (h.buckets.length === 0) return ["    (no examples)"];
  const max = Math.max(...h.buckets.map((b) => b.count));
  const lo = h.buckets.map((b) => fmt(b.lo));
  const hi = h.buckets.map((b) => fmt(b.hi));
  const wl = Math.max(...lo.map((s) => s.length));
  const wh = Math.max(...hi.map((s) => s.length));
  return h.buckets.map((b, i) => {
    const len = max === 0 ? 0 : Math.round((b.count / max) * width);
    const bar = "█".repeat(len) || (b.count > 0 ? "▏" : "");
    return `    ${lo[i]!.padStart(wl)} – ${hi[i]!.padEnd(wh)}  ${bar.padEnd(width)}  ${fmt(b.count)}`;
  });
}

/** The stats block of one file. */
export function renderFileStats(file: FileReport, s: FileStats): string {
  const out: string[] = [];
  out.push(`${file.file}  (${file.format ?? "unknown format"}, ${fmt(s.examples)} example${s.examples === 1 ? "" : "s"}; ${s.model === s.encoding ? s.model : `${s.model}, ${s.encoding}`}${s.estimated ? "; some counts estimated" : ""})`);
  const w = 20;
  out.push(`  ${"".padEnd(w)}${["min", "p5", "p25", "median", "mean", "p75", "p95", "max"].map((h) => h.padStart(9)).join("")}`);
  out.push(distRow("messages/example", s.messagesPerExample, w));
  out.push(distRow("total tokens", s.totalTokens, w));
  out.push(distRow("trained tokens", s.trainedTokens, w));
  if (s.preference) {
    out.push(distRow("chosen answer", s.preference.chosenTokens, w));
    out.push(distRow("rejected answer", s.preference.rejectedTokens, w));
  }
  const order = ["system", "developer", "user", "assistant", "tool", "function"];
  const rank = (r: string) => (order.includes(r) ? order.indexOf(r) : order.length);
  const roles = Object.entries(s.roles)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([r, n]) => `${r} ${fmt(n)}`)
    .join(", ");
  out.push(`  roles: ${roles || "none"}`);
  out.push(`  missing: ${fmt(s.missingSystem)} without a system message, ${fmt(s.missingUser)} without a user message`);
  if (s.limit !== undefined) out.push(`  limit: ${fmt(s.limit)} tokens per example; ${fmt(s.overLimit)} over the limit${s.overLimit > 0 ? " (truncated)" : ""}`);
  else out.push("  limit: unknown for this model (give --limit)");
  if (s.imagesUnknown) out.push(`  images: ${fmt(s.imagesUnknown)} of unknown size (remote URLs are not fetched) counted as 0 tokens`);
  out.push("  total tokens per example:");
  out.push(...renderHistogram(s.histogram.total));
  const e = s.estimates;
  const epochs = `${e.epochs} epoch${e.epochs === 1 ? "" : "s"}`;
  out.push(`  billed: ${fmt(e.billedTokensPerEpoch)} tokens/epoch × ${epochs} = ${fmt(e.billedTokens)} tokens`);
  out.push(`  cost: ${e.costUsd === null ? `unknown (no training price for ${s.model})` : `≈ $${e.costUsd.toFixed(2)}${e.priceSource ? `  [${e.priceSource}]` : ""}`}`);
  if (e.steps !== undefined) out.push(`  optimizer steps: ${fmt(e.steps)}`);
  return out.join("\n");
}
