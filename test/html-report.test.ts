import { splitFixture } from "./helpers/split-fixture.js";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/core/diagnostic.js";
import { makeReport, type FileReport, type Report } from "../src/core/report.js";
import { formatHtml } from "../src/reporters/html.js";
import { reporters } from "../src/reporters/index.js";
import type { ReportSamples } from "../src/samples.js";
import { DPO_STATS, SFT_STATS } from "./fixtures/html/stats.js";

function diag(ruleId: string, line: number | undefined, extra: Partial<Diagnostic> = {}): Diagnostic {
  const d: Diagnostic = { ruleId, messageId: "m", data: {}, severity: "error", message: `${ruleId} on ${line}`, file: "train.jsonl", ...extra };
  if (line !== undefined) d.line = line;
  return d;
}

function fileReport(diagnostics: Diagnostic[], extra: Partial<FileReport> = {}): FileReport {
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  return {
    file: "train.jsonl",
    format: "openai-chat",
    lines: 1205,
    records: 1205,
    errorCount: count("error"),
    warningCount: count("warning"),
    infoCount: count("info"),
    diagnostics,
    ...extra,
  };
}

function reportOf(...files: FileReport[]): Report {
  return makeReport(files);
}

/** Short failure messages: a failed toContain would print the whole page. */
function contains(html: string, s: string): void {
  expect(html.includes(s), `expected the page to contain ${JSON.stringify(s)}`).toBe(true);
}
function lacks(html: string, s: string): void {
  expect(html.includes(s), `expected the page not to contain ${JSON.stringify(s)}`).toBe(false);
}
function matches(html: string, re: RegExp): void {
  expect(re.test(html), `expected the page to match ${re}`).toBe(true);
}

describe("formatHtml", () => {
  it("draws total and trained token histograms with the model limit marked, and the summary figures", () => {
    const html = formatHtml(reportOf(fileReport([diag("assistant-content-empty", 17)], { stats: SFT_STATS })));
    contains(html, "Total tokens per example");
    contains(html, "Trained tokens per example");
    // The 16,385 limit falls inside the 16,384–32,768 bucket: a dashed line in both histograms.
    expect(html.match(/class="limit"/g)).toHaveLength(2);
    contains(html, "limit 16,385");
    // Buckets wholly past the limit are drawn as over it (only the 16,384+ bucket straddles: not over).
    matches(html, /<rect class="bar total" [^>]*><title>16,384–32,768 tokens: 1 example<\/title>/);
    contains(html, "Messages per example");
    contains(html, "Messages by role");
    contains(html, "25 examples without a system message");
    // Summary: billed tokens, epochs, cost with its price source.
    contains(html, "2,895,000");
    contains(html, "965,000 per epoch");
    contains(html, "$8.69");
    contains(html, "$3.00 / 1M training tokens");
    contains(html, "gpt-4o-mini-2024-07-18");
    lacks(html, "Preferred vs non-preferred");
  });

  it("marks over-limit buckets and puts the limit line at its position", () => {
    const stats = { ...SFT_STATS, limit: 4096 };
    const html = formatHtml(reportOf(fileReport([], { stats })));
    matches(html, /<rect class="bar total over"[^>]*><title>4,096–8,192 tokens: 19 examples/);
    matches(html, /<rect class="bar total"[^>]*><title>2,048–4,096 tokens: 56 examples/);
  });

  it("copes with an empty file's stats and an open-ended last bucket (Infinity, or null after JSON)", () => {
    const zero = { count: 0, sum: 0, min: 0, p5: 0, p25: 0, median: 0, mean: 0, p75: 0, p95: 0, max: 0 };
    const empty = { ...SFT_STATS, examples: 0, messagesPerExample: zero, totalTokens: zero, trainedTokens: zero, histogram: { total: { buckets: [] }, trained: { buckets: [] } }, roles: {} };
    const open = JSON.parse(JSON.stringify({ ...SFT_STATS, histogram: { total: { buckets: [{ lo: 0, hi: 8192, count: 5 }, { lo: 8192, hi: Infinity, count: 2 }] }, trained: SFT_STATS.histogram.trained } }));
    for (const stats of [empty, open]) {
      // The visible page (the embedded JSON summary may hold `"hi": null`).
      const html = formatHtml(reportOf(fileReport([], { stats }))).replace(/<script type="application\/json"[^]*?<\/script>/, "");
      lacks(html, "NaN");
      lacks(html, "Infinity");
      lacks(html, "null");
    }
    contains(formatHtml(reportOf(fileReport([], { stats: empty }))), ">no examples</text>");
    contains(formatHtml(reportOf(fileReport([], { stats: open }))), "<title>≥ 8,192 tokens: 2 examples</title>");
  });

  it("compares preferred and non-preferred answer lengths for preference data, and says when price and limit are unknown", () => {
    const html = formatHtml(reportOf(fileReport([], { format: "openai-dpo", stats: DPO_STATS })));
    contains(html, "Preferred vs non-preferred answer length");
    matches(html, /<g class="box chosen"><title>preferred: min 20, p5 45, p25 110, median 180/);
    matches(html, /<g class="box rejected"><title>non-preferred: min 8, p5 20, p25 48, median 75/);
    contains(html, "unknown price");
    contains(html, "The model&#39;s token limit is not known.");
    lacks(html, 'class="limit"');
  });

  it("without stats says so, leaves billed tokens blank and still charts problems by rule", () => {
    const html = formatHtml(reportOf(fileReport([diag("json-invalid", 3), diag("json-invalid", 9), diag("example-duplicate", 4, { severity: "warning" })])));
    contains(html, "Token statistics were not computed for this file");
    contains(html, "not computed");
    lacks(html, "Total tokens per example");
    contains(html, "Problems by rule");
    matches(html, /<rect class="bar error"[^>]*><title>json-invalid: 2<\/title>/);
    matches(html, /<rect class="bar warning"[^>]*><title>example-duplicate: 1<\/title>/);
  });

  it("groups diagnostics by rule, most severe first, with counts and a severity/rule filter bar", () => {
    const diagnostics = [
      diag("example-duplicate", 4, { severity: "warning" }),
      diag("json-invalid", 9, { column: 12 }),
      diag("examples-recommended-count", undefined, { severity: "info" }),
      diag("example-duplicate", 8, { severity: "warning" }),
    ];
    const html = formatHtml(reportOf(fileReport(diagnostics)));
    const order = ["json-invalid", "example-duplicate", "examples-recommended-count"].map((r) => html.indexOf(`<tbody data-rule="${r}">`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    contains(html, "2 diagnostics · warning");
    contains(html, '<td class="line">9:12</td>');
    contains(html, '<td class="line">—</td>');
    matches(html, /<div class="filters" data-table="diags-0" hidden>/);
    contains(html, '<input type="checkbox" name="severity" value="error" checked>');
    contains(html, '<option value="example-duplicate">example-duplicate (2)</option>');
    expect(html.match(/<tr class="diag" data-severity="warning">/g)).toHaveLength(2);
  });

  it("escapes dataset text everywhere: no <script>, </style> or element from the data survives", () => {
    const evil = "</style></script><script>alert(1)</script><img src=x onerror=alert(2)>";
    const diagnostics: Diagnostic[] = [
      {
        ruleId: "message-role-invalid",
        messageId: "unknown",
        data: {},
        severity: "error",
        message: `Unknown role "${evil}"`,
        file: `a${evil}.jsonl`,
        line: 2,
        path: `/messages/0/${evil}`,
        hint: evil,
        related: [{ file: `a${evil}.jsonl`, line: 1, message: evil }],
      },
    ];
    const stats = { ...SFT_STATS, model: evil, encoding: evil, roles: { [evil]: 3, user: 5 } };
    const report = reportOf(fileReport(diagnostics, { file: `a${evil}.jsonl`, format: null, formatReason: evil, stats }));
    report.split = splitFixture(9, 1, [[evil, 9, 1]], evil);
    const samples: ReportSamples = {
      perRule: 20,
      maxBytes: 8192,
      files: { [`a${evil}.jsonl`]: { examples: [{ line: 2, text: JSON.stringify({ messages: [{ role: evil, content: evil }] }), bytes: 200, truncated: false }] } },
    };
    const html = formatHtml(report, samples, { title: evil });
    // Exactly our two script blocks (the JSON summary and the filter script) and our one style block.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<img/);
    expect(html).not.toMatch(/<[^>]*\sonerror=/);
    contains(html, "&lt;/style&gt;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
    // The role key inside the pretty-printed example is escaped too.
    contains(html, "&quot;role&quot;: &quot;&lt;/style&gt;");
    // And the embedded JSON cannot close its script block.
    const json = html.slice(html.indexOf('id="ftdata-summary">') + 20, html.indexOf("</script>"));
    lacks(json, "<");
    expect(JSON.parse(json).files[0].stats.model).toBe(evil);
  });

  it("forbids every network load with a Content-Security-Policy and admits only its own script and style by hash", () => {
    const html = formatHtml(reportOf(fileReport([diag("json-invalid", 1)])));
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? "";
    expect(policy).not.toBe("");
    contains(policy, "default-src 'none'");
    contains(policy, "connect-src 'none'");
    lacks(policy, "unsafe-inline");
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = (s: string) => createHash("sha256").update(s).digest("base64");
    contains(policy, `script-src 'sha256-${hash(script)}'`);
    contains(policy, `style-src 'sha256-${hash(style)}'`);
    // No style attributes (the policy would block them) and nothing that fetches.
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
  });

  it("lists at most maxRowsPerRule diagnostics per rule and says how many more there are", () => {
    const many = Array.from({ length: 1000 }, (_, i) => diag("example-duplicate", i + 2, { severity: "warning" }));
    const html = formatHtml(reportOf(fileReport([...many, diag("json-invalid", 1)])), undefined, { maxRowsPerRule: 50 });
    expect(html.match(/<tr class="diag"/g)).toHaveLength(51);
    contains(html, "… and 950 more diagnostics of this rule not shown here");
    contains(html, "1,000 diagnostics · warning");
    contains(html, "At most 50 diagnostics per rule are listed; counts are complete.");
  });

  it("stays bounded for a huge report: 100,000 diagnostics give a page of a few hundred KiB", () => {
    const many = Array.from({ length: 100_000 }, (_, i) => diag("example-duplicate", i + 2, { severity: "warning", related: [{ file: "train.jsonl", line: 1 + (i % 80), message: "first occurrence" }] }));
    const html = formatHtml(reportOf(fileReport(many)));
    expect(html.match(/<tr class="diag"/g)).toHaveLength(200);
    expect(Buffer.byteLength(html)).toBeLessThan(400 * 1024);
    contains(html, "… and 30 more clusters not shown.");
  });

  it("shows the example of a sampled line on click (<details>), folding long text", () => {
    const long = JSON.stringify({ messages: [{ role: "user", content: "x".repeat(5000) }] });
    const samples: ReportSamples = {
      perRule: 1,
      maxBytes: 100_000,
      files: {
        "train.jsonl": {
          examples: [
            { line: 3, text: '{"messages":[{"role":"user","content":"hi"}]}', bytes: 44, truncated: false },
            { line: 5, text: long, bytes: long.length, truncated: false },
            { line: 7, text: '{"messages": [{"rol', bytes: 90000, truncated: true },
          ],
        },
      },
    };
    const diagnostics = [diag("a-rule", 3), diag("a-rule", 4), diag("b-rule", 5), diag("c-rule", 7)];
    const html = formatHtml(reportOf(fileReport(diagnostics)), samples);
    // Line 3 is a-rule's one sampled line: pretty-printed inside a <details>; line 4 was not sampled.
    contains(html, '<details class="example"><summary>a-rule on 3</summary>');
    contains(html, "&quot;role&quot;: &quot;user&quot;,\n");
    lacks(html, "<summary>a-rule on 4</summary>");
    contains(html, "<td>a-rule on 4</td>");
    // Long content is folded, not dropped.
    matches(html, /<details class="fold"><summary>show [\d,]+ more characters<\/summary>/);
    // A cut line says so and is shown as written.
    contains(html, "Line 7 is 90,000 bytes; the first 19 are shown.");
    contains(html, "{&quot;messages&quot;: [{&quot;rol</pre>");
  });

  it("says why examples are missing: not collected, left out, or unreadable stdin", () => {
    const report = reportOf(fileReport([diag("json-invalid", 1)], { file: "<stdin>" }));
    contains(formatHtml(report), "Examples are not included in this report.");
    contains(formatHtml(report, { perRule: 0, maxBytes: 0, files: {}, omitted: true }), "Example text was left out on request.");
    const stdin: ReportSamples = { perRule: 20, maxBytes: 8192, files: { "<stdin>": { examples: [], unavailable: "read from standard input, which cannot be read a second time: examples are not shown" } } };
    contains(formatHtml(report, stdin), "This file was read from standard input, which cannot be read a second time");
  });

  it("lists duplicate and conflict clusters from related lines and from an optional clusters field", () => {
    const diagnostics = [
      diag("example-duplicate", 13, { severity: "warning", related: [{ file: "train.jsonl", line: 3, message: "first occurrence" }] }),
      diag("example-duplicate", 21, { severity: "warning", related: [{ file: "train.jsonl", line: 3, message: "first occurrence" }] }),
      diag("example-duplicate", 37, { severity: "warning", related: [{ file: "train.jsonl", line: 8, message: "first occurrence" }] }),
    ];
    const f = fileReport(diagnostics);
    // Older or hand-made cluster shapes are read too; nonsense is skipped.
    (f as unknown as { clusters: unknown }).clusters = [
      { check: "prompt-conflict", severity: "warning", count: 1, groups: [{ key: "abc", lines: [40, 44, 51] }] },
      { ruleId: "example-duplicate", lines: [3, 13, 21, 60] },
      { nonsense: true },
    ];
    const html = formatHtml(reportOf(f));
    contains(html, "3 clusters; each lists the first occurrence first.");
    contains(html, "<code>example-duplicate</code> <span class=\"sev sev-warning\">warning</span> · 4 lines: 3, 13, 21, 60");
    contains(html, "2 lines: 8, 37");
    contains(html, "<code>prompt-conflict</code> <span class=\"sev sev-warning\">warning</span> · 3 lines: 40, 44, 51");
    contains(html, "→ first occurrence: line 3");
  });

  it("gives a cluster cut at the listing limit its real size", () => {
    const f = fileReport([]);
    (f as unknown as { clusters: unknown }).clusters = [{ ruleId: "example-duplicate", kind: "duplicate", lines: [3, 13, 21], size: 250000 }];
    const html = formatHtml(reportOf(f));
    contains(html, "· 250,000 lines: 3, 13, 21, … (249,970 more)");
  });

  it("shows split sizes and strata when the report has a split", () => {
    const report = reportOf(fileReport([]));
    report.split = splitFixture(900, 100, [
      ["billing", 600, 66],
      ["login", 300, 34],
    ]);
    const html = formatHtml(report);
    contains(html, "Split sizes");
    matches(html, /<title>train: 900 \(90 %\)<\/title>/);
    matches(html, /<title>holdout: 100 \(10 %\)<\/title>/);
    contains(html, "<td>billing</td><td class=\"num\">600</td><td class=\"num\">66</td>");
    contains(html, "hash-threshold");
  });

  it("is pure: the same report gives the same bytes, and the html reporter is registered for --reporter", () => {
    const report = reportOf(fileReport([diag("json-invalid", 1)], { stats: SFT_STATS }), fileReport([], { file: "b.jsonl", stats: DPO_STATS }));
    expect(formatHtml(report)).toBe(formatHtml(report));
    expect(reporters.html!(report, { color: false })).toBe(formatHtml(report));
    // Two files get an overview table with links to each section.
    contains(formatHtml(report), '<a href="#file-1">b.jsonl</a>');
  });
});
