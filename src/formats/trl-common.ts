import type { PathSegment } from "../core/path.js";
import type { CanonicalMessage, JsonValue } from "../core/canonical.js";
import { isObject } from "./json-utils.js";
import { chatMessages } from "./openai-chat.js";

/**
 * TRL columns hold either a string ("standard") or a list of {role, content} messages
 * ("conversational"); TRL's is_conversational looks at the first element only.
 */
export function isConversational(v: JsonValue | undefined): boolean {
  return Array.isArray(v) && v.length > 0 && isObject(v[0]) && "role" in v[0];
}

/** A TRL column as canonical messages: a string becomes one message of `role`. */
export function trlMessages(v: JsonValue | undefined, path: PathSegment[], role: "user" | "assistant"): CanonicalMessage[] | undefined {
  if (typeof v === "string") return [{ role, text: v, hasContent: true, images: 0, trainable: role === "assistant", path }];
  if (Array.isArray(v)) return chatMessages(v, path);
  return undefined;
}

/** Same role and text: what TRL's extract_prompt compares message-wise. */
function sameMessage(a: CanonicalMessage, b: CanonicalMessage): boolean {
  return a.role === b.role && a.text === b.text && JSON.stringify(a.toolCalls ?? null) === JSON.stringify(b.toolCalls ?? null);
}

/**
 * Implicit prompt (no `prompt` column): the longest common prefix of chosen and rejected, as TRL's
 * extract_prompt does (message-wise for conversations, character-wise for strings, ending at a space).
 * Identical sides are left whole so the identical-pair rule, not the empty-side rule, reports them.
 */
export function splitImplicitPrompt(
  chosen: CanonicalMessage[],
  rejected: CanonicalMessage[],
  chosenRaw: JsonValue | undefined,
  rejectedRaw: JsonValue | undefined,
): { prompt: CanonicalMessage[]; chosen: CanonicalMessage[]; rejected: CanonicalMessage[] } {
  if (typeof chosenRaw === "string" && typeof rejectedRaw === "string") {
    if (chosenRaw === rejectedRaw) return { prompt: [], chosen, rejected };
    let n = 0;
    while (n < chosenRaw.length && n < rejectedRaw.length && chosenRaw[n] === rejectedRaw[n]) n++;
    // Cut at the last whitespace inside the common prefix so no word is split between prompt and answer.
    const cut = chosenRaw.slice(0, n).search(/\s\S*$/);
    const at = cut < 0 ? 0 : cut + 1;
    const prompt: CanonicalMessage[] = at > 0 ? [{ role: "user", text: chosenRaw.slice(0, at).trimEnd(), hasContent: true, images: 0, trainable: false, path: ["chosen"] }] : [];
    return {
      prompt,
      chosen: [{ ...chosen[0]!, text: chosenRaw.slice(at) }],
      rejected: [{ ...rejected[0]!, text: rejectedRaw.slice(at) }],
    };
  }
  let n = 0;
  while (n < chosen.length && n < rejected.length && sameMessage(chosen[n]!, rejected[n]!)) n++;
  if (n === chosen.length && n === rejected.length) return { prompt: [], chosen, rejected };
  return { prompt: chosen.slice(0, n).map((m) => ({ ...m, trainable: false })), chosen: chosen.slice(n), rejected: rejected.slice(n) };
}
