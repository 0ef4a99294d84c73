import { describe, expect, it } from "vitest";
import { formatMessage } from "../src/core/diagnostic.js";
import { plural, withArticle } from "../src/core/wording.js";
import { validate } from "../src/engine/validate.js";

describe("messages use plurals and articles properly", () => {
  it("one helper: counts and articles", () => {
    expect(plural(1, "example")).toBe("1 example");
    expect(plural(0, "example")).toBe("0 examples");
    expect(plural(2, "entry", "entries")).toBe("2 entries");
    expect(["assistant", "user", "system", "tool", "unknown", "unique", "one-off", "image"].map(withArticle)).toEqual(
      ["an assistant", "a user", "a system", "a tool", "an unknown", "a unique", "a one-off", "an image"],
    );
    expect(formatMessage("has {{count|plural:example}}, on {{role|a}} message", { count: 1, role: "assistant" })).toBe("has 1 example, on an assistant message");
    expect(formatMessage("{{n|plural:record is:records are}} there", { n: 3 })).toBe("3 records are there");
  });

  it("rule messages: '1 example', 'an assistant message'", async () => {
    const rec = { messages: [{ role: "user", content: "q" }, { role: "assistant", content: "a", score: 1 }] };
    const f = (await validate([rec])).files[0]!;
    expect(f.diagnostics.find((d) => d.ruleId === "examples-min-count")?.message).toBe("The file has 1 example; at least 10 are required");
    expect(f.diagnostics.find((d) => d.ruleId === "message-key-unknown")?.message).toMatch(/^Unknown key "score" on an assistant message/);
  });
});
