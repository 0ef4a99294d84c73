import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatHtml } from "../src/reporters/html.js";
import { collectSamples } from "../src/samples.js";
import { validate } from "../src/engine/validate.js";

const KEY = "sk-proj-" + "Q7vT2mX9pL4rW8kZ3nB6yH1cF5dJ0sGaE4uR7iO2";
const chat = (q: string, a: string) => JSON.stringify({ messages: [{ role: "user", content: q }, { role: "assistant", content: a }] });

describe("html report examples", () => {
  it("mask a flagged secret in the embedded example line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-html-secret-"));
    writeFileSync(path.join(dir, "train.jsonl"), [chat("my key?", `Use ${KEY} in the header.`), chat("hi", "hello")].join("\n") + "\n");
    const report = await validate("train.jsonl", { cwd: dir });
    const d = report.files[0]!.diagnostics.find((x) => x.ruleId === "secret-api-key");
    expect(d?.line).toBe(1);
    const html = formatHtml(report, await collectSamples(report, { cwd: dir }));
    expect(d!.message).toContain("sk-pr…7iO2");
    expect(html).toContain("Use sk-pr…7iO2 in the header."); // the example is shown, masked as in the message
    expect(html).not.toContain(KEY);
    expect(html).not.toContain(KEY.slice(8, 30));
  });

  it("mask emails in examples when the pii-email rule flagged them", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ftdata-html-pii-"));
    writeFileSync(path.join(dir, "train.jsonl"), [chat("contact?", "Write to maria.lopez@gmail.com today."), chat("contact?", "Write to maria.lopez@gmail.com today.")].join("\n") + "\n");
    const on = await validate("train.jsonl", { cwd: dir, rules: { "pii-email": "warning" } });
    expect(on.files[0]!.diagnostics.some((x) => x.ruleId === "pii-email")).toBe(true);
    const html = formatHtml(on, await collectSamples(on, { cwd: dir }));
    expect(html).not.toContain("maria.lopez@gmail.com");
    expect(html).toContain("m…@gmail.com");
  });
});
