import type { CanonicalExample, JsonValue } from "../core/canonical.js";
import type { CanonicalMessage } from "../core/canonical.js";
import { canonicalJson, exampleHash, promptHash, promptMessages } from "./keys.js";
import { KeyBuilder } from "./text-hash.js";

/**
 * Which media a prompt shows. Canonical examples count images but do not carry them, so two prompts
 * that are only an image (or "<image>Who are they?" over two different photos) have the same text key.
 * The media are read back from the record as written: LLaMA-Factory's `images` / `videos` / `audios`
 * columns, and the non-text parts of each prompt message's `content` (OpenAI, Together, Bedrock) or
 * `parts` (Gemini): `image_url` URLs, data URIs, inline data, S3 or file URIs, compared as written.
 */

const MEDIA_COLUMNS = ["images", "videos", "audios"] as const;
const PLACEHOLDER = /<(?:image|video|audio)>/;

function at(v: JsonValue | undefined, key: string | number): JsonValue | undefined {
  if (v === null || typeof v !== "object") return undefined;
  if (Array.isArray(v)) return typeof key === "number" ? v[key] : undefined;
  return Object.hasOwn(v, key) ? v[key as string] : undefined;
}

function isTextPart(p: JsonValue): boolean {
  if (typeof p === "string") return true;
  if (p === null || typeof p !== "object" || Array.isArray(p)) return false;
  const keys = Object.keys(p).filter((k) => k !== "type");
  return keys.length === 1 && keys[0] === "text";
}

/**
 * The media of `messages` as one string ("" when they show none), or undefined when they show media
 * that cannot be read back from the record (then no key can say whether two of them are the same).
 */
function mediaKey(ex: CanonicalExample, messages: readonly CanonicalMessage[]): string | undefined {
  let media = false;
  let out = "";
  for (const column of MEDIA_COLUMNS) {
    const v = at(ex.raw, column);
    if (Array.isArray(v) && v.length > 0) {
      media = true;
      out += column + canonicalJson(v);
    }
  }
  for (const m of messages) {
    if (m.images > 0 || (m.text.includes("<") && PLACEHOLDER.test(m.text))) media = true;
    let node: JsonValue | undefined = ex.raw;
    for (const seg of m.path) node = at(node, seg);
    const parts = at(node, "content") ?? at(node, "parts");
    if (!Array.isArray(parts)) continue;
    for (const p of parts) {
      if (isTextPart(p)) continue;
      media = true;
      out += canonicalJson(p);
    }
  }
  if (!media) return "";
  return out === "" ? undefined : out;
}

// Several rules ask about the same example in a row: a one-entry cache, as for the keys.
let cachedFor: CanonicalExample | undefined;
let cachedPrompt: string | undefined | null = null;
let cachedExample: string | undefined | null = null;

function cacheFor(ex: CanonicalExample): void {
  if (cachedFor === ex) return;
  cachedFor = ex;
  cachedPrompt = null;
  cachedExample = null;
}

/** The prompt's media ("" for none, undefined when unreadable). */
export function promptMediaKey(ex: CanonicalExample): string | undefined {
  cacheFor(ex);
  if (cachedPrompt === null) {
    const prompt = promptMessages(ex);
    cachedPrompt = prompt ? mediaKey(ex, prompt) : "";
  }
  return cachedPrompt;
}

/** The whole example's media ("" for none, undefined when unreadable). */
export function exampleMediaKey(ex: CanonicalExample): string | undefined {
  cacheFor(ex);
  if (cachedExample === null) {
    let ms: readonly CanonicalMessage[] = ex.messages;
    if (ex.chosen || ex.rejected) ms = [...ms, ...(ex.chosen ?? []), ...(ex.rejected ?? [])];
    cachedExample = mediaKey(ex, ms);
  }
  return cachedExample;
}

const builder = new KeyBuilder();
const SEED_MEDIA = 0x4d454449;

/**
 * The prompt key with the prompt's media folded in: two prompts are the same when their text (loose)
 * and their media (as written) are. Undefined without a prompt, or when its media cannot be read.
 */
export function promptWithMediaHash(ex: CanonicalExample): Uint32Array | undefined {
  const p = promptHash(ex);
  if (!p) return undefined;
  const media = promptMediaKey(ex);
  if (media === undefined) return undefined;
  if (media === "") return p;
  return builder.reset(SEED_MEDIA).word(p[0]!).word(p[1]!).word(p[2]!).raw(media).finish();
}

const SEED_EXAMPLE_MEDIA = 0x4d454445;

/**
 * The example key with its media folded in, so two records that only differ in their images are not
 * duplicates. Media that cannot be read back leave the text key as it is.
 */
export function exampleWithMediaHash(ex: CanonicalExample): Uint32Array {
  const k = exampleHash(ex);
  const media = exampleMediaKey(ex);
  if (!media) return k;
  return builder.reset(SEED_EXAMPLE_MEDIA).word(k[0]!).word(k[1]!).word(k[2]!).raw(media).finish();
}
