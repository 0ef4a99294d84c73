import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rules } from "../src/validators/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Index of the bracket closing the one at `i`, skipping strings, template literals, regex literals and comments. */
function closing(s: string, i: number): number {
  const stack: string[] = [];
  const pairs: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
  const prevSig = (k: number) => {
    let j = k - 1;
    while (j >= 0 && /\s/.test(s[j]!)) j--;
    return j >= 0 ? s[j]! : "";
  };
  for (let k = i; k < s.length; k++) {
    const c = s[k]!;
    if (c === '"' || c === "'" || c === "`") {
      for (k++; s[k] !== c; k++) if (s[k] === "\\") k++;
    } else if (c === "/" && s[k + 1] === "/") {
      k = s.indexOf("\n", k);
    } else if (c === "/" && "(,:[=!&|?{};".includes(prevSig(k))) {
      let inClass = false;
      for (k++; ; k++) {
        if (s[k] === "\\") k++;
        else if (s[k] === "[") inClass = true;
        else if (s[k] === "]") inClass = false;
        else if (s[k] === "/" && !inClass) break;
      }
    } else if (pairs[c]) stack.push(pairs[c]);
    else if (c === ")" || c === "]" || c === "}") {
      if (stack.pop() !== c) throw new Error(`unbalanced ${c} at ${k}`);
      if (stack.length === 0) return k;
    }
  }
  throw new Error("unbalanced");
}

interface Coverage {
  valid: number;
  invalid: number;
  messageIds: Set<string>;
}

/** What the ruleTester calls in the test files cover, by rule id. */
function testerCoverage(): Map<string, Coverage> {
  const out = new Map<string, Coverage>();
  for (const f of readdirSync(path.join(root, "test")).filter((n) => n.endsWith(".test.ts"))) {
    const src = readFileSync(path.join(root, "test", f), "utf8");
    for (const m of src.matchAll(/\bruleTester\("([a-z0-9-]+)", \{/g)) {
      const open = m.index! + m[0].length - 1;
      const body = src.slice(open, closing(src, open) + 1);
      const c = out.get(m[1]!) ?? { valid: 0, invalid: 0, messageIds: new Set<string>() };
      // "valid: [" not preceded by "in": the valid cases, not the invalid ones.
      const v = /(?<![a-z])valid: \[/.exec(body);
      if (v && !/^valid: \[\s*\]/.test(body.slice(v.index))) c.valid++;
      if (/errors: \[\s*\{/.test(body)) c.invalid++;
      for (const id of body.matchAll(/messageId: "(\w+)"/g)) c.messageIds.add(id[1]!);
      out.set(m[1]!, c);
    }
  }
  return out;
}

describe("the rule registry against its tests", () => {
  const coverage = testerCoverage();

  it("every rule has at least one valid and one invalid ruleTester case", () => {
    const missing = rules
      .map((r) => r.meta.id)
      .filter((id) => {
        const c = coverage.get(id);
        return !c || c.valid === 0 || c.invalid === 0;
      }) as string[];
    expect(missing, "rules without a valid and an invalid case").toEqual([]);
  });

  it("every message id of every rule is asserted by some ruleTester case", () => {
    const missing: string[] = [];
    for (const r of rules) {
      for (const id of Object.keys(r.meta.messages)) if (!coverage.get(r.meta.id)?.messageIds.has(id)) missing.push(`${r.meta.id}/${id}`);
    }
    expect(missing, "message ids no case asserts").toEqual([]);
  });

  it("ruleTester cases name only registered rules and their message ids", () => {
    for (const [id, c] of coverage) {
      const rule = rules.find((r) => r.meta.id === id);
      expect(rule, id).toBeDefined();
      for (const m of c.messageIds) expect(Object.keys(rule!.meta.messages), `${id}/${m}`).toContain(m);
    }
  });

  it("no rule is an empty shell: a rule without a visitor says who reports it", () => {
    for (const r of rules) {
      if (r.create) continue;
      expect(r.meta.reportedBy, `${r.meta.id} has no create() and no meta.reportedBy`).toMatch(/^(reader|engine|grader|split)$/);
    }
    expect(rules.filter((r) => r.create && /create:\s*\(\)\s*=>\s*\(\{\}\)/.test(readFileSync(path.join(root, "src/validators", `${r.meta.id}.ts`), "utf8"))).map((r) => r.meta.id)).toEqual([]);
  });
});
