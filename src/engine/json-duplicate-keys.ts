/**
 * Duplicate keys in a JSON object (`{"content": "draft", "content": "final"}`): JSON.parse keeps the
 * last and drops the first without a word. Finding them exactly needs a scan of the text, which
 * would cost a second parse on every line; a cheap count decides when it is needed.
 */

/**
 * `":` not preceded by a backslash: one per key written as `"key":` (inside a string a quote is
 * always escaped, so `\":` there is skipped). Fewer than the keys when a writer puts space before
 * the colon; never more than the keys in the text.
 */
function keyEndsInText(text: string): number {
  let n = 0;
  for (let i = text.indexOf('":'); i !== -1; i = text.indexOf('":', i + 2)) if (text.charCodeAt(i - 1) !== 0x5c) n++;
  return n;
}

/** Keys of every object in a parsed value (no allocation: for…in over plain JSON objects). */
function parsedKeys(v: unknown): number {
  if (v === null || typeof v !== "object") return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== null && typeof x === "object") n += parsedKeys(x);
    }
    return n;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    n++;
    const x = o[k];
    if (x !== null && typeof x === "object") n += parsedKeys(x);
  }
  return n;
}

/**
 * Whether the text may hold a duplicate key: more key ends in the text than keys in the parsed
 * value means at least one key was dropped; fewer means the count cannot tell (space before a
 * colon), so the exact scan runs. Equal counts, the common case, need nothing more.
 */
export function mayHaveDuplicateKeys(text: string, value: unknown): boolean {
  const inText = keyEndsInText(text);
  return inText !== parsedKeys(value);
}

export interface DuplicateKey {
  /** JSON Pointer of the object holding the key. */
  path: string;
  key: string;
}

const WS = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Every duplicate key in a text that JSON.parse accepted (so its syntax is known to be valid). */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  // Per open container: its pointer, the keys seen (objects), the next array index, the pending key.
  const stack: Array<{ path: string; keys?: Set<string>; index: number; key?: string }> = [];
  let i = 0;
  const n = text.length;
  const childPath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return "";
    const seg = top.keys ? (top.key ?? "") : String(top.index);
    return `${top.path}/${seg.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  };
  const readString = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) i += 2;
      else if (c === 0x22) break;
      else i++;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (WS(c) || c === 0x2c) {
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === 0x7b || c === 0x5b) {
      const path = childPath();
      if (top && !top.keys) top.index++;
      stack.push(c === 0x7b ? { path, keys: new Set(), index: 0 } : { path, index: 0 });
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      stack.pop();
      i++;
      continue;
    }
    if (c === 0x22) {
      const s = readString();
      if (top?.keys) {
        let j = i;
        while (j < n && WS(text.charCodeAt(j))) j++;
        if (text.charCodeAt(j) === 0x3a) {
          // A key.
          if (top.keys.has(s)) out.push({ path: top.path, key: s });
          else top.keys.add(s);
          top.key = s;
          i = j + 1;
          continue;
        }
      }
      if (top && !top.keys) top.index++;
      continue;
    }
    // A number, true, false or null.
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 0x2c || d === 0x7d || d === 0x5d || WS(d)) break;
      i++;
    }
    if (top && !top.keys) top.index++;
  }
  return out;
}
