import type { PathSegment } from "../core/path.js";
import type { CanonicalExample, CanonicalMessage } from "../core/canonical.js";

/** One piece of text a model trains on or is prompted with, and where it sits in the record. */
export interface ExampleText {
  text: string;
  /** Location of the message in the raw record (the canonical message's path). */
  path: PathSegment[];
  /** For people: "user message", "chosen assistant message", "tool call arguments". */
  where: string;
}

function located(m: CanonicalMessage, prefix: string, args: boolean, text: string): ExampleText {
  const where = args ? `${prefix}tool call arguments` : `${prefix}${m.role === "" ? "" : `${m.role} `}message`;
  return { text, path: m.path, where };
}

/**
 * Runs `find` over every text of an example — messages, chosen/rejected answers, tool call
 * arguments — and hands each finding over with where it was found. Content rules use it so they
 * work for every format; metadata (`extra`) is not training content and is skipped. The location
 * object is only built for a finding: nearly every text has none.
 */
export function scanTexts<T>(ex: CanonicalExample, find: (text: string, role: string) => readonly T[], found: (finding: T, where: ExampleText) => void): void {
  scanMessages(ex.messages, "", find, found);
  if (ex.chosen) scanMessages(ex.chosen, "chosen ", find, found);
  if (ex.rejected) scanMessages(ex.rejected, "rejected ", find, found);
}

function scanMessages<T>(messages: readonly CanonicalMessage[], prefix: string, find: (text: string, role: string) => readonly T[], found: (finding: T, where: ExampleText) => void): void {
  for (const m of messages) {
    if (m.text !== "") {
      const fs = find(m.text, m.role);
      if (fs.length > 0) {
        const at = located(m, prefix, false, m.text);
        for (const f of fs) found(f, at);
      }
    }
    if (m.toolCalls) {
      for (const c of m.toolCalls) {
        if (c.arguments === "") continue;
        const fs = find(c.arguments, "tool-call");
        if (fs.length > 0) {
          const at = located(m, prefix, true, c.arguments);
          for (const f of fs) found(f, at);
        }
      }
    }
  }
}

/** Every text of an example with its location (see scanTexts). */
export function exampleTexts(ex: CanonicalExample): ExampleText[] {
  const out: ExampleText[] = [];
  scanTexts(ex, (text) => [text], (_, at) => out.push(at));
  return out;
}
