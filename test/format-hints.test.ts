import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convert } from "../src/convert/index.js";
import { FtdataUsageError } from "../src/core/errors.js";
import { formats } from "../src/formats/index.js";
import { validate } from "../src/engine/validate.js";

const noMin = { rules: { "examples-min-count": "off" as const } };
const formatUnknown = async (rec: Record<string, unknown>) => (await validate([rec][Symbol.iterator]() as never, noMin)).files[0]!.diagnostics.find((d) => d.ruleId === "format-unknown");

describe("format-unknown says --format only when it would help", () => {
  it("ambiguous keys: names the formats to choose from", async () => {
    const d = await formatUnknown({ text: "a", messages: [{ role: "user", content: "b" }, { role: "assistant", content: "c" }] });
    expect(d?.hint).toMatch(/--format openai-chat or --format text|--format text or --format openai-chat/);
  });

  it("a layout ftdata does not read: no --format hint", async () => {
    const d = await formatUnknown({ conversations: [{ from: "human", value: "a" }], chosen: { from: "gpt", value: "b" }, rejected: { from: "gpt", value: "c" } });
    expect(d?.message).toMatch(/does not read yet/);
    expect(d?.hint ?? "").not.toMatch(/--format/);
  });

  it("keys that match nothing: no --format hint", async () => {
    const d = await formatUnknown({ foo: 1 });
    expect(d?.message).toMatch(/match no known format/);
    expect(d?.hint ?? "").not.toMatch(/--format/);
  });
});

describe("convert --to lists only formats it can write", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ftdata-convert-to-"));
  const input = path.join(dir, "in.jsonl");
  writeFileSync(input, JSON.stringify({ instruction: "a", output: "b" }) + "\n");
  const unwritable = formats.filter((f) => !f.toRecord).map((f) => f.id);

  it.each(["parquet", ...unwritable])("--to %s is a usage error listing writable targets only", async (to) => {
    expect(unwritable.length).toBeGreaterThan(0);
    const err = await convert(input, { to, output: path.join(dir, `out-${to}.jsonl`) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FtdataUsageError);
    const msg = (err as Error).message;
    expect(msg).not.toMatch(/not supported yet/);
    const listed = msg.slice(msg.indexOf("targets: ") + 9).split(", ");
    expect(listed).toContain("sharegpt");
    for (const id of unwritable) expect(listed).not.toContain(id);
  });
});
