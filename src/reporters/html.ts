import type { SplitReport } from "../core/split-report.js";
import { createHash } from "node:crypto";
import { severityRank, SEVERITIES, type Diagnostic, type Severity } from "../core/diagnostic.js";
import { toDisplayPath } from "../core/path.js";
import type { FileReport, Report } from "../core/report.js";
import { selectSampleLines, type ExampleSample, type ReportSamples } from "../samples.js";
import type { FileStats } from "../core/stats-report.js";
import { SCRIPT, STYLE } from "./html/assets.js";
import { barsSvg, boxPlotSvg, histogramSvg, resetChartIds, stackedBarSvg } from "./html/charts.js";
import { esc, jsonForScript, num, plural } from "./html/escape.js";
import { clustersOf, splitView, targetOf, type Cluster } from "./html/extract.js";
import { redactText, type RedactOptions } from "../security/redact.js";

export interface HtmlOptions {
  /** Diagnostic rows shown per rule and file; the rest are counted (default 200). */
  maxRowsPerRule?: number;
  /** Duplicate/conflict clusters shown per file (default 50). */
  maxClusters?: number;
  /** Characters of an example shown before the rest is folded away (default 2,000). */
  foldChars?: number;
  /** Page title (default: "ftdata report"). */
  title?: string;
}

const DEFAULTS = { maxRowsPerRule: 200, maxClusters: 50, foldChars: 2000 };
const LINES_PER_CLUSTER = 30;

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64");
}

/**
 * Nothing may be fetched: no images, fonts, frames, connections or form posts. Only the page's own
 * style and script (by hash) apply, so dataset text that slipped through escaping still could not run.
 */
function csp(): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${sha256(STYLE)}'`,
    `script-src 'sha256-${sha256(SCRIPT)}'`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "connect-src 'none'",
  ].join("; ");
}

interface Ctx {
  samples: ReportSamples | undefined;
  opts: typeof DEFAULTS;
}

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG charts, a small hashed script
 * that only adds filtering, and a Content-Security-Policy that forbids every network load. All dataset
 * text is escaped. Pure: the same report and samples give the same bytes.
 *
 * @param samples example lines to show next to their diagnostics (see `collectSamples`); without
 *   them the page lists diagnostics only and says so.
 */
export function formatHtml(report: Report, samples?: ReportSamples, options: HtmlOptions = {}): string {
  resetChartIds();
  const ctx: Ctx = {
    samples,
    opts: {
      maxRowsPerRule: options.maxRowsPerRule ?? DEFAULTS.maxRowsPerRule,
      maxClusters: options.maxClusters ?? DEFAULTS.maxClusters,
      foldChars: options.foldChars ?? DEFAULTS.foldChars,
    },
  };
  const title = options.title ?? "ftdata report";
  const status = report.errorCount > 0 ? "fail" : report.warningCount > 0 ? "warn" : "pass";
  const statusText = report.errorCount > 0 ? plural(report.errorCount, "error") : report.warningCount > 0 ? plural(report.warningCount, "warning") : "no errors";
  const records = report.files.reduce((n, f) => n + f.records, 0);
  const body: string[] = [];
  body.push(
    `<header class="page"><div><h1>${esc(title)}</h1>` +
      `<div class="muted">${plural(report.files.length, "file")} · ${plural(records, "record")} · ` +
      `${plural(report.errorCount, "error")}, ${plural(report.warningCount, "warning")}, ${plural(report.infoCount, "info", "infos")}</div></div>` +
      `<span class="badge ${status}" id="status">${esc(statusText)}</span></header>`,
  );
  if (report.files.length > 1) body.push(overviewTable(report));
  report.files.forEach((f, i) => body.push(fileSection(report, f, i, ctx)));
  if (report.split) body.push(splitSection(report.split));
  body.push(footer(report, samples, ctx));
  const summary = {
    schemaVersion: report.schemaVersion,
    tool: report.tool,
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    infoCount: report.infoCount,
    files: report.files.map((f) => ({
      file: f.file,
      format: f.format,
      lines: f.lines,
      records: f.records,
      errorCount: f.errorCount,
      warningCount: f.warningCount,
      infoCount: f.infoCount,
      rules: Object.fromEntries(ruleGroups(f.diagnostics).map((g) => [g.ruleId, g.diagnostics.length])),
      ...(f.stats ? { stats: f.stats } : {}),
    })),
  };
  return (
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp())}">\n` +
    `<meta name="referrer" content="no-referrer">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="color-scheme" content="light dark">\n` +
    // An inline icon, so the browser does not go looking for /favicon.ico.
    `<link rel="icon" href="data:,">\n` +
    `<meta name="generator" content="ftdata ${esc(report.tool.version)}">\n` +
    `<title>${esc(title)} — ${esc(statusText)}</title>\n` +
    `<style>${STYLE}</style>\n</head>\n<body>\n` +
    body.join("\n") +
    // Machine-readable counts and stats (not the diagnostics: `--reporter json` has those, unbounded).
    `\n<script type="application/json" id="ftdata-summary">${jsonForScript(summary)}</script>\n` +
    `<script>${SCRIPT}</script>\n</body>\n</html>\n`
  );
}

function overviewTable(report: Report): string {
  const rows = report.files.map((f, i) => {
    const s = f.stats;
    return (
      `<tr><td><a href="#file-${i}">${esc(f.file)}</a></td><td>${esc(f.format ?? "unknown")}</td>` +
      `<td class="num">${num(f.records)}</td><td class="num sev-error">${num(f.errorCount)}</td>` +
      `<td class="num sev-warning">${num(f.warningCount)}</td><td class="num sev-info">${num(f.infoCount)}</td>` +
      `<td class="num">${s ? num(s.estimates.billedTokens) : "—"}</td><td class="num">${s ? cost(s) : "—"}</td></tr>`
    );
  });
  return (
    `<section class="overview"><h3>Files</h3><table><thead><tr><th>File</th><th>Format</th><th class="num">Examples</th>` +
    `<th class="num">Errors</th><th class="num">Warnings</th><th class="num">Infos</th><th class="num">Billed tokens</th><th class="num">Est. cost</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table></section>`
  );
}

function cost(s: FileStats): string {
  const c = s.estimates.costUsd;
  if (c === null || c === undefined) return "unknown price";
  return `$${c < 10 ? c.toFixed(2) : num(c, 0)}`;
}

function fileSection(report: Report, f: FileReport, index: number, ctx: Ctx): string {
  const out: string[] = [];
  out.push(`<section class="file" id="file-${index}">`);
  out.push(`<h2>${esc(f.file)}</h2>`);
  out.push(summaryList(report, f));
  out.push(statsBlock(f));
  out.push(problemsBlock(f, index, ctx));
  out.push(clustersBlock(f, ctx));
  out.push(`</section>`);
  return out.join("\n");
}

function item(label: string, value: string, cls = ""): string {
  return `<div><dt>${esc(label)}</dt><dd${cls ? ` class="${cls}"` : ""}>${value}</dd></div>`;
}

function summaryList(report: Report, f: FileReport): string {
  const items: string[] = [];
  items.push(item("Format", `${esc(f.format ?? "unknown")}${f.formatReason ? `<div class="muted note">${esc(f.formatReason)}</div>` : ""}`));
  const target = targetOf(f, report);
  if (target) items.push(item("Target", esc(target)));
  items.push(item("Examples", num(f.records)));
  items.push(item("Lines", num(f.lines)));
  items.push(item("Errors", num(f.errorCount), f.errorCount > 0 ? "sev-error" : ""));
  items.push(item("Warnings", num(f.warningCount), f.warningCount > 0 ? "sev-warning" : ""));
  items.push(item("Infos", num(f.infoCount), f.infoCount > 0 ? "sev-info" : ""));
  const s = f.stats;
  if (s) {
    items.push(item("Model", `${esc(s.model)}<div class="muted note">${esc(s.encoding)}${s.estimated ? " · some counts estimated" : ""}</div>`));
    items.push(item("Billed tokens", `${num(s.estimates.billedTokens)}<div class="muted note">${num(s.estimates.billedTokensPerEpoch)} per epoch</div>`));
    items.push(item("Epochs", num(s.estimates.epochs)));
    items.push(item("Estimated cost", `${esc(cost(s))}${s.estimates.priceSource ? `<div class="muted note">${esc(s.estimates.priceSource)}</div>` : ""}`));
    if (s.estimates.steps !== undefined) items.push(item("Steps", num(s.estimates.steps)));
    if (s.limit !== undefined) items.push(item("Over the token limit", `${num(s.overLimit)}<div class="muted note">limit ${num(s.limit)} tokens</div>`, s.overLimit > 0 ? "sev-warning" : ""));
  } else {
    items.push(item("Billed tokens", `<span class="muted">not computed</span>`));
    items.push(item("Estimated cost", `<span class="muted">not computed</span>`));
  }
  return `<dl class="summary">${items.join("")}</dl>`;
}

function distText(d: { min: number; p5: number; median: number; mean: number; p95: number; max: number }): string {
  return `min ${num(d.min)} · p5 ${num(d.p5)} · median ${num(d.median)} · mean ${num(d.mean, 1)} · p95 ${num(d.p95)} · max ${num(d.max)}`;
}

function statsBlock(f: FileReport): string {
  const s = f.stats;
  const charts: string[] = [];
  if (!s) {
    const note =
      `<p class="note">Token statistics were not computed for this file, so the token, message and role charts are left out. ` +
      `What the diagnostics tell is below.</p>`;
    return `<h3>Statistics</h3>${note}${ruleChart(f)}`;
  }
  const limitNote = s.limit !== undefined ? ` ${plural(s.overLimit, "example")} over the ${num(s.limit)}-token limit.` : " The model's token limit is not known.";
  charts.push(histogramSvg({ title: "Total tokens per example", histogram: s.histogram.total, limit: s.limit, series: "total", caption: esc(distText(s.totalTokens) + "." + limitNote) }));
  charts.push(histogramSvg({ title: "Trained tokens per example", histogram: s.histogram.trained, limit: s.limit, series: "trained", caption: esc(`${distText(s.trainedTokens)}. Trained: assistant turns with weight 1, or the preferred answer.`) }));
  charts.push(boxPlotSvg("Messages per example", [{ label: "messages", dist: s.messagesPerExample, series: "neutral" }], "messages per example", esc(distText(s.messagesPerExample))));
  const roles = Object.entries(s.roles).sort((a, b) => b[1] - a[1]);
  const missing = [s.missingSystem > 0 ? `${plural(s.missingSystem, "example")} without a system message` : "", s.missingUser > 0 ? `${plural(s.missingUser, "example")} without a user message` : ""].filter(Boolean).join("; ");
  charts.push(barsSvg("Messages by role", roles.map(([label, value]) => ({ label, value, series: "total" })), esc(missing || "Every example has a system and a user message.")));
  if (s.preference) {
    charts.push(
      boxPlotSvg(
        "Preferred vs non-preferred answer length",
        [
          { label: "preferred", dist: s.preference.chosenTokens, series: "chosen" },
          { label: "non-preferred", dist: s.preference.rejectedTokens, series: "rejected" },
        ],
        "tokens per answer",
        esc(`preferred median ${num(s.preference.chosenTokens.median)}, non-preferred median ${num(s.preference.rejectedTokens.median)} tokens. A large gap teaches length, not quality.`),
      ),
    );
  }
  charts.push(ruleChart(f));
  const head = `<p class="note">Counted with ${esc(s.encoding)} for ${esc(s.model)} over ${plural(s.examples, "example")}${s.estimated ? "; some counts are estimates" : ""}. Box plots: whiskers p5–p95 (thin line min–max), box p25–p75, bar median, dot mean.</p>`;
  return `<h3>Statistics</h3>${head}<div class="charts">${charts.join("")}</div>`;
}

function ruleChart(f: FileReport): string {
  const groups = ruleGroups(f.diagnostics);
  if (groups.length === 0) return `<p class="note">No problems found.</p>`;
  return barsSvg(
    "Problems by rule",
    groups.map((g) => ({ label: g.ruleId, value: g.diagnostics.length, series: g.severity })),
    esc(`${plural(f.diagnostics.length, "diagnostic")} from ${plural(groups.length, "rule")}.`),
  );
}

interface RuleGroup {
  ruleId: string;
  severity: Severity;
  diagnostics: Diagnostic[];
}

const groupCache = new WeakMap<readonly Diagnostic[], RuleGroup[]>();

/** Diagnostics by rule, most severe and most frequent first (computed once per diagnostics array). */
function ruleGroups(diagnostics: readonly Diagnostic[]): RuleGroup[] {
  const cached = groupCache.get(diagnostics);
  if (cached) return cached;
  const map = new Map<string, RuleGroup>();
  for (const d of diagnostics) {
    let g = map.get(d.ruleId);
    if (!g) {
      g = { ruleId: d.ruleId, severity: d.severity, diagnostics: [] };
      map.set(d.ruleId, g);
    }
    if (severityRank(d.severity) < severityRank(g.severity)) g.severity = d.severity;
    g.diagnostics.push(d);
  }
  const groups = [...map.values()].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || b.diagnostics.length - a.diagnostics.length || (a.ruleId < b.ruleId ? -1 : 1),
  );
  groupCache.set(diagnostics, groups);
  return groups;
}

function* takeFirst<T>(items: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  let i = 0;
  for (const x of items) {
    yield x;
    if (++i >= n) return;
  }
}

function samplesOf(ctx: Ctx, f: FileReport): Map<number, ExampleSample> {
  const m = new Map<number, ExampleSample>();
  for (const s of ctx.samples?.files[f.file]?.examples ?? []) m.set(s.line, s);
  return m;
}

function problemsBlock(f: FileReport, index: number, ctx: Ctx): string {
  const groups = ruleGroups(f.diagnostics);
  if (groups.length === 0) return `<h3>Problems</h3><p class="note">No problems found in this file.</p>`;
  const out: string[] = [`<h3>Problems</h3>`];
  const fileSamples = ctx.samples?.files[f.file];
  if (!ctx.samples) out.push(`<p class="note">Examples are not included in this report.</p>`);
  else if (ctx.samples.omitted) out.push(`<p class="note">Example text was left out on request.</p>`);
  else if (fileSamples?.unavailable) out.push(`<p class="note">This file was ${esc(fileSamples.unavailable)}.</p>`);
  else out.push(`<p class="note">Click a message to see its example (at most ${num(ctx.samples.perRule)} lines per rule, ${num(ctx.samples.maxBytes)} bytes each, are embedded).</p>`);

  // Rule summary: works without any script.
  const summaryRows = groups.map((g) => {
    const lines = new Set<number>();
    let count = 0;
    for (const d of g.diagnostics) {
      // A grouped finding stands for `occurrences` lines, the first few of them in `related`.
      const occurrences = typeof d.data?.occurrences === "number" ? d.data.occurrences : 1;
      count += occurrences;
      if (d.line !== undefined) lines.add(d.line);
      if (occurrences > 1) for (const r of d.related ?? []) if (r.file === d.file && r.line !== undefined) lines.add(r.line);
    }
    const first = [...takeFirst(lines, 8)];
    const shown = first.map((l) => num(l)).join(", ");
    const rest = lines.size - first.length;
    return (
      `<tr><td><code>${esc(g.ruleId)}</code></td><td><span class="sev sev-${g.severity}">${g.severity}</span></td>` +
      `<td class="num">${num(count)}</td><td>${shown}${rest > 0 ? `, … (${num(rest)} more)` : lines.size === 0 ? '<span class="muted">file-level</span>' : ""}</td></tr>`
    );
  });
  out.push(`<table class="rules"><thead><tr><th>Rule</th><th>Severity</th><th class="num">Count</th><th>Lines</th></tr></thead><tbody>${summaryRows.join("")}</tbody></table>`);

  // Filter bar: hidden until the script shows it, so it never appears dead.
  const tableId = `diags-${index}`;
  const counts = new Map<Severity, number>();
  for (const d of f.diagnostics) counts.set(d.severity, (counts.get(d.severity) ?? 0) + 1);
  const boxes = SEVERITIES.filter((s) => counts.has(s)).map(
    (s) => `<label><input type="checkbox" name="severity" value="${s}" checked> <span class="sev sev-${s}">${s}</span> (${num(counts.get(s)!)})</label>`,
  );
  const options = groups.map((g) => `<option value="${esc(g.ruleId)}">${esc(g.ruleId)} (${num(g.diagnostics.length)})</option>`);
  out.push(
    `<div class="filters" data-table="${tableId}" hidden><span>Show:</span>${boxes.join("")}` +
      `<label>Rule <select name="rule"><option value="">all rules</option>${options.join("")}</select></label><output></output></div>`,
  );

  const byLine = samplesOf(ctx, f);
  const redact = redactionFor(f);
  const selected = selectSampleLines(f, ctx.samples?.perRule ?? 0);
  const tbodies = groups.map((g) => {
    const rows: string[] = [];
    const sampled = new Set(selected.get(g.ruleId) ?? []);
    const shownRows = g.diagnostics.slice(0, ctx.opts.maxRowsPerRule);
    rows.push(
      `<tr class="group-head"><th colspan="4"><code>${esc(g.ruleId)}</code><span class="count">${plural(g.diagnostics.length, "diagnostic")} · ${g.severity}</span></th></tr>`,
    );
    for (const d of shownRows) {
      const sample = d.line !== undefined && sampled.has(d.line) ? byLine.get(d.line) : undefined;
      rows.push(diagRow(d, sample, ctx, redact));
    }
    const rest = g.diagnostics.length - shownRows.length;
    if (rest > 0) {
      rows.push(`<tr class="more"><td colspan="4">… and ${plural(rest, "more diagnostic")} of this rule not shown here; <code>ftdata lint --reporter json</code> lists them all.</td></tr>`);
    }
    return `<tbody data-rule="${esc(g.ruleId)}">${rows.join("")}</tbody>`;
  });
  out.push(
    `<table class="diags" id="${tableId}"><thead><tr><th>Line</th><th>Severity</th><th>Message</th><th>Where</th></tr></thead>${tbodies.join("")}</table>`,
  );
  return out.join("\n");
}

/** Secrets are always masked in example text; personal data when a PII rule flagged it in this file. */
function redactionFor(f: FileReport): RedactOptions {
  return { emails: f.diagnostics.some((d) => d.ruleId === "pii-email"), phones: f.diagnostics.some((d) => d.ruleId === "pii-phone") };
}

function diagRow(d: Diagnostic, sample: ExampleSample | undefined, ctx: Ctx, redact: RedactOptions): string {
  const pos = d.line === undefined ? "—" : d.column === undefined ? num(d.line) : `${num(d.line)}:${num(d.column)}`;
  const message = esc(d.message);
  const extras: string[] = [];
  if (d.hint) extras.push(`<div class="hint">${esc(d.hint)}</div>`);
  if (d.related && d.related.length > 0) {
    const rel = d.related.map((r) => `${r.message ? `${esc(r.message)}: ` : ""}${r.file === d.file ? "" : `${esc(r.file)} `}${r.line !== undefined ? `line ${num(r.line)}` : ""}`);
    extras.push(`<div class="related">→ ${rel.join("; ")}</div>`);
  }
  let cell: string;
  if (sample) {
    cell = `<details class="example"><summary>${message}</summary><div class="example-body">${exampleHtml(sample, ctx, redact)}</div></details>${extras.join("")}`;
  } else {
    cell = message + extras.join("");
  }
  const where = d.path !== undefined ? `<code>${esc(toDisplayPath(d.path) || "(record)")}</code>` : "";
  return (
    `<tr class="diag" data-severity="${d.severity}"><td class="line">${pos}</td>` +
    `<td class="sevcell"><span class="sev sev-${d.severity}">${d.severity}</span></td><td>${cell}</td><td class="where">${where}</td></tr>`
  );
}

/** The example as pretty JSON when it parses, else as written; long text is folded, never dropped silently. */
function exampleHtml(sample: ExampleSample, ctx: Ctx, redact: RedactOptions): string {
  // Masked before anything else, so neither the pretty-printed nor the as-written text holds a secret.
  const masked = redactText(sample.text, redact);
  let text = masked;
  if (!sample.truncated) {
    try {
      text = JSON.stringify(JSON.parse(masked), null, 2);
    } catch {
      // Not JSON (that may be the very problem): show it as written.
    }
  }
  const note = sample.truncated
    ? `<div class="note">Line ${num(sample.line)} is ${num(sample.bytes)} bytes; the first ${num(Buffer.byteLength(sample.text))} are shown.</div>`
    : `<div class="note">Line ${num(sample.line)} · ${num(sample.bytes)} bytes</div>`;
  if (text.length <= ctx.opts.foldChars) return `${note}<pre>${esc(text)}</pre>`;
  // Cut at a line break near the fold so the folded part starts on a whole line.
  let cut = text.lastIndexOf("\n", ctx.opts.foldChars);
  if (cut < ctx.opts.foldChars / 2) cut = ctx.opts.foldChars;
  const head = text.slice(0, cut);
  const tail = text.slice(cut);
  return `${note}<pre>${esc(head)}</pre><details class="fold"><summary>show ${num(tail.length)} more characters</summary><pre>${esc(tail)}</pre></details>`;
}

function clustersBlock(f: FileReport, ctx: Ctx): string {
  const clusters = clustersOf(f);
  if (clusters.length === 0) return "";
  const byLine = samplesOf(ctx, f);
  const redact = redactionFor(f);
  const shown = clusters.slice(0, ctx.opts.maxClusters);
  const items = shown.map((c: Cluster) => {
    // A cluster cut at the listing limit carries its real size.
    const size = Math.max(c.size ?? 0, c.lines.length);
    const lines = c.lines.slice(0, LINES_PER_CLUSTER).map((l) => num(l)).join(", ");
    const more = size > LINES_PER_CLUSTER ? `, … (${num(size - LINES_PER_CLUSTER)} more)` : "";
    const first = byLine.get(c.lines[0]!);
    const sev = c.severity ? ` <span class="sev sev-${c.severity}">${c.severity}</span>` : "";
    const head = `<code>${esc(c.ruleId)}</code>${sev} · ${plural(size, "line")}: ${lines}${more}`;
    return first
      ? `<li><details class="example"><summary>${head}</summary><div class="example-body">${exampleHtml(first, ctx, redact)}</div></details></li>`
      : `<li>${head}</li>`;
  });
  const rest = clusters.length - shown.length;
  return (
    `<h3>Duplicates and conflicts</h3><p class="note">${plural(clusters.length, "cluster")}; each lists the first occurrence first.</p>` +
    `<ul class="clusters">${items.join("")}</ul>` +
    (rest > 0 ? `<p class="note">… and ${plural(rest, "more cluster")} not shown.</p>` : "")
  );
}

function splitSection(split: SplitReport): string {
  const v = splitView(split);
  const out: string[] = [`<section class="split" id="split"><h2>Split</h2>`];
  if (v.facts.length > 0) out.push(`<dl class="summary">${v.facts.map((f) => item(f.label, esc(f.value))).join("")}</dl>`);
  const charts: string[] = [];
  if (v.sizes.length > 0) charts.push(stackedBarSvg("Split sizes", v.sizes, esc(v.sizes.map((s) => `${s.label}: ${num(s.value)}`).join(" · "))));
  if (v.strata.length > 0) {
    const cols = [...new Set(v.strata.flatMap((s) => Object.keys(s.counts)))];
    const rows = v.strata.slice(0, 100).map((s) => `<tr><td>${esc(s.label)}</td>${cols.map((c) => `<td class="num">${s.counts[c] === undefined ? "—" : num(s.counts[c]!)}</td>`).join("")}</tr>`);
    charts.push(
      `<figure class="chart"><figcaption>Strata</figcaption><table><thead><tr><th>Stratum</th>${cols.map((c) => `<th class="num">${esc(c)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>` +
        (v.strata.length > 100 ? `<p class="chart-note">… and ${plural(v.strata.length - 100, "more stratum", "more strata")}.</p>` : "") +
        `</figure>`,
    );
  }
  if (charts.length > 0) out.push(`<div class="charts">${charts.join("")}</div>`);
  out.push(`</section>`);
  return out.join("\n");
}

function footer(report: Report, samples: ReportSamples | undefined, ctx: Ctx): string {
  const parts = [`Generated by ftdata ${esc(report.tool.version)}. This page loads nothing from the network.`];
  const capped = report.files.some((f) => ruleGroups(f.diagnostics).some((g) => g.diagnostics.length > ctx.opts.maxRowsPerRule));
  if (capped) parts.push(`At most ${num(ctx.opts.maxRowsPerRule)} diagnostics per rule are listed; counts are complete.`);
  if (samples && !samples.omitted) parts.push(`At most ${num(samples.perRule)} example lines per rule (${num(samples.maxBytes)} bytes each) are embedded.`);
  return `<footer class="page">${parts.join(" ")}</footer>`;
}
