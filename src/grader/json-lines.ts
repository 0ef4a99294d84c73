import { toJsonPointer, type PathSegment } from "../core/path.js";

/**
 * Maps each value of a (valid) JSON text to the 1-based line it starts on, by JSON Pointer, so a
 * problem inside a grader file can be shown at its line. Keys map to the line of their value.
 */
export function jsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      i++;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: PathSegment[]): void => {
    ws();
    lines.set(toJsonPointer(path), line);
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        const key = string();
        ws();
        i++; // :
        value([...path, key]);
        ws();
        if (text[i++] === "}") return;
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (let k = 0; ; k++) {
        value([...path, k]);
        ws();
        if (text[i++] === "]") return;
      }
    }
    if (c === '"') return void string();
    while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  };
  value([]);
  return lines;
}

/** The line of a path, or of its nearest ancestor that has one. */
export function lineOf(lines: Map<string, number>, path: readonly PathSegment[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const l = lines.get(toJsonPointer(path.slice(0, n)));
    if (l !== undefined) return l;
  }
  return undefined;
}
