import type { PathSegment } from "../core/path.js";

/** `{{ namespace.path }}` in a grader string: only `item` and `sample` exist (OpenAI graders guide). */
export interface TemplateRef {
  namespace: "item" | "sample";
  /** Keys and indexes after the namespace: `{{item.a[0].b}}` → ["a", 0, "b"]. */
  path: PathSegment[];
  /** The reference as written between the braces, trimmed. */
  text: string;
  /** 0-based offset of `{{` in the string. */
  offset: number;
}

export interface TemplateError {
  message: string;
  offset: number;
  hint?: string;
}

/** Variables a model sample exposes to graders. */
export const SAMPLE_VARIABLES = ["output_text", "output_json", "output_tools", "choices", "output_audio"] as const;

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*/;

/** Parses `item.a[0]["b c"].d` into namespace and segments, or says what is wrong. */
export function parseReference(expr: string): { namespace: string; path: PathSegment[] } | { error: string } {
  const m = IDENT.exec(expr);
  if (!m) return { error: `"${expr}" is not a variable reference` };
  const namespace = m[0];
  const path: PathSegment[] = [];
  let i = namespace.length;
  while (i < expr.length) {
    const ch = expr[i];
    if (ch === ".") {
      const id = IDENT.exec(expr.slice(i + 1)) ?? /^\d+/.exec(expr.slice(i + 1));
      if (!id) return { error: `expected a field name after "." at "${expr.slice(0, i + 1)}"` };
      path.push(/^\d+$/.test(id[0]) ? Number(id[0]) : id[0]);
      i += 1 + id[0].length;
    } else if (ch === "[") {
      const rest = expr.slice(i);
      const num = /^\[\s*(\d+)\s*\]/.exec(rest);
      const str = /^\[\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\]/.exec(rest);
      if (num) {
        path.push(Number(num[1]));
        i += num[0].length;
      } else if (str) {
        path.push(str[1] ?? str[2] ?? "");
        i += str[0].length;
      } else return { error: `expected [number] or ["key"] at "${rest.slice(0, 12)}"` };
    } else return { error: `unexpected "${ch}" in "${expr}"` };
  }
  return { namespace, path };
}

/** Finds every `{{…}}` of a grader string; syntax problems are returned, never thrown. */
export function parseTemplate(s: string): { refs: TemplateRef[]; errors: TemplateError[] } {
  const refs: TemplateRef[] = [];
  const errors: TemplateError[] = [];
  let i = 0;
  for (;;) {
    const open = s.indexOf("{{", i);
    if (open < 0) break;
    const close = s.indexOf("}}", open + 2);
    const nextOpen = s.indexOf("{{", open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      errors.push({ message: `"{{" at offset ${open} is not closed with "}}"`, offset: open });
      i = open + 2;
      continue;
    }
    const text = s.slice(open + 2, close).trim();
    i = close + 2;
    if (text === "") {
      errors.push({ message: `empty "{{ }}" at offset ${open}`, offset: open });
      continue;
    }
    const parsed = parseReference(text);
    if ("error" in parsed) {
      errors.push({ message: `{{${text}}}: ${parsed.error}`, offset: open });
      continue;
    }
    if (parsed.namespace !== "item" && parsed.namespace !== "sample") {
      errors.push({ message: `{{${text}}}: unknown namespace "${parsed.namespace}"; graders only know item and sample`, offset: open, hint: `write {{item.${text}}} for a field of the data row` });
      continue;
    }
    if (parsed.namespace === "sample") {
      const first = parsed.path[0];
      if (typeof first !== "string" || !(SAMPLE_VARIABLES as readonly string[]).includes(first)) {
        errors.push({ message: `{{${text}}}: sample has no variable "${String(first ?? "")}" (it has ${SAMPLE_VARIABLES.join(", ")})`, offset: open });
        continue;
      }
    }
    refs.push({ namespace: parsed.namespace, path: parsed.path, text, offset: open });
  }
  // `{item.x}` with single braces is sent to the grader as literal text: almost always a typo.
  const single = /(?<!\{)\{\s*((?:item|sample)\.[^{}\s]+)\s*\}(?!\})/g;
  for (const m of s.matchAll(single)) {
    errors.push({ message: `"${m[0]}" uses single braces and will not be filled in`, offset: m.index, hint: `write {{${m[1]}}}` });
  }
  return { refs, errors };
}

/** `item.a[0].b` for messages. */
export function refText(namespace: string, path: readonly PathSegment[]): string {
  let out = namespace;
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : /^[A-Za-z_][\w-]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
  return out;
}
