import { describe, expect, test } from "vitest";
import { checkGrader } from "../src/grader/check.js";
import { checkFormulaNames, evaluateFormula, parseFormula } from "../src/grader/expression.js";
import { parseTemplate } from "../src/grader/template.js";
import { validate } from "../src/engine/validate.js";
import { findings, lintRecords, msg, onlyRules, rft } from "./helpers/lint-records.js";

const sc = (extra: Record<string, unknown> = {}) => ({ type: "string_check", name: "exact", input: "{{sample.output_text}}", reference: "{{item.reference_answer}}", operation: "eq", ...extra });
/** The grader file's findings as [ruleId, JSON path]. */
const problems = (grader: unknown) => checkGrader(grader as never).issues.map((i) => [i.ruleId, "/" + i.path.join("/")]);

describe("templates", () => {
  test("references with nested paths, indexes and quoted keys", () => {
    const { refs, errors } = parseTemplate('{{ item.a.b }} {{item.list[0]["x y"]}} {{sample.output_tools[0].function.name}}');
    expect(errors).toEqual([]);
    expect(refs.map((r) => [r.namespace, r.path])).toEqual([
      ["item", ["a", "b"]],
      ["item", ["list", 0, "x y"]],
      ["sample", ["output_tools", 0, "function", "name"]],
    ]);
  });
  test("syntax errors: unclosed, empty, unknown namespace or sample variable, bad path, single braces", () => {
    const bad = ["{{item.x", "{{ }}", "{{reference}}", "{{sample.output}}", "{{item.}}", "{{item[x]}}", "{item.x}"];
    for (const s of bad) expect(parseTemplate(s).errors, s).toHaveLength(1);
    expect(parseTemplate("{item.x}").errors[0]!.hint).toBe("write {{item.x}}");
  });
});

describe("calculate_output formulas", () => {
  test("parses operators, precedence, functions; evaluates with sub-grader scores", () => {
    const e = parseFormula("0.5 * a + 0.5 * max(b, c) - 2 ^ 2 / 4");
    expect(checkFormulaNames(e, new Set(["a", "b", "c"]))).toEqual([]);
    expect(evaluateFormula(e, { a: 1, b: 0.2, c: 0.6 })).toBeCloseTo(0.5 + 0.3 - 1);
    expect(evaluateFormula(parseFormula("-a + sqrt(4)"), { a: 1 })).toBe(1);
  });
  test("only grader keys and known functions", () => {
    expect(checkFormulaNames(parseFormula("a + bogus"), new Set(["a"]))).toEqual(['"bogus" is not a grader key (keys: a)']);
    expect(checkFormulaNames(parseFormula("median(a)"), new Set(["a"]))[0]).toContain('"median" is not a function');
    expect(checkFormulaNames(parseFormula("abs(a, a)"), new Set(["a"]))[0]).toContain("abs takes one argument");
    expect(() => parseFormula("a +")).toThrow(/column 4/);
    expect(() => parseFormula("a $ b")).toThrow(/unexpected character/);
  });
});

describe("grader schema (grader-invalid and friends)", () => {
  test("valid graders of every type, and a job body", () => {
    const ts = { type: "text_similarity", name: "sim", input: "{{sample.output_text}}", reference: "{{item.reference_answer}}", evaluation_metric: "rouge_l", pass_threshold: 0.6 };
    const score = { type: "score_model", name: "judge", model: "o3-mini-2025-01-31", input: [{ role: "system", content: "Grade 0-1" }, { role: "user", content: [{ type: "input_text", text: "{{sample.output_text}} vs {{item.reference_answer}}" }] }], range: [0, 1], sampling_params: { seed: 1, reasoning_effort: "low" } };
    const label = { type: "label_model", name: "label", model: "gpt-4o-2024-08-06", input: [{ role: "user", content: "{{sample.output_text}}" }], labels: ["good", "bad"], passing_labels: ["good"] };
    const py = { type: "python", name: "py", source: "def grade(sample, item) -> float:\n    return 1.0 if sample['output_text'] == item['reference_answer'] else 0.0\n" };
    const multi = { type: "multi", graders: { exact: sc(), sim: ts, judge: score, label, py }, calculate_output: "0.4 * exact + 0.2 * sim + 0.2 * judge + 0.1 * label + 0.1 * py" };
    for (const g of [sc(), ts, score, py, multi]) expect(problems(g).filter(([r]) => r !== "grader-python-not-run"), JSON.stringify(g).slice(0, 40)).toEqual([]);
    for (const metric of ["fuzzy_match", "bleu", "gleu", "meteor", "rouge_1", "rouge_2", "rouge_3", "rouge_4", "rouge_5", "rouge_l"]) {
      expect(problems({ ...ts, evaluation_metric: metric })).toEqual([]);
    }
    const job = { model: "o4-mini-2025-04-16", training_file: "file-1", method: { type: "reinforcement", reinforcement: { grader: sc(), response_format: { type: "json_schema", json_schema: { name: "a", schema: {} } } } } };
    const c = checkGrader(job);
    expect(c.issues).toEqual([]);
    expect(c.jobBody).toBe(true);
    expect(c.graderPath).toEqual(["method", "reinforcement", "grader"]);
  });

  test("string_check: operation must be eq, ne, like or ilike (neq gets a hint)", () => {
    expect(problems(sc({ operation: "neq" }))).toEqual([["grader-invalid", "/operation"]]);
    expect(checkGrader(sc({ operation: "neq" }) as never).issues[0]!.hint).toContain('"ne"');
    expect(problems(sc({ operation: undefined, input: 3 }))).toEqual([
      ["grader-invalid", "/input"],
      ["grader-invalid", "/"],
    ]);
  });

  test("text_similarity: unknown metric, cosine (evals only), threshold out of range", () => {
    const ts = { type: "text_similarity", name: "s", input: "a", reference: "b" };
    expect(problems({ ...ts, evaluation_metric: "rouge_6" })).toEqual([["grader-invalid", "/evaluation_metric"]]);
    expect(problems({ ...ts, evaluation_metric: "cosine" })).toEqual([["grader-invalid", "/evaluation_metric"]]);
    expect(problems({ ...ts, evaluation_metric: "bleu", pass_threshold: 2 })).toEqual([["grader-invalid", "/pass_threshold"]]);
  });

  test("score_model / label_model: model, messages, range, labels", () => {
    const base = { type: "score_model", name: "j", model: "gpt-4.1-2025-04-14", input: [{ role: "user", content: "x" }] };
    expect(problems({ ...base, model: "gpt-5-judge" })).toEqual([["grader-model-unknown", "/model"]]);
    expect(problems({ ...base, input: [{ role: "robot", content: "x" }] })).toEqual([["grader-invalid", "/input/0/role"]]);
    expect(problems({ ...base, range: [1, 0] })).toEqual([["grader-invalid", "/range"]]);
    expect(problems({ ...base, sampling_params: { temperature: "hot", top_k: 3 } })).toEqual([
      ["grader-invalid", "/sampling_params/temperature"],
      ["grader-invalid", "/sampling_params/top_k"],
    ]);
    const label = { type: "label_model", name: "l", model: "gpt-4o-2024-08-06", input: [{ role: "user", content: "x" }], labels: ["a", "b", "a"], passing_labels: ["a", "c"] };
    expect(problems({ type: "multi", graders: { l: label }, calculate_output: "l" })).toEqual([
      ["grader-invalid", "/graders/l/labels"],
      ["grader-invalid", "/graders/l/passing_labels/1"],
    ]);
    expect(problems({ ...label, labels: ["a", "c"] })).toEqual([
      ["grader-invalid", "/type"],
      ["grader-invalid", "/passing_labels"],
    ]);
  });

  test("python: source and grade(sample, item); never run (info)", () => {
    expect(problems({ type: "python", name: "p", source: "" })).toEqual([["grader-invalid", "/source"], ["grader-python-not-run", "/source"]]);
    expect(problems({ type: "python", name: "p", source: "def score(a, b):\n  return 1" })).toEqual([["grader-invalid", "/source"], ["grader-python-not-run", "/source"]]);
    expect(problems({ type: "python", name: "p", source: "def grade(sample):\n  return 1" })).toEqual([["grader-invalid", "/source"], ["grader-python-not-run", "/source"]]);
    expect(problems({ type: "python", name: "p" })).toEqual([["grader-invalid", "/"]]);
  });

  test("multi: sub-graders, no nesting, formula names only its keys", () => {
    expect(problems({ type: "multi", graders: { a: sc() }, calculate_output: "a + b" })).toEqual([["grader-invalid", "/calculate_output"]]);
    expect(problems({ type: "multi", graders: { a: { type: "multi", graders: {}, calculate_output: "1" } }, calculate_output: "a" })).toEqual([["grader-invalid", "/graders/a/type"]]);
    expect(problems({ type: "multi", graders: {}, calculate_output: "1" })).toEqual([["grader-invalid", "/graders"]]);
    expect(problems({ type: "multi", graders: { a: sc({ operation: "is" }) }, calculate_output: "a *" })).toEqual([
      ["grader-invalid", "/graders/a/operation"],
      ["grader-invalid", "/calculate_output"],
    ]);
  });

  test("unknown type and unknown keys; job bodies without a reinforcement grader", () => {
    expect(problems({ type: "regex_check", name: "x" })).toEqual([["grader-invalid", "/type"]]);
    expect(problems(sc({ threshold: 1 }))).toEqual([["grader-invalid", "/threshold"]]);
    expect(problems({ training_file: "f", method: { type: "dpo", dpo: {} } })).toEqual([["grader-invalid", "/method/type"]]);
    expect(problems({ training_file: "f", method: { type: "reinforcement", reinforcement: {} } })).toEqual([["grader-invalid", "/method/reinforcement"]]);
    expect(problems([1])).toEqual([["grader-invalid", "/"]]);
  });

  test("sample.output_json needs a JSON response format", () => {
    const g = sc({ input: "{{sample.output_json.answer}}" });
    expect(problems(g)).toEqual([["grader-output-json-unavailable", "/input"]]);
    expect(problems({ training_file: "f", method: { type: "reinforcement", reinforcement: { grader: g } } })).toEqual([["grader-output-json-unavailable", "/method/reinforcement/grader/input"]]);
    expect(problems({ training_file: "f", method: { type: "reinforcement", reinforcement: { grader: g, response_format: { type: "json_schema", json_schema: { name: "a", schema: {} } } } } })).toEqual([]);
  });

  test("template errors are grader-template-invalid with the field's path", () => {
    expect(problems(sc({ reference: "{{ item.reference_answer }" }))).toEqual([["grader-template-invalid", "/reference"]]);
  });
});

describe("grader file report", () => {
  test("the grader gets its own FileReport, with line numbers inside the file", async () => {
    const report = await validate([JSON.stringify(rft("Q"))][Symbol.iterator](), { grader: "examples/rft/invalid-grader.json", rules: {} });
    expect(report.files.map((f) => [f.file, f.format])).toEqual([
      ["<input>", "openai-rft"],
      ["examples/rft/invalid-grader.json", "openai-grader"],
    ]);
    const g = report.files[1]!;
    const byPath = Object.fromEntries(g.diagnostics.map((d) => [d.path, [d.ruleId, d.line]]));
    expect(byPath["/graders/exact/operation"]).toEqual(["grader-invalid", 9]);
    expect(byPath["/calculate_output"]).toEqual(["grader-invalid", 43]);
    expect(byPath["/graders/similar/input"]).toEqual(["grader-template-invalid", 14]);
    expect(report.errorCount).toBe(g.errorCount + report.files[0]!.errorCount);
  });

  test("invalid JSON in the grader file is a finding with line and column; a missing file is a usage error", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "ftdata-grader-"));
    writeFileSync(join(dir, "g.json"), '{\n  "type": "string_check",\n  "name": \'x\'\n}\n');
    const report = await validate([JSON.stringify(rft("Q"))][Symbol.iterator](), { grader: join(dir, "g.json"), rules: onlyRules("grader-invalid") });
    expect(report.files[1]!.diagnostics).toMatchObject([{ ruleId: "grader-invalid", line: 3, column: 11 }]);
    await expect(validate([JSON.stringify(rft("Q"))][Symbol.iterator](), { grader: join(dir, "missing.json") })).rejects.toThrow(/cannot read .*missing\.json: no such file/);
  });
});

describe("grader-item-field-missing", () => {
  const rule = "grader-item-field-missing";
  const grader = { type: "multi", graders: { a: sc(), b: sc({ reference: "{{item.meta.expected[0]}}" }), c: { type: "python", name: "p", source: "def grade(sample, item):\n    return float(item['difficulty'] > 1)\n" } }, calculate_output: "a + b + c" };
  const ok = rft("Q", { reference_answer: "42", meta: { expected: ["42"] }, difficulty: 2 });
  test("valid: every referenced field present with a usable value; no grader, no check", async () => {
    expect(await findings(rule, [ok, { ...ok, reference_answer: 42 }, { ...ok, difficulty: { any: "shape" } }], { grader })).toEqual([]);
    expect(await findings(rule, [rft("Q", { other: 1 })])).toEqual([]);
  });
  test("invalid: missing, nested missing, null, empty, object in text; on the row's line with the field path", async () => {
    const rows = [
      rft("Q", { meta: { expected: ["42"] }, difficulty: 1 }),
      rft("Q", { reference_answer: "42", meta: {}, difficulty: 1 }),
      rft("Q", { reference_answer: null, meta: { expected: ["42"] }, difficulty: 1 }),
      rft("Q", { reference_answer: "", meta: { expected: ["42"] }, difficulty: 1 }),
      rft("Q", { reference_answer: { v: 1 }, meta: { expected: ["42"] }, difficulty: 1 }),
      rft("Q", { reference_answer: "42", meta: { expected: ["42"] } }),
    ];
    expect(await findings(rule, rows, { grader })).toEqual([
      { line: 1, path: "/reference_answer" },
      { line: 2, path: "/meta/expected" },
      { line: 3, path: "/reference_answer" },
      { line: 4, path: "/reference_answer" },
      { line: 5, path: "/reference_answer" },
      { line: 6, path: "/difficulty" },
    ]);
    const report = await lintRecords(rows.slice(1, 2), rule, { grader });
    expect(report.files[0]!.diagnostics[0]!.message).toBe("Row has no `meta.expected[0]`, which the grader reads as {{item.meta.expected[0]}}");
  });
});

describe("RFT item rules", () => {
  test("prompt-last-assistant: the item must not end with the answer", async () => {
    const rule = "prompt-last-assistant";
    expect(await findings(rule, [rft("Q"), { messages: [msg.u("Q"), msg.a("A"), msg.u("Q2")], x: 1 }])).toEqual([]);
    expect(await findings(rule, [rft("Q"), { messages: [msg.u("Q"), msg.a("A")], x: 1 }])).toEqual([{ line: 2, path: "/messages/1/role" }]);
  });
  test("message-role-invalid: RFT has no system role", async () => {
    const rule = "message-role-invalid";
    expect(await findings(rule, [{ messages: [{ role: "developer", content: "d" }, msg.u("Q")], x: 1 }])).toEqual([]);
    expect(await findings(rule, [rft("Q"), { messages: [{ role: "system", content: "s" }, msg.u("Q")], x: 1 }])).toEqual([{ line: 2, path: "/messages/0/role" }]);
  });
  test("messages-invalid applies to RFT items", async () => {
    expect(await findings("messages-invalid", [rft("Q"), { messages: [], x: 1 }], { format: "openai-rft" })).toEqual([{ line: 2, path: "/messages" }]);
  });
});
