import { describe, expect, it } from "vitest";
import { formatGithub, formatGithubSummary } from "../src/reporters/github.js";
import { formatHtml } from "../src/reporters/html.js";
import { formatJunit } from "../src/reporters/junit.js";
import { formatSarif } from "../src/reporters/sarif.js";
import { formatStylish } from "../src/reporters/stylish.js";
import { validate } from "../src/engine/validate.js";
import { runCli, tempTree } from "./support/cli.js";

/** 302 rows, each with two metadata columns the format does not define (as an exporter adds them). */
const rows = Array.from({ length: 302 }, (_, i) =>
  JSON.stringify({ id: i, source: "web", messages: [{ role: "user", content: `question ${i}` }, { role: "assistant", content: `answer ${i}` }] }),
);

describe("repeated findings are grouped", () => {
  it("one unknown key on every row is one diagnostic per key, with its count and first lines", async () => {
    const report = await validate(rows.values(), { name: "train.jsonl" });
    const f = report.files[0]!;
    const unknown = f.diagnostics.filter((d) => d.ruleId === "record-key-unknown");
    expect(unknown.map((d) => [d.line, d.data?.key, d.data?.occurrences])).toEqual([
      [1, "id", 302],
      [1, "source", 302],
    ]);
    expect(unknown[0]!.related?.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(unknown[0]!.message).toMatch(/\(on 302 lines: 1, 2, 3, 4, 5 and 297 more\)$/);
    // Counted as before: the listing changes, the counts (and so exit codes, --max-warnings) do not.
    expect(f.warningCount).toBe(604);
    expect(report.warningCount).toBe(604);
  });

  it("allOccurrences lists every line", async () => {
    const report = await validate(rows.values(), { name: "train.jsonl", allOccurrences: true });
    const f = report.files[0]!;
    expect(f.diagnostics.filter((d) => d.ruleId === "record-key-unknown")).toHaveLength(604);
    expect(f.diagnostics.some((d) => d.data?.occurrences !== undefined)).toBe(false);
    expect(f.warningCount).toBe(604);
  });

  it("the same key on messages at different positions is one finding; different keys are not", async () => {
    const rec = (extra: object) => ({ messages: [{ role: "user", content: "q" }, { role: "assistant", content: "a", ...extra }, { role: "user", content: "q2" }, { role: "assistant", content: "a2", ...extra }] });
    const report = await validate([rec({ loss: 1 }), rec({ loss: 0 }), rec({ score: 1 })]);
    const d = report.files[0]!.diagnostics.filter((x) => x.ruleId === "message-key-unknown");
    expect(d.map((x) => [x.line, x.path, x.data?.key, x.data?.occurrences])).toEqual([
      [1, "/messages/1/loss", "loss", 4],
      [3, "/messages/1/score", "score", 2],
    ]);
  });

  it("rules about single examples are not grouped: every empty answer keeps its line", async () => {
    const empty = (q: string) => JSON.stringify({ messages: [{ role: "user", content: q }, { role: "assistant", content: "" }] });
    const report = await validate([empty("a"), empty("b"), empty("c")].values());
    expect(report.files[0]!.diagnostics.filter((d) => d.ruleId === "assistant-content-empty").map((d) => d.line)).toEqual([1, 2, 3]);
  });

  it("every reporter shows the count", async () => {
    const report = await validate(rows.values(), { name: "train.jsonl" });
    expect(formatStylish(report)).toMatch(/Unknown top-level key "id".*on 302 lines: 1, 2, 3, 4, 5 and 297 more/);
    expect(formatGithub(report)).toMatch(/::warning file=train.jsonl,line=1,.*Unknown top-level key "id".*on 302 lines/);
    expect(formatGithubSummary(report)).toMatch(/\| record-key-unknown \| warning \| 604 \|/);
    expect(formatJunit(report)).toMatch(/on 302 lines: 1, 2, 3, 4, 5 and 297 more/);
    const sarif = JSON.parse(formatSarif(report));
    const res = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "record-key-unknown");
    expect(res.map((r: { occurrenceCount: number }) => r.occurrenceCount)).toEqual([302, 302]);
    expect(res[0].relatedLocations.map((l: { physicalLocation: { region: { startLine: number } } }) => l.physicalLocation.region.startLine)).toEqual([2, 3, 4, 5]);
    const html = formatHtml(report);
    expect(html).toMatch(/<td><code>record-key-unknown<\/code><\/td><td><span class="sev sev-warning">warning<\/span><\/td><td class="num">604<\/td><td>1, 2, 3, 4, 5<\/td>/);
  });

  it("ftdata lint --all-occurrences lists every line", () => {
    const cwd = tempTree({ "train.jsonl": rows.slice(0, 12).join("\n") + "\n" });
    const grouped = runCli(["lint", "train.jsonl", "--reporter", "json", "--no-config"], { cwd });
    const all = runCli(["lint", "train.jsonl", "--reporter", "json", "--no-config", "--all-occurrences"], { cwd });
    const count = (out: string) => JSON.parse(out).files[0].diagnostics.filter((d: { ruleId: string }) => d.ruleId === "record-key-unknown").length;
    expect(count(grouped.stdout)).toBe(2);
    expect(count(all.stdout)).toBe(24);
    expect(JSON.parse(all.stdout).warningCount).toBe(JSON.parse(grouped.stdout).warningCount);
  });
});

describe("a finding on several messages of one row", () => {
  it("counts occurrences and lists distinct lines", async () => {
    const row = JSON.stringify({ messages: [{ role: "user", content: "q", loss: 1 }, { role: "assistant", content: "a" }, { role: "user", content: "q2", loss: 1 }, { role: "assistant", content: "a2" }] });
    const report = await validate([row, row.replace("q2", "q3"), row.replace("q2", "q4")].values());
    const d = report.files[0]!.diagnostics.filter((x) => x.ruleId === "message-key-unknown");
    expect(d).toHaveLength(1);
    expect(d[0]!.data?.occurrences).toBe(6);
    expect(d[0]!.related?.map((r) => r.line)).toEqual([2, 3]);
    expect(d[0]!.message).toMatch(/\(6 times on 3 lines: 1, 2, 3\)$/);
  });
});
