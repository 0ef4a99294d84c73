import type { GraderItemReference } from "../core/rule.js";
import type { PathSegment } from "../core/path.js";
import type { JsonObject, JsonValue } from "../core/canonical.js";
import { isObject, own, typeOf } from "../formats/json-utils.js";
import { checkFormulaNames, FormulaError, parseFormula } from "./expression.js";
import { parseTemplate, refText } from "./template.js";

/** Grader types OpenAI defines; label_model only inside multi for fine-tuning. */
export const GRADER_TYPES = ["string_check", "text_similarity", "score_model", "label_model", "python", "multi"] as const;
export const STRING_CHECK_OPERATIONS = ["eq", "ne", "like", "ilike"] as const;
export const SIMILARITY_METRICS = ["fuzzy_match", "bleu", "gleu", "meteor", "cosine", "rouge_1", "rouge_2", "rouge_3", "rouge_4", "rouge_5", "rouge_l"] as const;
/** Models the graders guide lists for score_model / label_model. */
export const GRADER_MODELS = [
  "gpt-4o-2024-08-06",
  "gpt-4o-mini-2024-07-18",
  "gpt-4.1-2025-04-14",
  "gpt-4.1-mini-2025-04-14",
  "gpt-4.1-nano-2025-04-14",
  "o1-2024-12-17",
  "o3-mini-2025-01-31",
  "o3-2025-04-16",
  "o4-mini-2025-04-16",
] as const;

const KEYS: Record<string, readonly string[]> = {
  string_check: ["type", "name", "input", "reference", "operation"],
  text_similarity: ["type", "name", "input", "reference", "evaluation_metric", "pass_threshold"],
  score_model: ["type", "name", "model", "input", "range", "sampling_params", "pass_threshold"],
  label_model: ["type", "name", "model", "input", "labels", "passing_labels"],
  python: ["type", "name", "source", "image_tag", "pass_threshold"],
  multi: ["type", "name", "graders", "calculate_output"],
};
const SAMPLING_KEYS = ["seed", "top_p", "temperature", "max_completions_tokens", "reasoning_effort"];
const MESSAGE_ROLES = ["system", "developer", "user", "assistant"];
const PYTHON_MAX_BYTES = 256 * 1024;

/** One finding about the grader file; the caller turns it into a diagnostic of `ruleId`. */
export interface GraderIssue {
  ruleId: "grader-invalid" | "grader-template-invalid" | "grader-python-not-run" | "grader-output-json-unavailable" | "grader-model-unknown";
  messageId: string;
  path: PathSegment[];
  data?: Record<string, string | number | boolean>;
  hint?: string;
}

/** A field of the data row a grader reads: `{{item.x}}` in a template, or `item["x"]` in Python source. */
/** A field of the data rows the grader reads. */
export type ItemReference = GraderItemReference;

export interface GraderCheck {
  issues: GraderIssue[];
  /** The grader object itself (inside a job body when one was given), when there is one. */
  grader?: JsonObject;
  /** JSON path of the grader inside the file: [] or ["method", "reinforcement", "grader"]. */
  graderPath: PathSegment[];
  /** `method.reinforcement.response_format` of a job body; undefined for a bare grader. */
  responseFormat?: JsonValue;
  /** Whether the file was a whole job body. */
  jobBody: boolean;
  itemRefs: ItemReference[];
  /** Grader types that cannot run without a model or a sandbox, by path. */
  types: string[];
}

/** Validates an OpenAI grader object, or a fine-tuning job body holding one under method.reinforcement.grader. */
export function checkGrader(root: JsonValue): GraderCheck {
  const out: GraderCheck = { issues: [], graderPath: [], jobBody: false, itemRefs: [], types: [] };
  const issue = (ruleId: GraderIssue["ruleId"], messageId: string, path: PathSegment[], data?: GraderIssue["data"], hint?: string) => {
    const i: GraderIssue = { ruleId, messageId, path };
    if (data) i.data = data;
    if (hint) i.hint = hint;
    out.issues.push(i);
  };
  if (!isObject(root)) {
    issue("grader-invalid", "notObject", [], { type: typeOf(root) });
    return out;
  }
  let grader: JsonValue | undefined = root;
  if (own(root, "type") === undefined && (own(root, "method") !== undefined || own(root, "training_file") !== undefined)) {
    out.jobBody = true;
    const method = own(root, "method");
    const reinforcement = isObject(method) ? own(method, "reinforcement") : undefined;
    if (isObject(method) && own(method, "type") !== undefined && own(method, "type") !== "reinforcement") {
      issue("grader-invalid", "methodType", ["method", "type"], { type: String(own(method, "type")) });
      return out;
    }
    if (!isObject(reinforcement)) {
      issue("grader-invalid", "noReinforcement", isObject(method) ? ["method"] : []);
      return out;
    }
    out.graderPath = ["method", "reinforcement", "grader"];
    const rf = own(reinforcement, "response_format");
    if (rf !== undefined) out.responseFormat = rf;
    grader = own(reinforcement, "grader");
    if (grader === undefined) {
      issue("grader-invalid", "noGrader", ["method", "reinforcement"]);
      return out;
    }
  }
  if (!isObject(grader)) {
    issue("grader-invalid", "notObject", out.graderPath, { type: typeOf(grader) });
    return out;
  }
  out.grader = grader;
  checkOne(grader, out.graderPath, true);
  if (out.responseFormat !== undefined) checkResponseFormat(out.responseFormat, ["method", "reinforcement", "response_format"]);
  return out;

  function checkResponseFormat(rf: JsonValue, path: PathSegment[]): void {
    if (!isObject(rf) || own(rf, "type") !== "json_schema" || !isObject(own(rf, "json_schema"))) {
      issue("grader-invalid", "responseFormat", path);
    }
  }

  function str(g: JsonObject, key: string, path: PathSegment[], template: boolean): string | undefined {
    const v = own(g, key);
    if (v === undefined) {
      issue("grader-invalid", "missing", path, { key });
      return undefined;
    }
    if (typeof v !== "string") {
      issue("grader-invalid", "type", [...path, key], { key, expected: "a string", type: typeOf(v) });
      return undefined;
    }
    if (template) scanTemplate(v, [...path, key], true);
    return v;
  }

  function scanTemplate(s: string, path: PathSegment[], inText: boolean): void {
    const { refs, errors } = parseTemplate(s);
    for (const e of errors) issue("grader-template-invalid", "syntax", path, { problem: e.message }, e.hint);
    for (const r of refs) {
      if (r.namespace === "item") {
        if (!out.itemRefs.some((x) => x.text === refText("item", r.path))) out.itemRefs.push({ path: r.path, text: refText("item", r.path), graderPath: path, inText });
      } else if (r.path[0] === "output_json") {
        if (!out.jobBody) issue("grader-output-json-unavailable", "bare", path, { ref: r.text });
        else if (out.responseFormat === undefined) issue("grader-output-json-unavailable", "noFormat", path, { ref: r.text });
      }
    }
  }

  function checkMessages(g: JsonObject, path: PathSegment[]): void {
    const input = own(g, "input");
    if (input === undefined) return issue("grader-invalid", "missing", path, { key: "input" });
    if (!Array.isArray(input) || input.length === 0) {
      return issue("grader-invalid", "type", [...path, "input"], { key: "input", expected: "a non-empty array of messages", type: Array.isArray(input) ? "an empty array" : typeOf(input) });
    }
    input.forEach((m, i) => {
      const mp = [...path, "input", i];
      if (!isObject(m)) return issue("grader-invalid", "type", mp, { key: "input item", expected: "a message object", type: typeOf(m) });
      const role = own(m, "role");
      if (typeof role !== "string" || !MESSAGE_ROLES.includes(role)) {
        issue("grader-invalid", "enum", [...mp, "role"], { key: "role", value: String(role ?? "nothing"), allowed: MESSAGE_ROLES.join(", ") });
      }
      const type = own(m, "type");
      if (type !== undefined && type !== "message") issue("grader-invalid", "enum", [...mp, "type"], { key: "type", value: String(type), allowed: "message" });
      checkContent(own(m, "content"), [...mp, "content"]);
    });
  }

  function checkContent(c: JsonValue | undefined, path: PathSegment[]): void {
    if (c === undefined) return issue("grader-invalid", "missing", path.slice(0, -1), { key: "content" });
    if (typeof c === "string") return scanTemplate(c, path, true);
    const parts: Array<[JsonValue, PathSegment[]]> = Array.isArray(c) ? c.map((p, i) => [p, [...path, i]]) : [[c, path]];
    for (const [p, pp] of parts) {
      if (!isObject(p)) {
        issue("grader-invalid", "type", pp, { key: "content", expected: "a string or content parts", type: typeOf(p) });
        continue;
      }
      const t = own(p, "type");
      if (t === "input_text" || t === "output_text") {
        const text = own(p, "text");
        if (typeof text !== "string") issue("grader-invalid", "type", [...pp, "text"], { key: "text", expected: "a string", type: typeOf(text) });
        else scanTemplate(text, [...pp, "text"], true);
      } else if (t === "input_image") {
        const url = own(p, "image_url");
        if (typeof url !== "string") issue("grader-invalid", "type", [...pp, "image_url"], { key: "image_url", expected: "a string", type: typeOf(url) });
        else scanTemplate(url, [...pp, "image_url"], true);
      } else if (t !== "input_audio") {
        issue("grader-invalid", "enum", [...pp, "type"], { key: "type", value: String(t ?? "nothing"), allowed: "input_text, output_text, input_image, input_audio" });
      }
    }
  }

  function checkModel(g: JsonObject, path: PathSegment[]): void {
    const model = str(g, "model", path, false);
    if (model !== undefined && !(GRADER_MODELS as readonly string[]).includes(model)) {
      issue("grader-model-unknown", "unknown", [...path, "model"], { model, known: GRADER_MODELS.join(", ") });
    }
  }

  function stringList(g: JsonObject, key: string, path: PathSegment[]): string[] | undefined {
    const v = own(g, key);
    if (v === undefined) return void issue("grader-invalid", "missing", path, { key });
    if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== "string" || x === "")) {
      return void issue("grader-invalid", "type", [...path, key], { key, expected: "a non-empty array of non-empty strings", type: typeOf(v) });
    }
    const list = v as string[];
    const dup = list.find((x, i) => list.indexOf(x) !== i);
    if (dup !== undefined) issue("grader-invalid", "duplicateLabel", [...path, key], { key, label: dup });
    return list;
  }

  function checkOne(g: JsonObject, path: PathSegment[], top: boolean): void {
    const type = own(g, "type");
    if (typeof type !== "string" || !(GRADER_TYPES as readonly string[]).includes(type)) {
      issue("grader-invalid", type === undefined ? "missing" : "enum", type === undefined ? path : [...path, "type"], { key: "type", value: String(type ?? ""), allowed: GRADER_TYPES.join(", ") });
      return;
    }
    out.types.push(type);
    const name = own(g, "name");
    // The guide's multi examples omit `name`; the schema requires it. Sub-graders are named by their key.
    if (name === undefined) {
      if (type !== "multi") issue("grader-invalid", "missing", path, { key: "name" });
    } else if (typeof name !== "string" || name.trim() === "") {
      issue("grader-invalid", "type", [...path, "name"], { key: "name", expected: "a non-empty string", type: typeOf(name) });
    }
    for (const key of Object.keys(g)) {
      if (!KEYS[type]!.includes(key)) issue("grader-invalid", "unknownKey", [...path, key], { key, type, allowed: KEYS[type]!.join(", ") });
    }
    const threshold = own(g, "pass_threshold");
    if (threshold !== undefined && typeof threshold !== "number") {
      issue("grader-invalid", "type", [...path, "pass_threshold"], { key: "pass_threshold", expected: "a number", type: typeOf(threshold) });
    }
    switch (type) {
      case "string_check": {
        str(g, "input", path, true);
        str(g, "reference", path, true);
        const op = own(g, "operation");
        if (op === undefined) issue("grader-invalid", "missing", path, { key: "operation" });
        else if (typeof op !== "string" || !(STRING_CHECK_OPERATIONS as readonly string[]).includes(op)) {
          issue("grader-invalid", "enum", [...path, "operation"], { key: "operation", value: String(op), allowed: STRING_CHECK_OPERATIONS.join(", ") }, op === "neq" ? 'the operation is spelled "ne"' : undefined);
        }
        break;
      }
      case "text_similarity": {
        str(g, "input", path, true);
        str(g, "reference", path, true);
        const metric = own(g, "evaluation_metric");
        if (metric === undefined) issue("grader-invalid", "missing", path, { key: "evaluation_metric" });
        else if (typeof metric !== "string" || !(SIMILARITY_METRICS as readonly string[]).includes(metric)) {
          issue("grader-invalid", "enum", [...path, "evaluation_metric"], { key: "evaluation_metric", value: String(metric), allowed: SIMILARITY_METRICS.join(", ") });
        } else if (metric === "cosine") {
          issue("grader-invalid", "cosine", [...path, "evaluation_metric"]);
        }
        if (typeof threshold === "number" && (threshold < 0 || threshold > 1)) {
          issue("grader-invalid", "range", [...path, "pass_threshold"], { key: "pass_threshold", value: threshold, min: 0, max: 1 });
        }
        break;
      }
      case "score_model": {
        checkModel(g, path);
        checkMessages(g, path);
        const range = own(g, "range");
        if (range !== undefined) {
          if (!Array.isArray(range) || range.length !== 2 || typeof range[0] !== "number" || typeof range[1] !== "number") {
            issue("grader-invalid", "type", [...path, "range"], { key: "range", expected: "[min, max] numbers", type: typeOf(range) });
          } else if (range[0] >= range[1]) {
            issue("grader-invalid", "rangeOrder", [...path, "range"], { min: range[0], max: range[1] });
          } else if (typeof threshold === "number" && (threshold < range[0] || threshold > range[1])) {
            issue("grader-invalid", "range", [...path, "pass_threshold"], { key: "pass_threshold", value: threshold, min: range[0], max: range[1] });
          }
        }
        const sp = own(g, "sampling_params");
        if (sp !== undefined) {
          if (!isObject(sp)) issue("grader-invalid", "type", [...path, "sampling_params"], { key: "sampling_params", expected: "an object", type: typeOf(sp) });
          else {
            for (const key of Object.keys(sp)) {
              if (!SAMPLING_KEYS.includes(key)) issue("grader-invalid", "unknownKey", [...path, "sampling_params", key], { key, type: "sampling_params", allowed: SAMPLING_KEYS.join(", ") });
              else if (key === "reasoning_effort") {
                const v = own(sp, key);
                if (typeof v !== "string" || !["minimal", "low", "medium", "high"].includes(v)) {
                  issue("grader-invalid", "enum", [...path, "sampling_params", key], { key, value: String(v), allowed: "minimal, low, medium, high" });
                }
              } else if (typeof own(sp, key) !== "number") {
                issue("grader-invalid", "type", [...path, "sampling_params", key], { key, expected: "a number", type: typeOf(own(sp, key)) });
              }
            }
          }
        }
        break;
      }
      case "label_model": {
        if (top) issue("grader-invalid", "labelTop", [...path, "type"]);
        checkModel(g, path);
        checkMessages(g, path);
        const labels = stringList(g, "labels", path);
        const passing = stringList(g, "passing_labels", path);
        if (labels && passing) {
          passing.forEach((p, i) => {
            if (!labels.includes(p)) issue("grader-invalid", "passingLabel", [...path, "passing_labels", i], { label: p, labels: labels.join(", ") });
          });
          if (passing.length === labels.length && passing.every((p) => labels.includes(p))) issue("grader-invalid", "allPassing", [...path, "passing_labels"]);
        }
        break;
      }
      case "python": {
        const source = str(g, "source", path, false);
        if (source !== undefined) {
          const def = /^[ \t]*def\s+grade\s*\(([^)]*)\)/m.exec(source);
          if (source.trim() === "") issue("grader-invalid", "pythonEmpty", [...path, "source"]);
          else if (!def) issue("grader-invalid", "pythonNoGrade", [...path, "source"]);
          else {
            const params = def[1]!.split(",").map((s) => s.trim()).filter((s) => s !== "");
            if (params.length !== 2) issue("grader-invalid", "pythonParams", [...path, "source"], { count: params.length });
          }
          const bytes = Buffer.byteLength(source);
          if (bytes >= PYTHON_MAX_BYTES) issue("grader-invalid", "pythonSize", [...path, "source"], { bytes, max: PYTHON_MAX_BYTES });
          // item["x"] (not item.get, which has a default) is a field every row must have.
          for (const m of source.matchAll(/\bitem\s*\[\s*(["'])([^"'\\]+)\1\s*\]/g)) {
            const ref = refText("item", [m[2]!]);
            if (!out.itemRefs.some((x) => x.text === ref)) out.itemRefs.push({ path: [m[2]!], text: ref, graderPath: [...path, "source"], inText: false });
          }
          issue("grader-python-not-run", "notRun", [...path, "source"]);
        }
        const tag = own(g, "image_tag");
        if (tag !== undefined && typeof tag !== "string") issue("grader-invalid", "type", [...path, "image_tag"], { key: "image_tag", expected: "a string", type: typeOf(tag) });
        break;
      }
      case "multi": {
        if (!top) {
          issue("grader-invalid", "nestedMulti", [...path, "type"]);
          break;
        }
        const graders = own(g, "graders");
        const keys = new Set<string>();
        if (graders === undefined) issue("grader-invalid", "missing", path, { key: "graders" });
        else if (isObject(graders) && own(graders, "type") === undefined) {
          const names = Object.keys(graders);
          if (names.length === 0) issue("grader-invalid", "multiEmpty", [...path, "graders"]);
          for (const k of names) {
            keys.add(k);
            const sub = own(graders, k);
            if (!isObject(sub)) issue("grader-invalid", "type", [...path, "graders", k], { key: k, expected: "a grader object", type: typeOf(sub) });
            else checkOne(sub, [...path, "graders", k], false);
          }
        } else {
          // The OpenAPI spec shows an array or a single grader; sub-graders are then named by `name`.
          const list: Array<[JsonValue, PathSegment[]]> = Array.isArray(graders) ? graders.map((s, i) => [s, [...path, "graders", i]]) : [[graders, [...path, "graders"]]];
          if (list.length === 0) issue("grader-invalid", "multiEmpty", [...path, "graders"]);
          for (const [sub, sp] of list) {
            if (!isObject(sub)) issue("grader-invalid", "type", sp, { key: "graders", expected: "a grader object", type: typeOf(sub) });
            else {
              const n = own(sub, "name");
              if (typeof n === "string") keys.add(n);
              checkOne(sub, sp, false);
            }
          }
        }
        const formula = own(g, "calculate_output");
        if (formula === undefined) issue("grader-invalid", "missing", path, { key: "calculate_output" });
        else if (typeof formula !== "string") issue("grader-invalid", "type", [...path, "calculate_output"], { key: "calculate_output", expected: "a string", type: typeOf(formula) });
        else {
          try {
            const ast = parseFormula(formula);
            for (const problem of checkFormulaNames(ast, keys)) issue("grader-invalid", "formula", [...path, "calculate_output"], { problem });
          } catch (err) {
            if (!(err instanceof FormulaError)) throw err;
            issue("grader-invalid", "formula", [...path, "calculate_output"], { problem: err.message });
          }
        }
        break;
      }
    }
  }
}
