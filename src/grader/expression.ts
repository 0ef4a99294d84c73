/**
 * The `calculate_output` formula of a multi grader: numbers, grader keys, + - * / ^, parentheses
 * and the functions min max abs floor ceil exp sqrt log (OpenAI graders guide).
 */
export const FORMULA_FUNCTIONS: Record<string, { min: number; max: number; fn: (...a: number[]) => number }> = {
  min: { min: 1, max: Infinity, fn: (...a) => Math.min(...a) },
  max: { min: 1, max: Infinity, fn: (...a) => Math.max(...a) },
  abs: { min: 1, max: 1, fn: (a) => Math.abs(a!) },
  floor: { min: 1, max: 1, fn: (a) => Math.floor(a!) },
  ceil: { min: 1, max: 1, fn: (a) => Math.ceil(a!) },
  exp: { min: 1, max: 1, fn: (a) => Math.exp(a!) },
  sqrt: { min: 1, max: 1, fn: (a) => Math.sqrt(a!) },
  log: { min: 1, max: 1, fn: (a) => Math.log(a!) },
};

export type Expr =
  | { kind: "num"; value: number }
  | { kind: "var"; name: string; offset: number }
  | { kind: "neg"; arg: Expr }
  | { kind: "bin"; op: "+" | "-" | "*" | "/" | "^"; left: Expr; right: Expr }
  | { kind: "call"; name: string; args: Expr[]; offset: number };

export class FormulaError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Token {
  t: "num" | "id" | "op" | "(" | ")" | "," | "end";
  v: string;
  at: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: "num", v: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: "id", v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    if ("+-*/^".includes(ch)) out.push({ t: "op", v: ch, at: i });
    else if (ch === "(" || ch === ")" || ch === ",") out.push({ t: ch, v: ch, at: i });
    else throw new FormulaError(`unexpected character "${ch}" at column ${i + 1}`, i);
    i++;
  }
  out.push({ t: "end", v: "", at: src.length });
  return out;
}

/** Parses a formula; throws FormulaError with the column of the first problem. */
export function parseFormula(src: string): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p]!;
  const next = () => toks[p++]!;
  const expect = (t: Token["t"], what: string) => {
    const tok = next();
    if (tok.t !== t) throw new FormulaError(`expected ${what} at column ${tok.at + 1}, found ${tok.t === "end" ? "the end" : `"${tok.v}"`}`, tok.at);
  };
  const expr = (): Expr => {
    let left = term();
    while (peek().t === "op" && (peek().v === "+" || peek().v === "-")) {
      const op = next().v as "+" | "-";
      left = { kind: "bin", op, left, right: term() };
    }
    return left;
  };
  const term = (): Expr => {
    let left = power();
    while (peek().t === "op" && (peek().v === "*" || peek().v === "/")) {
      const op = next().v as "*" | "/";
      left = { kind: "bin", op, left, right: power() };
    }
    return left;
  };
  const power = (): Expr => {
    const base = unary();
    if (peek().t === "op" && peek().v === "^") {
      next();
      return { kind: "bin", op: "^", left: base, right: power() };
    }
    return base;
  };
  const unary = (): Expr => {
    if (peek().t === "op" && (peek().v === "-" || peek().v === "+")) {
      const neg = next().v === "-";
      const arg = unary();
      return neg ? { kind: "neg", arg } : arg;
    }
    return primary();
  };
  const primary = (): Expr => {
    const tok = next();
    if (tok.t === "num") return { kind: "num", value: Number(tok.v) };
    if (tok.t === "id") {
      if (peek().t === "(") {
        next();
        const args: Expr[] = [];
        if (peek().t !== ")") {
          args.push(expr());
          while (peek().t === ",") {
            next();
            args.push(expr());
          }
        }
        expect(")", '")"');
        return { kind: "call", name: tok.v, args, offset: tok.at };
      }
      return { kind: "var", name: tok.v, offset: tok.at };
    }
    if (tok.t === "(") {
      const e = expr();
      expect(")", '")"');
      return e;
    }
    throw new FormulaError(`expected a number, a grader name or "(" at column ${tok.at + 1}, found ${tok.t === "end" ? "the end" : `"${tok.v}"`}`, tok.at);
  };
  const e = expr();
  const rest = peek();
  if (rest.t !== "end") throw new FormulaError(`unexpected "${rest.v}" at column ${rest.at + 1}`, rest.at);
  return e;
}

/** Problems with the names a formula uses: unknown grader keys, unknown functions, wrong arity. */
export function checkFormulaNames(e: Expr, keys: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const walk = (x: Expr): void => {
    switch (x.kind) {
      case "num":
        return;
      case "var":
        if (!keys.has(x.name)) {
          out.push(FORMULA_FUNCTIONS[x.name] ? `function ${x.name} is used without arguments` : `"${x.name}" is not a grader key (keys: ${[...keys].join(", ") || "none"})`);
        }
        return;
      case "neg":
        return walk(x.arg);
      case "bin":
        walk(x.left);
        return walk(x.right);
      case "call": {
        const f = FORMULA_FUNCTIONS[x.name];
        if (!f) out.push(`"${x.name}" is not a function (functions: ${Object.keys(FORMULA_FUNCTIONS).join(", ")})`);
        else if (x.args.length < f.min || x.args.length > f.max) out.push(`${x.name} takes ${f.max === 1 ? "one argument" : "at least one argument"}, found ${x.args.length}`);
        x.args.forEach(walk);
        return;
      }
    }
  };
  walk(e);
  return out;
}

/** Evaluates a checked formula with the sub-graders' scores. */
export function evaluateFormula(e: Expr, scores: Readonly<Record<string, number>>): number {
  switch (e.kind) {
    case "num":
      return e.value;
    case "var":
      return scores[e.name] ?? NaN;
    case "neg":
      return -evaluateFormula(e.arg, scores);
    case "bin": {
      const a = evaluateFormula(e.left, scores);
      const b = evaluateFormula(e.right, scores);
      return e.op === "+" ? a + b : e.op === "-" ? a - b : e.op === "*" ? a * b : e.op === "/" ? a / b : a ** b;
    }
    case "call":
      return FORMULA_FUNCTIONS[e.name]!.fn(...e.args.map((a) => evaluateFormula(a, scores)));
  }
}
