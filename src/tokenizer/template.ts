/**
 * Chat templates rendered as Python's jinja2 renders them (transformers' `apply_chat_template` is the
 * reference users train with), on top of `@huggingface/jinja`.
 *
 * `@huggingface/jinja` 0.5.11 diverges from jinja2 where it matters for token counts:
 * - `s.strip(chars)`, `s.lstrip(chars)`, `s.rstrip(chars)` ignore their argument and trim all
 *   whitespace (Qwen3's `content.lstrip('\n')` drops an answer's leading space: 141 tokens, not 143);
 * - `strip()`, `lstrip()`, `rstrip()` and the `trim` filter trim JavaScript's whitespace, which is
 *   not Python's (`\ufeff` is whitespace to JS only; `\x1c`–`\x1f` and `\x85` to Python only);
 * - the `trim` filter ignores its `chars` argument;
 * - `s.split()` without a separator splits on JavaScript's whitespace;
 * - filters over a string (`selectattr`, `map`, …) fail where Python iterates its characters;
 * - a list or dict printed (`{{ tools }}`, `|string`) comes out as JSON, where Python prints its repr
 *   (`[{'type': 'function', …}]`, `True`, `None`): Hammer2.1 prints its tools that way; booleans
 *   print `true` where Python prints `True`.
 * The library keeps its runtime classes private and dispatches string methods through a per-value
 * `builtins` map and filters through `Interpreter.prototype.applyFilter`, so the fix wraps both, and
 * only while ftdata renders (a module flag set around `render`): other users of the package in the same
 * process see its behaviour unchanged.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type Jinja = typeof import("@huggingface/jinja");

/** Python's `str.isspace()` characters (Unicode White_Space plus the ASCII separators \x1c–\x1f). */
function isPySpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * Python's `str.strip(chars)` (`which`: 1 = lstrip, 2 = rstrip, 3 = strip). `chars` undefined or null
 * strips Python whitespace; otherwise any code point in `chars`.
 */
export function pyStrip(s: string, chars: string | null | undefined, which: 1 | 2 | 3): string {
  let test: (c: number) => boolean;
  if (chars === undefined || chars === null) test = isPySpace;
  else {
    const set = new Set<number>();
    for (const ch of chars) set.add(ch.codePointAt(0)!);
    test = (c) => set.has(c);
  }
  let start = 0;
  let end = s.length;
  if (which & 1) {
    while (start < end) {
      const c = s.codePointAt(start)!;
      if (!test(c)) break;
      start += c > 0xffff ? 2 : 1;
    }
  }
  if (which & 2) {
    while (end > start) {
      let c = s.charCodeAt(end - 1);
      let w = 1;
      if ((c & 0xfc00) === 0xdc00 && end - 2 >= start && (s.charCodeAt(end - 2) & 0xfc00) === 0xd800) {
        c = s.codePointAt(end - 2)!;
        w = 2;
      }
      if (!test(c)) break;
      end -= w;
    }
  }
  return s.slice(start, end);
}

/** Python's `str.split()` with no separator: runs of Python whitespace, `maxsplit` honoured. */
function pySplitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  for (;;) {
    while (i < n && isPySpace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    if (maxsplit >= 0 && out.length >= maxsplit) {
      out.push(pyStrip(s.slice(i), null, 2));
      break;
    }
    let j = i;
    while (j < n && !isPySpace(s.charCodeAt(j))) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

/** Python's `repr` of a string: single quotes unless it holds one and no double quote. */
function pyStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === q || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && NONPRINTABLE.test(ch)) out += c < 0x100 ? `\\x${c.toString(16).padStart(2, "0")}` : c < 0x10000 ? `\\u${c.toString(16).padStart(4, "0")}` : `\\U${c.toString(16).padStart(8, "0")}`;
    else out += ch;
  }
  return out + q;
}
/** Python's non-printable characters (str.isprintable): categories Other and Separator, space aside. */
const NONPRINTABLE = /^[\p{C}\p{Z}]$/u;

/** Python's `repr`/`str` of a runtime value inside a container (`str` of a list reprs its items). */
function pyRepr(v: RV): string {
  switch (v.type) {
    case "StringValue":
      return pyStrRepr(v.value as string);
    case "BooleanValue":
      return v.value ? "True" : "False";
    case "NullValue":
    case "UndefinedValue":
      return "None";
    case "ArrayValue":
      return `[${(v.value as RV[]).map(pyRepr).join(", ")}]`;
    case "TupleValue": {
      const items = (v.value as RV[]).map(pyRepr);
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    }
    case "ObjectValue":
    case "KeywordArgumentsValue":
      return `{${Array.from((v.value as Map<string, RV>).entries(), ([k, x]) => `${pyStrRepr(k)}: ${pyRepr(x)}`).join(", ")}}`;
    default:
      return String((v as { toString(): string }).toString());
  }
}

/** Runtime values as the interpreter hands them to functions (its classes are not exported). */
interface RV {
  type: string;
  value: unknown;
}
type FnImpl = (args: RV[], env: unknown) => RV;

let active = 0;
let installed: Jinja | undefined;

/** Wraps the library's string builtins and `applyFilter` once (see the module comment). */
function install(jinja: Jinja): void {
  if (installed) return;
  installed = jinja;
  const env = new jinja.Environment();
  env.set("s", "x");
  env.set("a", ["x"]);
  const sample = env.lookupVariable("s") as unknown as RV & { builtins: Map<string, RV> };
  const StringValue = sample.constructor as new (v: string) => RV;
  const ArrayValue = (env.lookupVariable("a") as unknown as RV).constructor as new (v: RV[]) => RV;
  const FunctionValue = sample.builtins.get("strip")!.constructor as new (f: FnImpl) => RV;
  const proto = Object.getPrototypeOf(sample) as object;
  const desc = Object.getOwnPropertyDescriptor(proto, "builtins");
  if (!desc?.get) throw new Error("@huggingface/jinja: string builtins not found (unsupported version)");
  const getBuiltins = desc.get;

  const charsArg = (args: RV[], name: string): string | null | undefined => {
    let a = args[0];
    if (a?.type === "KeywordArgumentsValue") a = (a.value as Map<string, RV>).get("chars");
    if (a === undefined || a.type === "NullValue" || a.type === "UndefinedValue") return undefined;
    if (a.type !== "StringValue") throw new Error(`${name} arg must be None or str`);
    return a.value as string;
  };
  const stripFn = (self: RV, which: 1 | 2 | 3, name: string) => new FunctionValue((args) => new StringValue(pyStrip(self.value as string, charsArg(args, name), which)));
  // The map is the value's own (built lazily, once per value): Python's methods go into it in place.
  // Values live within one render, so a map changed while ftdata renders is not seen by anyone else.
  const python = new WeakSet<Map<string, RV>>();

  Object.defineProperty(proto, "builtins", {
    configurable: true,
    get(this: RV) {
      const m = getBuiltins.call(this) as Map<string, RV>;
      if (active === 0 || python.has(m)) return m;
      python.add(m);
      m.set("strip", stripFn(this, 3, "strip"));
      m.set("lstrip", stripFn(this, 1, "lstrip"));
      m.set("rstrip", stripFn(this, 2, "rstrip"));
      const split = m.get("split")!;
      m.set(
        "split",
        new FunctionValue((args, scope) => {
          const sep = args[0];
          if (sep !== undefined && sep.type !== "NullValue" && sep.type !== "UndefinedValue") return (split.value as FnImpl)(args, scope);
          const max = args[1]?.type === "IntegerValue" ? (args[1].value as number) : -1;
          return new ArrayValue(pySplitWhitespace(this.value as string, max).map((p) => new StringValue(p)));
        }),
      );
      return m;
    },
  });

  // Lists, dicts and booleans print as Python prints them.
  env.set("o", { k: 1 });
  env.set("b", true);
  for (const name of ["a", "o", "b"]) {
    const p = Object.getPrototypeOf(env.lookupVariable(name)) as { toString(this: RV): string };
    const toString = p.toString;
    p.toString = function (this: RV) {
      return active === 0 ? toString.call(this) : pyRepr(this);
    };
  }

  type ApplyFilter = (this: { evaluateArguments(a: unknown[], e: unknown): [RV[], Map<string, RV>] }, operand: RV, node: FilterNode, env: unknown) => RV;
  interface FilterNode {
    type: string;
    value?: string;
    callee?: { type: string; value: string };
    args?: unknown[];
  }
  const Interp = jinja.Interpreter.prototype as unknown as { applyFilter: ApplyFilter };
  const applyFilter = Interp.applyFilter;
  Interp.applyFilter = function (operand, node, env) {
    if (active !== 0 && node.type === "Identifier" && node.value === "string" && (operand.type === "ArrayValue" || operand.type === "TupleValue" || operand.type === "ObjectValue" || operand.type === "BooleanValue")) {
      return new StringValue(pyRepr(operand));
    }
    if (active !== 0 && operand.type === "StringValue") {
      // Python iterates a string's characters: `content | selectattr('type', 'equalto', 'image')` on a
      // plain-text message (Llama 3.2 Vision, Llama Guard 3) selects nothing instead of failing.
      const name = node.type === "CallExpression" ? node.callee?.value : node.value;
      // A character has no attributes: `selectattr` keeps none of them, `rejectattr` all.
      if (name === "selectattr") return new ArrayValue([]);
      if (name === "rejectattr") return new ArrayValue(Array.from(operand.value as string, (ch) => new StringValue(ch)));
      if (name === "select" || name === "reject" || name === "map") {
        return applyFilter.call(this, new ArrayValue(Array.from(operand.value as string, (ch) => new StringValue(ch))), node, env);
      }
      // jinja2's `trim(value, chars=None)` is `value.strip(chars)`.
      if (node.type === "Identifier" && node.value === "trim") return new StringValue(pyStrip(operand.value as string, undefined, 3));
      if (node.type === "CallExpression" && node.callee?.type === "Identifier" && node.callee.value === "trim") {
        const [args, kwargs] = this.evaluateArguments(node.args ?? [], env);
        const a = args[0] ?? kwargs.get("chars");
        const chars = a === undefined || a.type === "NullValue" ? undefined : (a.value as string);
        return new StringValue(pyStrip(operand.value as string, chars, 3));
      }
    }
    return applyFilter.call(this, operand, node, env);
  };

  // `{% for c in message['content'] %}` over a plain string iterates its characters in Python.
  interface ForNode {
    iterable: { type: string; lhs?: unknown };
  }
  type Evaluate = (node: unknown, env: unknown) => RV;
  const I = jinja.Interpreter.prototype as unknown as { evaluateFor(this: { evaluate: Evaluate }, node: ForNode, env: unknown): RV; evaluate: Evaluate };
  const evaluateFor = I.evaluateFor;
  I.evaluateFor = function (node, env) {
    if (active === 0) return evaluateFor.call(this, node, env);
    const target = node.iterable.type === "SelectExpression" ? node.iterable.lhs : node.iterable;
    const evaluate = I.evaluate;
    this.evaluate = function (n, e) {
      const v = evaluate.call(this, n, e);
      return n === target && v.type === "StringValue" ? new ArrayValue(Array.from(v.value as string, (ch) => new StringValue(ch))) : v;
    };
    try {
      return evaluateFor.call(this, node, env);
    } finally {
      delete (this as { evaluate?: Evaluate }).evaluate;
    }
  };
}

/** A compiled chat template whose `render` follows Python jinja2 (see the module comment). */
export interface ChatTemplate {
  render(vars: Record<string, unknown>): string;
}

/** Compiles a chat template (throws the library's syntax error on a bad template). */
export function compileChatTemplate(source: string): ChatTemplate {
  const jinja = require("@huggingface/jinja") as Jinja;
  install(jinja);
  const compiled = new jinja.Template(source);
  return {
    render(vars) {
      active++;
      try {
        return compiled.render(vars);
      } finally {
        active--;
      }
    },
  };
}
