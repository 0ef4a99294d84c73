import { hashKey, messagesText } from "../dedup/keys.js";
import type { CanonicalExample } from "../formats/canonical.js";

/** Fixed-size keys of a preference example's prompt and sides (whitespace-normalised), shared by the dataset rules. */
export interface PreferenceKeys {
  prompt: string;
  chosen?: string;
  rejected?: string;
}

// The runner hands the same example object to every rule: compute the keys once per row.
const cache = new WeakMap<CanonicalExample, PreferenceKeys>();

export function preferenceKeys(example: CanonicalExample): PreferenceKeys {
  let keys = cache.get(example);
  if (keys) return keys;
  keys = { prompt: hashKey(messagesText(example.messages, "standard") + "\x1d" + JSON.stringify(example.tools ?? null)) };
  if (example.chosen?.length) keys.chosen = hashKey(messagesText(example.chosen, "standard"));
  if (example.rejected?.length) keys.rejected = hashKey(messagesText(example.rejected, "standard"));
  cache.set(example, keys);
  return keys;
}
