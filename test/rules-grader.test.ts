import { rft, ruleTester } from "./helpers/rule-tester.js";

/**
 * The grader rules, reported by the grader check against the --grader file: each case writes its
 * grader to grader.json (pretty-printed, two-space indent, so line n is the n-th key as written) and
 * lints one RFT row with it.
 */

const rows = [rft("What is 6*7?")];
const sc = (extra: Record<string, unknown> = {}) => ({ type: "string_check", name: "exact", input: "{{sample.output_text}}", reference: "{{item.reference_answer}}", operation: "eq", ...extra });
const ts = (extra: Record<string, unknown> = {}) => ({ type: "text_similarity", name: "sim", input: "{{sample.output_text}}", reference: "{{item.reference_answer}}", evaluation_metric: "bleu", ...extra });
const judge = (extra: Record<string, unknown> = {}) => ({ type: "score_model", name: "judge", model: "o3-mini-2025-01-31", input: [{ role: "user", content: "Grade {{sample.output_text}}" }], ...extra });
const label = (extra: Record<string, unknown> = {}) => ({ type: "label_model", name: "label", model: "gpt-4o-2024-08-06", input: [{ role: "user", content: "{{sample.output_text}}" }], labels: ["good", "bad"], passing_labels: ["good"], ...extra });
const py = (source: string) => ({ type: "python", name: "py", source });
const multi = (graders: unknown, calculate_output = "a") => ({ type: "multi", graders, calculate_output });
const job = (reinforcement: unknown, type = "reinforcement") => ({ training_file: "file-1", method: { type, reinforcement } });
const jsonFormat = { type: "json_schema", json_schema: { name: "a", schema: {} } };

ruleTester("grader-invalid", {
  valid: [
    { name: "every grader type", records: rows, grader: multi({ a: sc(), b: ts(), c: judge({ range: [0, 1] }), d: label(), e: py("def grade(sample, item):\n    return 1.0\n") }, "a + b + c + d + e") },
    { name: "a job body with a JSON response format", records: rows, grader: job({ grader: sc({ input: "{{sample.output_json.answer}}" }), response_format: jsonFormat }) },
  ],
  invalid: [
    { name: "not JSON", records: rows, grader: '{\n  "type": "string_check",\n  "name": \'x\'\n}\n', errors: [{ messageId: "json", line: 3, path: undefined, file: "grader.json" }] },
    { name: "not an object", records: rows, grader: [sc()], errors: [{ messageId: "notObject", line: 1, path: undefined, data: { type: "array" } }] },
    { name: "a job body's grader that is not an object", records: rows, grader: job({ grader: 5 }), errors: [{ messageId: "notObject", line: 6, path: "/method/reinforcement/grader", data: { type: "number" } }] },
    { name: "a job of another method", records: rows, grader: job({}, "dpo"), errors: [{ messageId: "methodType", line: 4, path: "/method/type", data: { type: "dpo" } }] },
    { name: "a job without method.reinforcement", records: rows, grader: { training_file: "file-1", method: { type: "reinforcement" } }, errors: [{ messageId: "noReinforcement", line: 3, path: "/method" }] },
    { name: "a job without a grader", records: rows, grader: job({}), errors: [{ messageId: "noGrader", line: 5, path: "/method/reinforcement" }] },
    { name: "a response format that is not a JSON schema", records: rows, grader: job({ grader: sc(), response_format: "json" }), errors: [{ messageId: "responseFormat", line: 13, path: "/method/reinforcement/response_format" }] },
    {
      name: "string_check: a missing operation, a wrong type, an unknown key",
      records: rows,
      grader: { type: "string_check", name: "exact", input: 3, reference: "{{item.reference_answer}}", threshold: 1 },
      errors: [
        { messageId: "missing", line: 1, path: undefined, data: { key: "operation" } },
        { messageId: "type", line: 4, path: "/input", data: { key: "input", type: "number" } },
        { messageId: "unknownKey", line: 6, path: "/threshold", data: { key: "threshold" } },
      ],
    },
    { name: "string_check: neq is spelled ne", records: rows, grader: sc({ operation: "neq" }), errors: [{ messageId: "enum", line: 6, path: "/operation", data: { value: "neq" } }] },
    { name: "text_similarity: cosine is for evals only", records: rows, grader: ts({ evaluation_metric: "cosine" }), errors: [{ messageId: "cosine", line: 6, path: "/evaluation_metric" }] },
    { name: "text_similarity: a threshold outside [0, 1]", records: rows, grader: ts({ pass_threshold: 2 }), errors: [{ messageId: "range", line: 7, path: "/pass_threshold", data: { value: 2, min: 0, max: 1 } }] },
    { name: "score_model: range the wrong way round", records: rows, grader: judge({ range: [1, 0] }), errors: [{ messageId: "rangeOrder", line: 11, path: "/range", data: { min: 1, max: 0 } }] },
    { name: "label_model at the top of a fine-tuning job", records: rows, grader: label(), errors: [{ messageId: "labelTop", line: 2, path: "/type" }] },
    {
      name: "label_model: a label twice, a passing label that is none of the labels",
      records: rows,
      grader: multi({ a: label({ labels: ["good", "bad", "good"], passing_labels: ["good", "fine"] }) }),
      errors: [
        { messageId: "duplicateLabel", line: 14, path: "/graders/a/labels", data: { label: "good" } },
        { messageId: "passingLabel", line: 21, path: "/graders/a/passing_labels/1", data: { label: "fine" } },
      ],
    },
    { name: "label_model: every label passes", records: rows, grader: multi({ a: label({ passing_labels: ["good", "bad"] }) }), errors: [{ messageId: "allPassing", line: 18, path: "/graders/a/passing_labels" }] },
    { name: "python: empty source", records: rows, grader: py(" "), errors: [{ messageId: "pythonEmpty", line: 4, path: "/source" }] },
    { name: "python: no grade function", records: rows, grader: py("def score(sample, item):\n    return 1"), errors: [{ messageId: "pythonNoGrade", line: 4, path: "/source" }] },
    { name: "python: grade with one parameter", records: rows, grader: py("def grade(sample):\n    return 1"), errors: [{ messageId: "pythonParams", line: 4, path: "/source", data: { count: 1 } }] },
    { name: "python: over the size limit", records: rows, grader: py(`def grade(sample, item):\n    return 1\n# ${"x".repeat(256 * 1024)}\n`), errors: [{ messageId: "pythonSize", line: 4, path: "/source", data: { max: 262144 } }] },
    { name: "multi: a multi grader inside", records: rows, grader: multi({ a: multi({ b: sc() }, "b") }), errors: [{ messageId: "nestedMulti", line: 5, path: "/graders/a/type" }] },
    { name: "multi: no sub-graders", records: rows, grader: multi({}, "1"), errors: [{ messageId: "multiEmpty", line: 3, path: "/graders" }] },
    { name: "multi: a formula naming no grader key", records: rows, grader: multi({ a: sc() }, "a + b"), errors: [{ messageId: "formula", line: 12, path: "/calculate_output", message: /"b" is not a grader key/ }] },
  ],
});

ruleTester("grader-template-invalid", {
  valid: [{ records: rows, grader: sc({ reference: "{{ item.reference_answer }}" }) }],
  invalid: [
    {
      name: "an unclosed template and a sample variable that does not exist",
      records: rows,
      grader: sc({ input: "{{sample.output}}", reference: "{{ item.reference_answer }" }),
      errors: [
        { messageId: "syntax", line: 4, path: "/input", file: "grader.json" },
        { messageId: "syntax", line: 5, path: "/reference" },
      ],
    },
  ],
});

ruleTester("grader-model-unknown", {
  valid: [{ records: rows, grader: judge({ model: "gpt-4.1-2025-04-14" }) }],
  invalid: [{ records: rows, grader: judge({ model: "gpt-5-judge" }), errors: [{ messageId: "unknown", line: 4, path: "/model", data: { model: "gpt-5-judge" } }] }],
});

ruleTester("grader-output-json-unavailable", {
  valid: [
    { name: "output_text needs no response format", records: rows, grader: sc() },
    { name: "output_json with a JSON response format", records: rows, grader: job({ grader: sc({ input: "{{sample.output_json.answer}}" }), response_format: jsonFormat }) },
  ],
  invalid: [
    { name: "a job body without a response format", records: rows, grader: job({ grader: sc({ input: "{{sample.output_json.answer}}" }) }), errors: [{ messageId: "noFormat", line: 9, path: "/method/reinforcement/grader/input" }] },
    { name: "a bare grader: the job body is not known", records: rows, grader: sc({ input: "{{sample.output_json.answer}}" }), errors: [{ messageId: "bare", line: 4, path: "/input" }] },
  ],
});

ruleTester("grader-python-not-run", {
  valid: [{ records: rows, grader: sc() }],
  invalid: [
    { records: rows, grader: multi({ a: sc(), b: py("def grade(sample, item):\n    return float(item['reference_answer'] == '42')\n") }, "a * b"), errors: [{ messageId: "notRun", line: 14, path: "/graders/b/source", severity: "info" }] },
  ],
});
