/**
 * Results remembered for texts that repeat across examples: system (and developer) prompts, which a
 * dataset usually shares between most of its examples. Used by the duplicate keys and the content
 * scans; bounded by the characters held (cleared past it).
 */

/** Whether texts of this role are worth remembering (they usually repeat from example to example). */
export function repeatsAcrossExamples(role: string): boolean {
  return role === "system" || role === "developer";
}

/** `compute`, remembering its result per text, up to `maxChars` characters of texts. */
export function textMemo<T>(compute: (text: string) => T, maxChars = 4_000_000): (text: string) => T {
  const memo = new Map<string, T>();
  let chars = 0;
  return (text) => {
    const hit = memo.get(text);
    if (hit !== undefined) return hit;
    const r = compute(text);
    if (chars + text.length > maxChars) {
      memo.clear();
      chars = 0;
    }
    memo.set(text, r);
    chars += text.length;
    return r;
  };
}

/** `find` for any role, remembered for the roles whose texts repeat. */
export function repeatedTextMemo<T>(find: (text: string) => T, maxChars?: number): (text: string, role: string) => T {
  const remembered = textMemo(find, maxChars);
  return (text, role) => (repeatsAcrossExamples(role) ? remembered(text) : find(text));
}
