/**
 * Finds where and why a line is not JSON, with a message a person can act on. Only runs after
 * JSON.parse has failed (V8's messages sometimes lack a position and sometimes quote the whole
 * line), so it favours clarity over speed. Iterative: deep nesting cannot overflow the stack.
 */
export interface JsonErrorLocation {
  /** 1-based column (UTF-16 code units of the line). */
  column: number;
  message: string;
  hint?: string;
}

const WS = new Set([" ", "\t", "\n", "\r"]);

function describe(ch: string | undefined): string {
  if (ch === undefined) return "end of line";
  if (ch === "'") return "single quote (JSON strings use double quotes)";
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `control character U+${code.toString(16).padStart(4, "0").toUpperCase()}`;
  return `'${ch}'`;
}

/**
 * A line written with Python's `repr()`/`str()` of a dict instead of `json.dumps`: it opens with a
 * single-quoted key (`{'messages': …`), or a record with Python's True/False/None where JSON has
 * true/false/null. Told apart so the whole file gets one cause and one fix, not one puzzle per line.
 */
const PYTHON_REPR = /^\s*\[?\s*\{\s*'[^'\n]*'\s*:|^\s*\{.*[:,[]\s*(?:True|False|None)\s*[,}\]]/;

export function locateJsonError(text: string): JsonErrorLocation {
  const loc = locate(text);
  if (PYTHON_REPR.test(text) && /single quote|is Python, not JSON/.test(loc.message)) {
    return {
      column: loc.column,
      message: "the line is a Python dict written with repr() or str() (single quotes, True/False/None), not JSON",
      hint: "write each record with json.dumps(record, ensure_ascii=False), one per line",
    };
  }
  return loc;
}

function locate(text: string): JsonErrorLocation {
  let i = 0;
  const n = text.length;
  // Each frame: "{" or "[" plus what is expected next.
  const stack: Array<{ kind: "{" | "["; expect: "key" | "keyOrEnd" | "colon" | "value" | "valueOrEnd" | "commaOrEnd" }> = [];
  const fail = (message: string, at = i, hint?: string): JsonErrorLocation =>
    hint === undefined ? { column: at + 1, message } : { column: at + 1, message, hint };
  const skipWs = () => {
    while (i < n && WS.has(text[i]!)) i++;
  };

  const scanString = (): JsonErrorLocation | undefined => {
    const start = i;
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail("invalid \\u escape in string", i);
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return fail(`invalid escape '\\${e ?? ""}' in string`, i);
        i += 2;
        continue;
      }
      if (c < 0x20) return fail("unescaped control character in string (write it as \\n, \\t or \\u00XX)", i);
      i++;
    }
    return fail("unterminated string", start, "the line ends inside a string: was it truncated, or split by a raw newline?");
  };

  const scanScalar = (): JsonErrorLocation | undefined => {
    const rest = text.slice(i, i + 9);
    for (const lit of ["true", "false", "null"]) {
      if (rest.startsWith(lit)) {
        i += lit.length;
        return undefined;
      }
    }
    if (/^-?Infinity|^NaN/.test(rest)) {
      return fail(`${/^-?Infinity/.test(rest) ? "Infinity" : "NaN"} is not valid JSON`, i, "Python's json.dumps writes NaN/Infinity by default; use null or allow_nan=False");
    }
    if (rest.startsWith("None") || rest.startsWith("True") || rest.startsWith("False")) {
      return fail(`'${/^\w+/.exec(rest)![0]}' is Python, not JSON`, i, "write null, true or false");
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] !== "-" && m[0].length > 0) {
      i += m[0].length;
      return undefined;
    }
    return fail(`unexpected ${describe(text[i])}`);
  };

  skipWs();
  if (i >= n) return fail("empty line is not JSON");
  let topDone = false;
  for (;;) {
    skipWs();
    const top = stack[stack.length - 1];
    const ch = text[i];
    if (!top) {
      if (topDone) {
        if (i < n) {
          // A lone CR (classic Mac line ending) is JSON whitespace, so two records look like one line.
          const hint = /\r[ \t]*$/.test(text.slice(Math.max(0, i - 64), i))
            ? "records are separated by a lone CR (old Mac line endings); JSONL needs LF or CRLF"
            : "one JSON value per line: is a newline missing?";
          return fail(`unexpected ${describe(ch)} after the end of the JSON value`, i, hint);
        }
        return fail("JSON.parse rejected this line", 0);
      }
      if (ch === "{") { stack.push({ kind: "{", expect: "keyOrEnd" }); i++; continue; }
      if (ch === "[") { stack.push({ kind: "[", expect: "valueOrEnd" }); i++; continue; }
      const err = ch === '"' ? scanString() : scanScalar();
      if (err) return err;
      topDone = true;
      continue;
    }
    if (i >= n) return fail(`unexpected end of line: ${stack.length} unclosed ${stack.length === 1 ? "bracket" : "brackets"}`, n, "was the line truncated?");
    switch (top.expect) {
      case "keyOrEnd":
      case "key":
        if (ch === "}" && top.expect === "keyOrEnd") { stack.pop(); i++; break; }
        if (ch === "}") return fail("trailing comma before '}'", i - 1);
        if (ch !== '"') return fail(`expected a double-quoted property name, found ${describe(ch)}`);
        { const err = scanString(); if (err) return err; }
        top.expect = "colon";
        break;
      case "colon":
        if (ch !== ":") return fail(`expected ':' after property name, found ${describe(ch)}`);
        i++;
        top.expect = "value";
        break;
      case "valueOrEnd":
      case "value":
        if (ch === "]" && top.expect === "valueOrEnd") { stack.pop(); i++; break; }
        if (ch === "]" || ch === "}") return fail(top.kind === "[" ? "trailing comma before ']'" : `expected a value, found ${describe(ch)}`, top.kind === "[" ? i - 1 : i);
        top.expect = "commaOrEnd";
        if (ch === "{") { stack.push({ kind: "{", expect: "keyOrEnd" }); i++; break; }
        if (ch === "[") { stack.push({ kind: "[", expect: "valueOrEnd" }); i++; break; }
        { const err = ch === '"' ? scanString() : scanScalar(); if (err) return err; }
        break;
      case "commaOrEnd":
        if (ch === ",") { i++; top.expect = top.kind === "{" ? "key" : "value"; break; }
        if ((ch === "}" && top.kind === "{") || (ch === "]" && top.kind === "[")) { stack.pop(); i++; break; }
        return fail(`expected ',' or '${top.kind === "{" ? "}" : "]"}', found ${describe(ch)}`);
    }
    if (stack.length === 0) topDone = true;
  }
}
