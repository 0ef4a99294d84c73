import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findSecrets, mayHoldPasswordValue } from "../src/security/secrets.js";
import { findTemplateTokens } from "../src/security/template-tokens.js";

// The content scanners skip their regexes on texts a cheap character walk proves cannot match
// (src/security/template-tokens.ts `openers`, src/security/secrets.ts `mayHoldPasswordValue`). These
// tests hold the shortcuts to the plain definitions: the regexes run on every text.

const pieces = (xs: readonly string[]) =>
  fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...xs) }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }), { maxLength: 14 }).map((a) => a.join(""));

// The template patterns as written in template-tokens.ts, run on every text with no shortcut.
const PIPE = /<\|[A-Za-z][\w.-]{0,40}\|>/g;
const LITERALS: RegExp[] = [
  /\[\/?INST\]/g,
  /<<\/?SYS>>/g,
  /\[(?:AVAILABLE_TOOLS|\/AVAILABLE_TOOLS|TOOL_CALLS|TOOL_RESULTS|\/TOOL_RESULTS|SYSTEM_PROMPT|\/SYSTEM_PROMPT)\]/g,
  /<(?:start_of_turn|end_of_turn)>/g,
  /<(?:bos|eos)>/g,
];
const SENTENCE = /^\s*<s>|<s>\s*\[INST\]|<\/s>\s*$|<\/s>\s*<s>/g;
function plainTokens(text: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const re of [PIPE, ...LITERALS]) for (const m of text.matchAll(re)) out.push([m[0], m.index]);
  for (const m of text.matchAll(SENTENCE)) {
    const token = m[0].includes("</s>") ? "</s>" : "<s>";
    out.push([token, m.index + m[0].indexOf(token)]);
  }
  return out.sort((a, b) => a[1] - b[1]);
}

const templateText = pieces([
  "[", "]", "<", ">", "/", "<<", ">>", "[]", "[/", "INST", "SYS", "[INST]", "[/INST]", "<<SYS>>", "<</SYS>>", "<s>", "</s>", "s>",
  "[TOOL_CALLS]", "[/TOOL_RESULTS]", "[AVAILABLE_TOOLS]", "[SYSTEM_PROMPT]", "TOOLS]", "<start_of_turn>", "<end_of_turn>", "_of_turn>",
  "<bos>", "<eos>", "os>", "<|im_start|>", "<|", "|>", " ", "\n", "中文", "a < b", "<div>", "x=1",
]);

describe("template-token scanner", () => {
  it("finds what the patterns find, run on every text", () => {
    fc.assert(
      fc.property(templateText, (text) => {
        expect(findTemplateTokens(text).map((f) => [f.token, f.index])).toEqual(plainTokens(text));
      }),
      { numRuns: 3000 },
    );
  });
});

const PASSWORD_ASSIGNMENT = /\b(?:password|pwd)\s*=/i;
const kvText = pieces([
  "password", "PassWord", "PASSWORD", "pwd", "PWD", "xpwd", "_pwd", "my-password", "=", " = ", "\t", "\u00a0", "\u3000", "\u2028", "\ufeff",
  "server=db;", "Host = x;", "uid=sa;", "hunter22", "s3cr3t!x", ";", "'", "中", "ſ", "K",
]);

describe("connection-string scanner", () => {
  it("looks for a password value exactly where \\b(?:password|pwd)\\s*= matches", () => {
    fc.assert(
      fc.property(kvText, (text) => {
        expect(mayHoldPasswordValue(text)).toBe(PASSWORD_ASSIGNMENT.test(text));
      }),
      { numRuns: 5000 },
    );
  });
  it("still finds a key=value password behind the shortcut", () => {
    const found = findSecrets("Server=db.internal;Database=app;User Id=sa;Password = Tr0ub4dor&3;");
    expect(found.map((f) => [f.kind, f.masked])).toEqual([["connection-string", "Password =****"]]);
  });
});
