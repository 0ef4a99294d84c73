import type { PathSegment } from "../core/path.js";
import type { CanonicalExample, CanonicalMessage } from "../formats/canonical.js";

/** One piece of text a model trains on or is prompted with, and where it sits in the record. */
export interface ExampleText {
  text: string;
  /** Location of the message in the raw record (the canonical message's path). */
  path: PathSegment[];
  /** For people: "user message", "chosen assistant message", "tool call arguments". */
  where: string;
}

function* messageTexts(messages: readonly CanonicalMessage[] | undefined, prefix: string): Generator<ExampleText> {
  if (!messages) return;
  for (const m of messages) {
    const role = m.role === "" ? "" : `${m.role} `;
    if (m.text !== "") yield { text: m.text, path: m.path, where: `${prefix}${role}message` };
    if (m.toolCalls) {
      for (const c of m.toolCalls) if (c.arguments !== "") yield { text: c.arguments, path: m.path, where: `${prefix}tool call arguments` };
    }
  }
}

/**
 * Every text of a canonical example — messages, chosen/rejected answers, tool call arguments — so
 * content rules work for every format. Metadata (`extra`) is not training content and is skipped.
 */
export function* exampleTexts(ex: CanonicalExample): Generator<ExampleText> {
  yield* messageTexts(ex.messages, "");
  yield* messageTexts(ex.chosen, "chosen ");
  yield* messageTexts(ex.rejected, "rejected ");
}
