import type { PathSegment } from "../core/path.js";
import { defineRule } from "../core/rule.js";
import type { JsonValue } from "../core/canonical.js";
import { isObject } from "./util.js";

/** Walks a path into a row; `missingAt` is the index of the first segment that is not there. */
function resolve(record: JsonValue, path: readonly PathSegment[]): { value?: JsonValue; missingAt?: number } {
  let cur: JsonValue = record;
  for (let k = 0; k < path.length; k++) {
    const seg = path[k]!;
    let next: JsonValue | undefined;
    if (typeof seg === "number") next = Array.isArray(cur) ? cur[seg] : undefined;
    else next = isObject(cur) && Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    if (next === undefined) return { missingAt: k };
    cur = next;
  }
  return { value: cur };
}

/** Every `{{item.X}}` the grader reads must exist, with a usable value, in every row. */
export default defineRule({
  meta: {
    id: "grader-item-field-missing",
    description: "Every field a grader reads (`{{item.x}}`, nested paths too, or item[\"x\"] in Python) must exist with a usable value in every row.",
    formats: "*",
    defaultSeverity: "error",
    messages: {
      missing: "Row has no `{{field}}`, which the grader reads as {{{{ref}}}}",
      null: "`{{field}}` is null, but the grader reads it as {{{{ref}}}}",
      empty: "`{{field}}` is an empty string, but the grader compares against it ({{{{ref}}}})",
      notText: "`{{field}}` is {{type}}, but the grader pastes {{{{ref}}}} into text; point it at a string, number or boolean",
    },
  },
  defaultOptions: {},
  create(ctx) {
    const refs = ctx.runtime.graderReferences ?? [];
    return {
      raw(record, at) {
        for (const ref of refs) {
          const { value, missingAt } = resolve(record, ref.path);
          const field = ref.text.slice("item.".length);
          const data = { field, ref: ref.text };
          if (missingAt !== undefined) ctx.report({ messageId: "missing", at, path: ref.path.slice(0, missingAt + 1), data });
          else if (value === null) ctx.report({ messageId: "null", at, path: ref.path, data });
          else if (value === "") ctx.report({ messageId: "empty", at, path: ref.path, data });
          else if (ref.inText && typeof value === "object") ctx.report({ messageId: "notText", at, path: ref.path, data: { ...data, type: Array.isArray(value) ? "an array" : "an object" } });
        }
      },
    };
  },
});
