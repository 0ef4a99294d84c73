import { nodeCrypto } from "../core/builtins.js";
import { messagesText } from "../dedup/keys.js";
import type { CanonicalExample } from "../core/canonical.js";

/**
 * Compact keys of a preference example's prompt and sides (whitespace-normalised), shared by the
 * preference dataset rules. Each key is the raw 20-byte SHA-1 as a flat one-byte string: one small
 * object per key, so what a rule keeps per row stays a few dozen bytes.
 */
export interface PreferenceKeys {
  prompt: string;
  chosen?: string;
  rejected?: string;
}

export function key20(text: string): string {
  return nodeCrypto().hash("sha1", text, "buffer").toString("latin1");
}

// The runner hands the same example object to every rule in turn: remember only the last one.
let lastExample: CanonicalExample | undefined;
let lastKeys: PreferenceKeys | undefined;

export function preferenceKeys(example: CanonicalExample): PreferenceKeys {
  if (example === lastExample && lastKeys) return lastKeys;
  const keys: PreferenceKeys = { prompt: key20(messagesText(example.messages, "standard") + "\x1d" + JSON.stringify(example.tools ?? null)) };
  if (example.chosen?.length) keys.chosen = key20(messagesText(example.chosen, "standard"));
  if (example.rejected?.length) keys.rejected = key20(messagesText(example.rejected, "standard"));
  lastExample = example;
  lastKeys = keys;
  return keys;
}
