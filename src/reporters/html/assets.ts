/*
 * The page's only style and script. Both are fixed text, hashed into the Content-Security-Policy,
 * so nothing else (no injected <script>, no style attribute) can run or apply.
 */

export const STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --card: #f6f8fa; --code: #f6f8fa;
  --total: #0969da; --trained: #8250df; --chosen: #1a7f37; --rejected: #bc4c00; --neutral: #57606a;
  --error: #cf222e; --warning: #9a6700; --info: #0969da; --ok: #1a7f37; --limit: #cf222e;
  --part0: #0969da; --part1: #bc4c00; --part2: #8250df; --part3: #1a7f37;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --card: #151b23; --code: #151b23;
    --total: #4493f8; --trained: #ab7df8; --chosen: #3fb950; --rejected: #f0883e; --neutral: #9198a1;
    --error: #f85149; --warning: #d29922; --info: #4493f8; --ok: #3fb950; --limit: #f85149;
    --part0: #4493f8; --part1: #f0883e; --part2: #ab7df8; --part3: #3fb950;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0 auto; max-width: 1180px; padding: 24px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 12px; word-break: break-all; }
h3 { font-size: 15px; margin: 24px 0 8px; }
a { color: var(--total); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
.muted, .chart-note, .note { color: var(--muted); }
.note { margin: 6px 0; }
header.page { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: baseline; justify-content: space-between; border-bottom: 1px solid var(--border); padding-bottom: 12px; margin-bottom: 16px; }
.badge { display: inline-block; border-radius: 999px; padding: 2px 10px; font-weight: 600; border: 1px solid currentColor; }
.badge.fail { color: var(--error); }
.badge.warn { color: var(--warning); }
.badge.pass { color: var(--ok); }
.sev { font-weight: 600; }
.sev-error { color: var(--error); }
.sev-warning { color: var(--warning); }
.sev-info { color: var(--info); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--border); }
th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
section.file { border: 1px solid var(--border); border-radius: 8px; padding: 16px 20px; margin: 20px 0; }
section.split { border: 1px solid var(--border); border-radius: 8px; padding: 16px 20px; margin: 20px 0; }
dl.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px 16px; margin: 0; }
dl.summary > div { background: var(--card); border-radius: 6px; padding: 8px 10px; }
dl.summary dt { color: var(--muted); font-size: 12px; }
dl.summary dd { margin: 0; font-size: 16px; font-weight: 600; word-break: break-word; }
dl.summary dd .note { font-size: 12px; font-weight: 400; margin: 2px 0 0; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; padding: 10px 12px; background: var(--card); border-radius: 6px; flex: 1 1 440px; max-width: 620px; min-width: 0; break-inside: avoid; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
figure.chart svg { display: block; width: 100%; height: auto; }
.chart-note { margin: 4px 0 0; font-size: 12px; max-width: 560px; }
svg text { fill: var(--fg); font-size: 11px; font-family: inherit; }
svg .axis-label { fill: var(--muted); }
svg .grid { stroke: var(--border); stroke-width: 1; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .bar.total, svg .box.total .iqr { fill: var(--total); }
svg .bar.trained, svg .box.trained .iqr { fill: var(--trained); }
svg .bar.over { fill: var(--limit); }
svg .bar.neutral, svg .box.neutral .iqr { fill: var(--neutral); }
svg .bar.error { fill: var(--error); }
svg .bar.warning { fill: var(--warning); }
svg .bar.info { fill: var(--info); }
svg .box.chosen .iqr { fill: var(--chosen); }
svg .box.rejected .iqr { fill: var(--rejected); }
svg .bar.part-0 { fill: var(--part0); } svg .bar.part-1 { fill: var(--part1); } svg .bar.part-2 { fill: var(--part2); } svg .bar.part-3 { fill: var(--part3); }
svg .part-label { fill: #ffffff; font-weight: 600; }
svg .iqr { fill-opacity: 0.55; stroke: var(--fg); stroke-width: 1; }
svg .whisker { stroke: var(--muted); stroke-width: 1; }
svg .whisker.strong { stroke: var(--fg); }
svg .median { stroke: var(--fg); stroke-width: 2.5; }
svg .mean { fill: var(--bg); stroke: var(--fg); stroke-width: 1.5; }
svg .limit { stroke: var(--limit); stroke-width: 2; stroke-dasharray: 5 3; }
svg .limit-label { fill: var(--limit); font-weight: 600; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 8px 0; padding: 8px 10px; background: var(--card); border-radius: 6px; }
.filters[hidden] { display: none; }
.filters label { white-space: nowrap; }
.filters select { max-width: 320px; font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--border); border-radius: 4px; padding: 2px 4px; }
table.diags td.line { white-space: nowrap; font-variant-numeric: tabular-nums; width: 1%; }
table.diags td.sevcell { width: 1%; }
table.diags td.where { width: 22%; word-break: break-all; }
table.diags tr.group-head th { background: var(--card); padding-top: 8px; }
table.diags tr.group-head .count { color: var(--muted); font-weight: 400; margin-left: 8px; }
table.diags tr.more td { color: var(--muted); font-style: italic; }
.hint, .related { color: var(--muted); }
details.example > summary { cursor: pointer; }
details.example > summary::marker { color: var(--muted); }
.example-body { margin: 6px 0 4px; }
pre { background: var(--code); border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px; margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 32em; overflow: auto; }
details.fold > summary { cursor: pointer; color: var(--total); font-size: 12px; }
ul.clusters { list-style: none; padding: 0; margin: 0; }
ul.clusters li { padding: 6px 0; border-bottom: 1px solid var(--border); }
footer.page { margin-top: 24px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--border); padding-top: 12px; }
@media print {
  :root {
    --bg: #ffffff; --fg: #000000; --muted: #444444; --border: #bbbbbb; --card: #ffffff; --code: #ffffff;
    --total: #0550ae; --trained: #6639ba; --chosen: #116329; --rejected: #953800; --neutral: #444444;
    --error: #a40e26; --warning: #7d4e00; --info: #0550ae; --ok: #116329; --limit: #a40e26;
    --part0: #0550ae; --part1: #953800; --part2: #6639ba; --part3: #116329;
  }
  body { max-width: none; padding: 0; font-size: 11px; }
  .filters { display: none !important; }
  @page { margin: 14mm; }
  section.file, section.split { border: none; padding: 0; }
  figure.chart, tr, dl.summary > div { break-inside: avoid; }
  section.file + section.file { break-before: page; }
  pre { max-height: none; overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * Adds filtering by severity and rule to each file's diagnostics table. Reading needs no script:
 * the filter bar stays hidden without it, and examples open with <details>.
 * It reads only data-* attributes and sets `hidden` and textContent: never innerHTML.
 */
export const SCRIPT = `
(function () {
  var bars = document.querySelectorAll(".filters");
  Array.prototype.forEach.call(bars, function (bar) {
    var table = document.getElementById(bar.getAttribute("data-table"));
    if (!table) return;
    var select = bar.querySelector("select");
    var output = bar.querySelector("output");
    function apply() {
      var wanted = {};
      Array.prototype.forEach.call(bar.querySelectorAll("input[type=checkbox]"), function (box) { wanted[box.value] = box.checked; });
      var rule = select ? select.value : "";
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies, function (group) {
        var ruleMatches = rule === "" || group.getAttribute("data-rule") === rule;
        var any = false;
        Array.prototype.forEach.call(group.querySelectorAll("tr.diag"), function (row) {
          var visible = ruleMatches && wanted[row.getAttribute("data-severity")] !== false;
          row.hidden = !visible;
          if (visible) { any = true; shown++; }
        });
        group.hidden = !any;
      });
      if (output) output.textContent = shown + (shown === 1 ? " row shown" : " rows shown");
    }
    bar.addEventListener("change", apply);
    bar.hidden = false;
    apply();
  });
})();
`;
