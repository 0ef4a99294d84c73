import { readFileSync } from "node:fs";
import AjvDraft04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { makeReport, type Report } from "../src/core/report.js";
import { escapeData, escapeProperty, formatGithub } from "../src/reporters/github.js";
import { formatJunit } from "../src/reporters/junit.js";
import { formatSarif, ruleDocsUrl } from "../src/reporters/sarif.js";
import { validate } from "../src/engine/validate.js";

const chat = (user: string, assistant: string) => JSON.stringify({ messages: [{ role: "user", content: user }, { role: "assistant", content: assistant }] });

/** A small dataset with an empty answer (line 2), a bad role (line 3) and a duplicate (line 4 = line 1). */
async function sampleReport(): Promise<Report> {
  const lines = [
    chat("hi", "hello"),
    chat("empty?", ""),
    JSON.stringify({ messages: [{ role: "robot", content: "x" }, { role: "assistant", content: "y" }] }),
    chat("hi", "hello"),
  ];
  return validate(lines.values(), { name: "data/my train.jsonl" });
}

describe("sarif reporter", () => {
  it("is valid SARIF 2.1.0 (checked against the official JSON Schema)", async () => {
    const schema = JSON.parse(readFileSync(new URL("./fixtures/sarif-schema-2.1.0.json", import.meta.url), "utf8"));
    // unicodeRegExp: false because the published schema has a `language` pattern that is invalid with the u flag.
    // A CommonJS module: its class is the default export's `default` under Node's interop.
    const Ajv = (AjvDraft04 as unknown as { default: typeof AjvDraft04.default }).default;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    const check = ajv.compile(schema);
    const log = JSON.parse(formatSarif(await sampleReport()));
    expect(check(log), JSON.stringify(check.errors, null, 2)).toBe(true);
    // A schema that accepts anything would make the assertion above meaningless.
    expect(check({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it("lists each rule once with its help URI and points results at file, line and JSON Pointer", async () => {
    const report = await sampleReport();
    const log = JSON.parse(formatSarif(report));
    const run = log.runs[0];
    const ids: string[] = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const all = report.files[0]!.diagnostics;
    expect(run.results).toHaveLength(all.length);
    for (const rule of run.tool.driver.rules) expect(rule.helpUri).toBe(ruleDocsUrl(rule.id));

    const empty = run.results.find((r: { ruleId: string }) => r.ruleId === "assistant-content-empty");
    expect(empty.level).toBe("error");
    expect(ids[empty.ruleIndex]).toBe("assistant-content-empty");
    const loc = empty.locations[0];
    expect(loc.physicalLocation.artifactLocation).toEqual({ uri: "data/my%20train.jsonl", uriBaseId: "%SRCROOT%" });
    expect(loc.physicalLocation.region.startLine).toBe(2);
    expect(loc.logicalLocations[0].fullyQualifiedName).toBe("/messages/1/content");

    const dup = run.results.find((r: { ruleId: string }) => r.ruleId === "example-duplicate");
    expect(dup.locations[0].physicalLocation.region.startLine).toBe(4);
    expect(dup.relatedLocations[0].physicalLocation.region.startLine).toBe(1);
  });

  it("maps info to note and a clean run to an empty result list", async () => {
    const clean = JSON.parse(formatSarif(makeReport([])));
    expect(clean.runs[0].results).toEqual([]);
    expect(clean.runs[0].tool.driver.rules).toEqual([]);
  });
});

describe("github reporter", () => {
  it("escapes data and properties the way the Actions runner parses them", () => {
    expect(escapeData("100% a\r\nb")).toBe("100%25 a%0D%0Ab");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });

  it("prints one annotation per finding with file, line and title, then a summary", async () => {
    const out = formatGithub(await sampleReport());
    const lines = out.trimEnd().split("\n");
    const empty = lines.find((l) => l.includes("assistant-content-empty"))!;
    expect(empty).toMatch(/^::error file=data\/my train\.jsonl,line=2,title=ftdata \(assistant-content-empty\)::\S.* \(messages\[1\]\.content\)$/);
    const dup = lines.find((l) => l.includes("example-duplicate"))!;
    expect(dup).toMatch(/^::(warning|error) file=data\/my train\.jsonl,line=4,title=ftdata \(example-duplicate\)::/);
    expect(lines.at(-1)).toMatch(/^ftdata: \d+ errors?, \d+ warnings?, \d+ infos? in 1 file, 4 records$/);
    // Every annotation is a single line, whatever the message holds.
    expect(lines.filter((l) => l.startsWith("::"))).toHaveLength(lines.length - 1);
  });

  it("escapes commas and colons in file names so the runner does not split them", () => {
    const report = makeReport([
      {
        file: "a,b:c.jsonl", format: "openai-chat", lines: 1, records: 1, errorCount: 1, warningCount: 0, infoCount: 0,
        diagnostics: [{ ruleId: "json-invalid", severity: "error", message: "bad\nthing 100%", file: "a,b:c.jsonl", line: 1 }],
      },
    ]);
    expect(formatGithub(report).split("\n")[0]).toBe("::error file=a%2Cb%3Ac.jsonl,line=1,title=ftdata (json-invalid)::bad%0Athing 100%25");
  });
});

describe("junit reporter", () => {
  it("has a suite per file and a case per finding; only errors are failures", async () => {
    const report = await sampleReport();
    const xml = formatJunit(report);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const diags = report.files[0]!.diagnostics;
    const errors = diags.filter((d) => d.severity === "error").length;
    expect(errors).toBeGreaterThan(0);
    expect(diags.length).toBeGreaterThan(errors); // the duplicate is a warning
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml.match(/<testcase /g)).toHaveLength(diags.length);
    expect(xml.match(/<failure /g)).toHaveLength(errors);
    expect(xml).toContain(`<testsuite name="data/my train.jsonl" tests="${diags.length}" failures="${errors}"`);
    expect(xml).toMatch(/<testcase classname="data\/my train.jsonl" name="assistant-content-empty \(line 2 messages\[1\]\.content\)">\s*<failure type="error" message="[^"]+">line 2 messages\[1\]\.content: /);
    // The warning passes, with its text kept under the case.
    expect(xml).toMatch(/<testcase classname="data\/my train.jsonl" name="example-duplicate \(line 4\)">\s*<system-out>warning: line 4: /);
    // Never two failures in one testcase.
    for (const tc of xml.split("<testcase ").slice(1)) expect(tc.split("</testcase>")[0]!.match(/<failure /g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it("never fails on infos or warnings alone", () => {
    const info = (line: number) => ({ ruleId: "examples-recommended-count", severity: "info" as const, message: "few", file: "a.jsonl", line });
    const report = makeReport([
      { file: "a.jsonl", format: "openai-chat", lines: 12, records: 12, errorCount: 0, warningCount: 1, infoCount: 12,
        diagnostics: [...Array.from({ length: 12 }, (_, i) => info(i + 1)), { ruleId: "example-duplicate", severity: "warning", message: "dup", file: "a.jsonl", line: 3 }] },
    ]);
    const xml = formatJunit(report);
    expect(xml).not.toContain("<failure");
    expect(xml).toContain('<testsuites name="ftdata" tests="13" failures="0" errors="0">');
  });

  it("escapes markup and drops characters XML cannot hold", () => {
    const report = makeReport([
      {
        file: "<x>.jsonl", format: null, lines: 1, records: 0, errorCount: 1, warningCount: 0, infoCount: 0,
        diagnostics: [{ ruleId: "json-invalid", severity: "error", message: `a "b" & <c> \u0001 \uD800`, file: "<x>.jsonl", line: 1 }],
      },
      { file: "ok.jsonl", format: "openai-chat", lines: 1, records: 1, errorCount: 0, warningCount: 0, infoCount: 0, diagnostics: [] },
    ]);
    const xml = formatJunit(report);
    expect(xml).toContain('message="a &quot;b&quot; &amp; &lt;c&gt; \uFFFD \uFFFD"');
    expect(xml).toContain('<testsuite name="ok.jsonl" tests="1" failures="0"');
    expect(xml).toContain('<testsuites name="ftdata" tests="2" failures="1" errors="0">');
  });
});
