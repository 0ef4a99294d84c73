import { hash } from "node:crypto";
import type { CanonicalExample, CanonicalMessage } from "../formats/canonical.js";

/**
 * Duplicate keys live here so validators and splits agree on what "the same example" means.
 * Keys cover the training content only: metadata (ids, sources, timestamps) never makes two
 * otherwise identical examples different. Normalisation applies to keys, never to the data.
 */

const SEP_FIELD = "\x1f";
const SEP_MESSAGE = "\x1e";

export type Normalization = "none" | "standard" | "loose";

/** standard: collapse whitespace runs and trim; loose: also lower-case and drop punctuation. */
export function normalizeText(text: string, level: Normalization): string {
  if (level === "none") return text;
  // replace(/\s{2,}|[^\S ]/g) was measured 2x faster than replace(/\s+/g) with the same result.
  const s = text.replace(/\s{2,}|[^\S ]/g, " ").trim();
  if (level === "standard") return s;
  return s.toLowerCase().replace(/[\p{P}\p{S}]+/gu, "").replace(/\s{2,}/g, " ").trim();
}

export function messagesText(messages: readonly CanonicalMessage[] | undefined, level: Normalization): string {
  if (!messages) return "";
  let out = "";
  for (const m of messages) {
    out += m.role + SEP_FIELD + normalizeText(m.text, level);
    if (m.toolCalls) for (const c of m.toolCalls) out += SEP_FIELD + c.name + SEP_FIELD + c.arguments;
    if (m.role === "assistant" && !m.trainable) out += SEP_FIELD + "w0";
    if (m.images > 0) out += SEP_FIELD + `img${m.images}`;
    out += SEP_MESSAGE;
  }
  return out;
}

/** 16 bytes of SHA-1 as base64: a fixed-size key per record. */
export function hashKey(text: string): string {
  // One-shot crypto.hash avoids a Hash object per record (measured ~2x cheaper than createHash).
  return hash("sha1", text, "base64").slice(0, 22);
}

/** The whole example: prompt, answers, tools, label. */
export function exampleKeyText(ex: CanonicalExample, level: Normalization = "none"): string {
  let s = ex.kind + SEP_MESSAGE + messagesText(ex.messages, level);
  if (ex.chosen) s += "\x1dchosen" + messagesText(ex.chosen, level);
  if (ex.rejected) s += "\x1drejected" + messagesText(ex.rejected, level);
  if (ex.label !== undefined) s += `\x1dlabel${ex.label}`;
  if (ex.tools) s += "\x1dtools" + JSON.stringify(ex.tools);
  return s;
}

export function exampleKey(ex: CanonicalExample, level: Normalization = "none"): string {
  return hashKey(exampleKeyText(ex, level));
}
