import type { JsonObject, JsonValue } from "../core/canonical.js";

export function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function typeOf(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : v === undefined ? "missing" : typeof v;
}

/** Own-property lookup: a record's `__proto__` or `constructor` key is data, never the prototype. */
export function own(obj: JsonObject, key: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}
