/**
 * Results remembered for texts that repeat across examples: system (and developer) prompts, which a
 * dataset usually shares between most of its examples. Used by the duplicate keys and the content
 * scans; bounded by the characters and the number of texts held (cleared past either).
 */

/** Whether texts of this role are worth remembering (they usually repeat from example to example). */
export function repeatsAcrossExamples(role: string): boolean {
  return role === "system" || role === "developer";
}

interface MemoEntry<T> {
  text: string;
  result: T;
  /** Another text with the same fingerprint. */
  next: MemoEntry<T> | undefined;
}

/**
 * A cheap key for a text: its length and 16 characters spread over it. A Map keyed by the text
 * itself makes V8 hash every character of every new string (~2 ns per character here, as much as
 * hashing the text for a key); texts with the same fingerprint are told apart by comparing them.
 */
function fingerprint(text: string): number {
  const n = text.length;
  let f = n;
  if (n > 0) for (let k = 0; k < 16; k++) f = Math.imul(f ^ text.charCodeAt(((k * (n - 1)) / 15) | 0), 0x01000193);
  return f & 0x3fffffff;
}

/** `compute`, remembering its result per text, up to `maxChars` characters and `maxEntries` texts. */
export function textMemo<T>(compute: (text: string) => T, maxChars = 4_000_000, maxEntries = 20_000): (text: string) => T {
  const memo = new Map<number, MemoEntry<T>>();
  let chars = 0;
  let entries = 0;
  return (text) => {
    const f = fingerprint(text);
    for (let e = memo.get(f); e !== undefined; e = e.next) if (e.text === text) return e.result;
    const result = compute(text);
    if (chars + text.length > maxChars || entries >= maxEntries) {
      memo.clear();
      chars = 0;
      entries = 0;
    }
    memo.set(f, { text, result, next: memo.get(f) });
    chars += text.length;
    entries++;
    return result;
  };
}

/** `find` for any role, remembered for the roles whose texts repeat. */
export function repeatedTextMemo<T>(find: (text: string) => T, maxChars?: number, maxEntries?: number): (text: string, role: string) => T {
  const remembered = textMemo(find, maxChars, maxEntries);
  return (text, role) => (repeatsAcrossExamples(role) ? remembered(text) : find(text));
}
