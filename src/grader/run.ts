import type { PathSegment } from "../core/path.js";
import type { JsonObject, JsonValue } from "../core/canonical.js";
import { isObject, own } from "../formats/json-utils.js";
import { evaluateFormula, parseFormula } from "./expression.js";
import { LOCAL_METRICS, similarity } from "./metrics.js";
import { parseReference } from "./template.js";

/** What a grader sees: the data row as `item`, the model's answer as `sample`. */
export interface GraderInput {
  item: JsonObject;
  sample: { output_text: string; output_json?: JsonValue };
}

/** Why a grader cannot run locally, or undefined when it can (string_check, text_similarity without cosine, multi of those). */
export function whyNotLocal(g: JsonObject, top = true): string | undefined {
  const type = own(g, "type");
  if (type === "string_check") return undefined;
  if (type === "text_similarity") {
    const metric = own(g, "evaluation_metric");
    return (LOCAL_METRICS as readonly string[]).includes(metric as string) ? undefined : `text_similarity with ${String(metric)} needs an embedding model`;
  }
  if (type === "multi" && top) {
    const graders = own(g, "graders");
    const subs = isObject(graders) && own(graders, "type") === undefined ? Object.values(graders) : Array.isArray(graders) ? graders : [graders];
    for (const s of subs) {
      const why = isObject(s) ? whyNotLocal(s, false) : "a sub-grader is not an object";
      if (why) return why;
    }
    return undefined;
  }
  if (type === "python") return "python graders are not run locally";
  if (type === "score_model" || type === "label_model") return `${String(type)} graders need a model`;
  return `grader type ${String(type)} is not known`;
}

/** The value at a path inside a JSON value, or undefined. */
export function lookup(root: JsonValue | undefined, path: readonly PathSegment[]): JsonValue | undefined {
  let cur = root;
  for (const seg of path) {
    if (typeof seg === "number") cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isObject(cur) && Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Fills `{{item.x}}` / `{{sample.output_text}}`: strings as is, other values as JSON, missing as "". */
export function render(template: string, input: GraderInput): string {
  return template.replace(/\{\{([^{}]*)\}\}/g, (_m, expr: string) => {
    const ref = parseReference(expr.trim());
    if ("error" in ref) return "";
    const root: JsonValue | undefined = ref.namespace === "item" ? input.item : ref.namespace === "sample" ? (input.sample as unknown as JsonObject) : undefined;
    const v = lookup(root, ref.path);
    return v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
  });
}

/** Scores one row with a grader that can run locally (see whyNotLocal). */
export function runGrader(g: JsonObject, input: GraderInput): number {
  const type = own(g, "type");
  const text = (key: string) => render(String(own(g, key) ?? ""), input);
  if (type === "string_check") {
    const a = text("input");
    const b = text("reference");
    switch (own(g, "operation")) {
      case "eq":
        return a === b ? 1 : 0;
      case "ne":
        return a !== b ? 1 : 0;
      case "like":
        return a.includes(b) ? 1 : 0;
      case "ilike":
        return a.toLowerCase().includes(b.toLowerCase()) ? 1 : 0;
      default:
        throw new Error(`unknown operation ${String(own(g, "operation"))}`);
    }
  }
  if (type === "text_similarity") return similarity(String(own(g, "evaluation_metric")), text("input"), text("reference"));
  if (type === "multi") {
    const graders = own(g, "graders");
    const scores: Record<string, number> = {};
    if (isObject(graders) && own(graders, "type") === undefined) {
      for (const [k, s] of Object.entries(graders)) if (isObject(s)) scores[k] = runGrader(s, input);
    } else {
      for (const s of Array.isArray(graders) ? graders : [graders]) if (isObject(s)) scores[String(own(s, "name"))] = runGrader(s, input);
    }
    return evaluateFormula(parseFormula(String(own(g, "calculate_output"))), scores);
  }
  throw new Error(`grader type ${String(type)} cannot run locally`);
}

/** The score a row must reach to pass: the grader's pass_threshold, else 1 for string_check, 0.5 otherwise. */
export function passThreshold(g: JsonObject): number {
  const t = own(g, "pass_threshold");
  if (typeof t === "number") return t;
  return own(g, "type") === "string_check" ? 1 : 0.5;
}
