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
      if ((v.value as string).includes(MARK_OPEN)) taint();
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

/**
 * A probe render (see `shapeRenderer`): message contents are markers, and every way the template can
 * look into a marker is either modelled (strip-family results become derived markers; `in`,
 * `startswith`, `endswith` and truthiness become predicates to re-check on the real text) or taints
 * the probe (the shape is then rendered in full every time).
 */
interface Probe {
  /** Derived markers: base marker, then a strip (`which`, `chars`). */
  derived: Map<string, { of: string; which: 1 | 2 | 3; chars: string | undefined }>;
  preds: Array<{ marker: string; op: "in" | "startswith" | "endswith" | "bool"; arg: string; expected: boolean }>;
  tainted: boolean;
  /** Last value of each evaluated node (the probe reads operands after the library evaluated them). */
  values: Map<unknown, RV>;
}
let probe: Probe | undefined;
const MARK_OPEN = "\ue000";
const PURE = /^\ue000[bd]\d+\ue001$/;
const ANY_MARKER = /\ue000[bd]\d+\ue001/g;
const isPure = (v: RV | undefined) => v !== undefined && v.type === "StringValue" && PURE.test(v.value as string);
/** Does a value hold a marker anywhere (strings, lists, dicts)? */
function holdsMarker(v: RV | undefined, depth = 0): boolean {
  if (v === undefined || depth > 8) return false;
  if (v.type === "StringValue") return (v.value as string).includes(MARK_OPEN);
  if (Array.isArray(v.value)) return (v.value as RV[]).some((x) => holdsMarker(x, depth + 1));
  if (v.value instanceof Map) for (const x of (v.value as Map<string, RV>).values()) if (holdsMarker(x, depth + 1)) return true;
  return false;
}
/** Builtins of a marker: looking up anything not modelled taints the probe. */
const MODELLED = new Set(["strip", "lstrip", "rstrip", "startswith", "endswith"]);
class ProbeMap extends Map<string, RV> {
  modelled = false;
  override get(k: string): RV | undefined {
    if (!(this.modelled && MODELLED.has(k))) taint();
    return super.get(k);
  }
}
function taint(): void {
  if (probe) probe.tainted = true;
}
let derivedCount = 0;

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

  const BooleanValue = (() => {
    env.set("t", true);
    return (env.lookupVariable("t") as unknown as RV).constructor as new (v: boolean) => RV;
  })();
  /** A marker's methods during a probe: strips derive markers, prefix/suffix tests are predicates. */
  const probeBuiltins = (self: RV, base: Map<string, RV>): Map<string, RV> => {
    // Any builtin looked up (a method or `length`) taints, except those modelled below.
    const m = new ProbeMap(base);
    const pure = PURE.test(self.value as string);
    if (!pure) return m;
    const strip = (which: 1 | 2 | 3, name: string) =>
      new FunctionValue((args) => {
        const chars = charsArg(args, name) ?? undefined;
        const d = `${MARK_OPEN}d${++derivedCount}\ue001`;
        probe!.derived.set(d, { of: self.value as string, which, chars });
        return new StringValue(d);
      });
    m.modelled = true;
    m.set("strip", strip(3, "strip"));
    m.set("lstrip", strip(1, "lstrip"));
    m.set("rstrip", strip(2, "rstrip"));
    for (const op of ["startswith", "endswith"] as const) {
      m.set(
        op,
        new FunctionValue((args) => {
          const a = args[0];
          if (args.length !== 1 || a?.type !== "StringValue" || holdsMarker(a)) {
            taint();
            return new BooleanValue(false);
          }
          probe!.preds.push({ marker: self.value as string, op, arg: a.value as string, expected: false });
          return new BooleanValue(false);
        }),
      );
    }
    return m;
  };
  const boolProto = Object.getPrototypeOf(Object.getPrototypeOf(sample)) as { __bool__(this: RV): RV };
  const bool = boolProto.__bool__;
  // Strings inherit __bool__ from the base class: truthiness of a marker is a predicate.
  Object.defineProperty(proto, "__bool__", {
    configurable: true,
    writable: true,
    value(this: RV) {
      if (probe && (this.value as string).includes(MARK_OPEN)) {
        if (PURE.test(this.value as string)) probe.preds.push({ marker: this.value as string, op: "bool", arg: "", expected: true });
        else taint();
      }
      return bool.call(this);
    },
  });

  Object.defineProperty(proto, "builtins", {
    configurable: true,
    get(this: RV) {
      const m = getBuiltins.call(this) as Map<string, RV>;
      if (probe && (this.value as string).includes(MARK_OPEN)) return probeBuiltins(this, m);
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
    if (probe && holdsMarker(operand)) {
      const name = node.type === "CallExpression" ? node.callee?.value : node.value;
      if (operand.type === "StringValue") {
        if (name === "safe" || name === "string") return operand;
        if (name === "trim" && isPure(operand)) {
          let chars: string | undefined;
          if (node.type === "CallExpression") {
            const [args, kwargs] = this.evaluateArguments(node.args ?? [], env);
            const a = args[0] ?? kwargs.get("chars");
            if (a !== undefined && a.type !== "NullValue") chars = a.value as string;
          }
          const d = `${MARK_OPEN}d${++derivedCount}\ue001`;
          probe.derived.set(d, { of: operand.value as string, which: 3, chars });
          return new StringValue(d);
        }
        taint();
      } else if (!(name === "length" || name === "count" || name === "list" || name === "first" || name === "last" || name === "reverse" || name === "items" || name === "safe")) taint();
    }
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

  // Probe hooks: operands are read from `probe.values` after the library evaluated them.
  const P = jinja.Interpreter.prototype as unknown as Record<string, (this: unknown, ...a: never[]) => RV>;
  const evaluateAny = P.evaluate!;
  P.evaluate = function (this: unknown, n: never, e: never) {
    const v = evaluateAny.call(this, n, e);
    if (probe) probe.values.set(n, v);
    return v;
  } as never;
  const wrapProbe = (name: string, check: (node: Record<string, unknown>, result: RV, vals: Map<unknown, RV>, args: unknown[]) => void) => {
    const orig = P[name]!;
    P[name] = function (this: unknown, ...args: never[]) {
      const r = orig.apply(this, args);
      if (probe) check(args[0] as unknown as Record<string, unknown>, r, probe.values, args);
      return r;
    } as never;
  };
  wrapProbe("evaluateBinaryExpression", (node, result, vals) => {
    const op = (node.operator as { value: string }).value;
    const l = vals.get(node.left);
    const r = vals.get(node.right);
    if (op === "+" || op === "~" || op === "and" || op === "or") return;
    if (!holdsMarker(l) && !holdsMarker(r)) return;
    if ((op === "in" || op === "not in") && isPure(r) && l?.type === "StringValue" && !holdsMarker(l)) {
      const inside = op === "in" ? (result.value as boolean) : !(result.value as boolean);
      probe!.preds.push({ marker: r!.value as string, op: "in", arg: l.value as string, expected: inside });
      return;
    }
    taint();
  });
  wrapProbe("evaluateMemberExpression", (node, _r, vals) => {
    const o = vals.get(node.object);
    if (node.computed && holdsMarker(vals.get(node.property))) taint();
    if (o?.type === "StringValue" && holdsMarker(o) && (node.property as { type: string }).type !== "Identifier") taint();
  });
  // Slicing a list (`messages[::-1]`) keeps its items whole; slicing a text looks into it.
  wrapProbe("evaluateSliceExpression", (_n, _r, _v, args) => {
    const o = args[0] as RV;
    if (o.type === "StringValue" && holdsMarker(o)) taint();
  });
  const SAFE_TESTS = new Set(["string", "defined", "undefined", "none", "mapping", "iterable", "sequence", "number", "integer", "float", "boolean", "callable"]);
  wrapProbe("evaluateTestExpression", (node, _r, vals) => {
    if (holdsMarker(vals.get(node.operand)) && !SAFE_TESTS.has((node.test as { value: string }).value)) taint();
  });

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
      if (n === target && v.type === "StringValue" && holdsMarker(v)) taint();
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
  /**
   * Renders `messages` (role + text) with `vars`; the same output as `render`, but a conversation
   * shape (`shapeKey` + the roles) is rendered once where the output allows it (see `shapeRenderer`).
   */
  renderChat(messages: ReadonlyArray<{ role: string; content: string }>, vars: Record<string, unknown>, shapeKey: string): string;
}

interface ShapeEntry {
  out: string;
  derived: Probe["derived"];
  preds: Probe["preds"];
  /** Uses checked against a full render so far (the first few are). */
  checked: number;
}

/** Uses of a cached shape compared with a full render before it is trusted. */
const VERIFY_USES = 3;
const SHAPES_MAX = 4096;

/** Counters for tests and benches: how often a shape was reused, probed, rendered in full. */
export const shapeStats = { reused: 0, probed: 0, full: 0 };

/**
 * Rendering a template costs about a millisecond; counting 10,000 rows renders 20,000 times. Most
 * templates only concatenate the message text (after a strip, a test for `</think>`…), so a shape
 * (the roles, the tools) is rendered once with markers for the texts (a probe) and each example is
 * the probe's output with its texts put back. The probe records every look into a text: strips
 * are redone on the real text, predicates (`'</think>' in content`, `startswith`, truthiness) are
 * re-checked and a differing one means a full render; anything else (length, slices, filters,
 * comparisons, JSON) marks the shape as not reusable. The first uses of each shape are also
 * rendered in full and compared: a difference marks it not reusable too.
 */
function shapeRenderer(render: (vars: Record<string, unknown>) => string): ChatTemplate["renderChat"] {
  const shapes = new Map<string, ShapeEntry | null>();
  const full = (messages: ReadonlyArray<{ role: string; content: string }>, vars: Record<string, unknown>) => {
    shapeStats.full++;
    return render({ ...vars, messages });
  };
  return (messages, vars, shapeKey) => {
    for (const m of messages) if (m.content.length === 0 || m.content.includes(MARK_OPEN)) return full(messages, vars);
    const key = `${shapeKey}\u0000${messages.map((m) => m.role).join("\u0001")}`;
    let entry = shapes.get(key);
    if (entry === null) return full(messages, vars);
    if (entry === undefined) {
      shapeStats.probed++;
      const p: Probe = { derived: new Map(), preds: [], tainted: false, values: new Map() };
      probe = p;
      let out: string | undefined;
      try {
        out = render({ ...vars, messages: messages.map((m, k) => ({ role: m.role, content: `${MARK_OPEN}b${k}\ue001` })) });
      } catch {
        p.tainted = true;
      } finally {
        probe = undefined;
      }
      if (shapes.size >= SHAPES_MAX) shapes.clear();
      if (p.tainted || out === undefined) {
        shapes.set(key, null);
        return full(messages, vars);
      }
      entry = { out, derived: p.derived, preds: p.preds, checked: 0 };
      shapes.set(key, entry);
    }
    const e = entry;
    const real = (marker: string): string => {
      if (marker.charCodeAt(1) === 98 /* b */) return messages[Number(marker.slice(2, -1))]!.content;
      const d = e.derived.get(marker)!;
      return pyStrip(real(d.of), d.chars, d.which);
    };
    for (const pr of e.preds) {
      const v = real(pr.marker);
      const got = pr.op === "in" ? v.includes(pr.arg) : pr.op === "startswith" ? v.startsWith(pr.arg) : pr.op === "endswith" ? v.endsWith(pr.arg) : v.length > 0;
      if (got !== pr.expected) return full(messages, vars);
    }
    const out = e.out.replace(ANY_MARKER, (m) => real(m));
    if (e.checked < VERIFY_USES) {
      const ref = full(messages, vars);
      if (ref !== out) {
        shapes.set(key, null);
        return ref;
      }
      e.checked++;
      return out;
    }
    shapeStats.reused++;
    return out;
  };
}

/** Compiles a chat template (throws the library's syntax error on a bad template). */
export function compileChatTemplate(source: string): ChatTemplate {
  const jinja = require("@huggingface/jinja") as Jinja;
  install(jinja);
  const compiled = new jinja.Template(source);
  const render = (vars: Record<string, unknown>) => {
    active++;
    try {
      return compiled.render(vars);
    } finally {
      active--;
    }
  };
  return { render, renderChat: shapeRenderer(render) };
}
