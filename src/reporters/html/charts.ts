import type { Distribution, Histogram } from "../../core/stats-report.js";
import { compact, esc, num } from "./escape.js";

/*
 * Hand-written inline SVG: no dependency and no script, so charts read offline, without JavaScript
 * and on paper. Colours come from CSS classes (see style.ts), so light, dark and print modes apply.
 * No inline style attributes: the page's Content-Security-Policy allows only the hashed <style> block.
 */

const W = 560;
let chartId = 0;

/** Unique ids for aria-labelledby within one page; reset per render for reproducible output. */
export function resetChartIds(): void {
  chartId = 0;
}

function figure(title: string, svgBody: string, height: number, caption: string, extraClass = ""): string {
  const id = `chart-${++chartId}`;
  return (
    `<figure class="chart${extraClass ? ` ${extraClass}` : ""}">` +
    `<figcaption id="${id}">${esc(title)}</figcaption>` +
    `<svg viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="${id}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${esc(title)}</title>${svgBody}</svg>` +
    (caption ? `<p class="chart-note">${caption}</p>` : "") +
    `</figure>`
  );
}

/** Round tick steps (1, 2, 5 × 10^k) from 0 to at least `max`, about `target` of them. */
export function ticks(max: number, target = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * p >= raw) ?? 10) * p;
  const out = [0];
  while (out[out.length - 1]! < max) out.push(Number((out[out.length - 1]! + step).toPrecision(12)));
  return out;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** An open last bucket's `hi` is Infinity, which JSON turns into null. */
const finite = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

export interface HistogramChart {
  title: string;
  histogram: Histogram;
  /** Marked with a vertical line; buckets past it are drawn as over the limit. */
  limit?: number | undefined;
  /** Series class: `total` or `trained`. */
  series: "total" | "trained";
  caption?: string;
}

/** Bars of equal width per bucket (buckets are often log-spaced), labelled with their lower edge. */
export function histogramSvg(c: HistogramChart): string {
  const buckets = c.histogram.buckets;
  const H = 220;
  const left = 48;
  const right = 16;
  const top = 22;
  const bottom = 40;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  if (buckets.length === 0) return figure(c.title, `<text x="${W / 2}" y="${H / 2}" class="axis-label" text-anchor="middle">no examples</text>`, H, c.caption ?? "");
  const yTicks = ticks(Math.max(...buckets.map((b) => b.count)), 3);
  const maxCount = yTicks[yTicks.length - 1]!;
  const bw = plotW / buckets.length;
  const y = (v: number) => top + plotH - (v / maxCount) * plotH;
  const parts: string[] = [];
  for (const t of yTicks) {
    parts.push(`<line class="grid" x1="${left}" x2="${W - right}" y1="${r1(y(t))}" y2="${r1(y(t))}"/>`);
    parts.push(`<text class="axis-label" x="${left - 6}" y="${r1(y(t) + 4)}" text-anchor="end">${compact(t)}</text>`);
  }
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 10));
  // Exact edges (4,096) where there is room, short ones (4.1k) where bars are narrow.
  const edge = (v: number) => (bw * labelEvery >= 44 ? num(v) : compact(v));
  buckets.forEach((b, i) => {
    const hi = finite(b.hi) ?? Infinity;
    const over = c.limit !== undefined && hi > c.limit && b.lo >= c.limit;
    const x = left + i * bw;
    const h = (b.count / maxCount) * plotH;
    const range = hi === Infinity ? `≥ ${num(b.lo)}` : `${num(b.lo)}–${num(hi)}`;
    parts.push(
      `<rect class="bar ${c.series}${over ? " over" : ""}" x="${r1(x + 1)}" y="${r1(top + plotH - h)}" width="${r1(Math.max(bw - 2, 1))}" height="${r1(h)}">` +
        `<title>${range} tokens: ${num(b.count)} example${b.count === 1 ? "" : "s"}</title></rect>`,
    );
    if (buckets.length <= 16 && b.count > 0) {
      parts.push(`<text class="bar-label" x="${r1(x + bw / 2)}" y="${r1(top + plotH - h - 4)}" text-anchor="middle">${compact(b.count)}</text>`);
    }
    if (i % labelEvery === 0) {
      parts.push(`<text class="axis-label" x="${r1(x)}" y="${H - bottom + 16}" text-anchor="middle">${edge(b.lo)}</text>`);
    }
  });
  const lastHi = finite(buckets[buckets.length - 1]!.hi);
  if (lastHi !== undefined) {
    parts.push(`<text class="axis-label" x="${W - right}" y="${H - bottom + 16}" text-anchor="middle">${edge(lastHi)}</text>`);
  }
  parts.push(`<line class="axis" x1="${left}" x2="${W - right}" y1="${top + plotH}" y2="${top + plotH}"/>`);
  parts.push(`<text class="axis-label" x="${left + plotW / 2}" y="${H - 6}" text-anchor="middle">tokens per example</text>`);
  if (c.limit !== undefined) {
    let lx = W - right;
    let beyond = true;
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i]!;
      const hi = finite(b.hi) ?? (b.lo * 2 || 1);
      if (c.limit >= b.lo && c.limit < hi) {
        lx = left + (i + (c.limit - b.lo) / (hi - b.lo)) * bw;
        beyond = false;
        break;
      }
      if (i === 0 && c.limit < b.lo) {
        lx = left;
        beyond = false;
        break;
      }
    }
    const anchor = lx > W - 120 ? "end" : "start";
    const dx = anchor === "end" ? -4 : 4;
    parts.push(`<line class="limit" x1="${r1(lx)}" x2="${r1(lx)}" y1="${top - 8}" y2="${top + plotH}"/>`);
    parts.push(`<text class="limit-label" x="${r1(lx + dx)}" y="${top - 10}" text-anchor="${anchor}">limit ${num(c.limit)}${beyond ? " →" : ""}</text>`);
  }
  return figure(c.title, parts.join(""), H, c.caption ?? "", "histogram");
}

export interface BoxRow {
  label: string;
  dist: Distribution;
  /** CSS class of the box: total, trained, chosen, rejected, neutral. */
  series: string;
}

/** Horizontal box plots on one shared axis: whiskers p5–p95, box p25–p75, median line, mean dot. */
export function boxPlotSvg(title: string, rows: BoxRow[], unit: string, caption = ""): string {
  const rowH = 34;
  const left = 120;
  const right = 24;
  const top = 10;
  const H = top + rows.length * rowH + 34;
  const plotW = W - left - right;
  const xTicks = ticks(Math.max(1, ...rows.map((r) => r.dist.max)));
  const maxV = xTicks[xTicks.length - 1]!;
  const x = (v: number) => left + (Math.max(0, v) / maxV) * plotW;
  const parts: string[] = [];
  for (const t of xTicks) {
    parts.push(`<line class="grid" x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${top}" y2="${top + rows.length * rowH}"/>`);
    parts.push(`<text class="axis-label" x="${r1(x(t))}" y="${top + rows.length * rowH + 14}" text-anchor="middle">${compact(t)}</text>`);
  }
  parts.push(`<text class="axis-label" x="${left + plotW / 2}" y="${H - 4}" text-anchor="middle">${esc(unit)}</text>`);
  rows.forEach((row, i) => {
    const d = row.dist;
    const cy = top + i * rowH + rowH / 2;
    const tip = `${row.label}: min ${num(d.min)}, p5 ${num(d.p5)}, p25 ${num(d.p25)}, median ${num(d.median)}, mean ${num(d.mean, 1)}, p75 ${num(d.p75)}, p95 ${num(d.p95)}, max ${num(d.max)} (${num(d.count)} values)`;
    parts.push(`<g class="box ${esc(row.series)}"><title>${esc(tip)}</title>`);
    parts.push(`<text class="row-label" x="${left - 8}" y="${cy + 4}" text-anchor="end">${esc(row.label)}</text>`);
    parts.push(`<line class="whisker" x1="${r1(x(d.min))}" x2="${r1(x(d.max))}" y1="${cy}" y2="${cy}"/>`);
    parts.push(`<line class="whisker strong" x1="${r1(x(d.p5))}" x2="${r1(x(d.p95))}" y1="${cy}" y2="${cy}"/>`);
    for (const v of [d.p5, d.p95]) parts.push(`<line class="whisker strong" x1="${r1(x(v))}" x2="${r1(x(v))}" y1="${cy - 6}" y2="${cy + 6}"/>`);
    parts.push(`<rect class="iqr" x="${r1(x(d.p25))}" y="${cy - 10}" width="${r1(Math.max(x(d.p75) - x(d.p25), 1.5))}" height="20"/>`);
    parts.push(`<line class="median" x1="${r1(x(d.median))}" x2="${r1(x(d.median))}" y1="${cy - 10}" y2="${cy + 10}"/>`);
    parts.push(`<circle class="mean" cx="${r1(x(d.mean))}" cy="${cy}" r="3"/>`);
    parts.push(`</g>`);
  });
  return figure(title, parts.join(""), H, caption, "boxplot");
}

/** Horizontal bars with the value at the end, for counts by category. */
export function barsSvg(title: string, rows: Array<{ label: string; value: number; series?: string }>, caption = ""): string {
  const rowH = 24;
  const left = 200;
  const right = 60;
  const top = 6;
  const H = top + Math.max(rows.length, 1) * rowH + 6;
  const plotW = W - left - right;
  const maxV = Math.max(1, ...rows.map((r) => r.value));
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const y = top + i * rowH;
    const w = (row.value / maxV) * plotW;
    const label = row.label.length > 28 ? `${row.label.slice(0, 27)}…` : row.label;
    parts.push(`<text class="row-label" x="${left - 8}" y="${y + 16}" text-anchor="end">${esc(label)}<title>${esc(row.label)}</title></text>`);
    parts.push(`<rect class="bar ${esc(row.series ?? "neutral")}" x="${left}" y="${y + 4}" width="${r1(Math.max(w, row.value > 0 ? 1.5 : 0))}" height="${rowH - 8}"><title>${esc(row.label)}: ${num(row.value)}</title></rect>`);
    parts.push(`<text class="bar-label" x="${r1(left + w + 6)}" y="${y + 16}">${num(row.value)}</text>`);
  });
  return figure(title, parts.join(""), H, caption, "bars");
}

/** One bar split into parts (train | holdout), with each part's share. */
export function stackedBarSvg(title: string, parts: Array<{ label: string; value: number }>, caption = ""): string {
  const H = 64;
  const left = 8;
  const right = 8;
  const plotW = W - left - right;
  const total = parts.reduce((s, p) => s + p.value, 0) || 1;
  const out: string[] = [];
  let x = left;
  parts.forEach((p, i) => {
    const w = (p.value / total) * plotW;
    const share = `${num((100 * p.value) / total, 1)} %`;
    out.push(`<rect class="bar part-${i % 4}" x="${r1(x)}" y="8" width="${r1(w)}" height="26"><title>${esc(p.label)}: ${num(p.value)} (${share})</title></rect>`);
    if (w > 60) out.push(`<text class="part-label" x="${r1(x + 6)}" y="26">${esc(p.label)}</text>`);
    out.push(`<text class="axis-label" x="${r1(x + Math.max(w, 0) / 2)}" y="52" text-anchor="middle">${num(p.value)} · ${share}</text>`);
    x += w;
  });
  return figure(title, out.join(""), H, caption, "stacked");
}
