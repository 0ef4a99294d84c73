import type { JsonObject, JsonValue } from "../core/canonical.js";
import { own } from "../formats/json-utils.js";

export { isObject, own, typeOf } from "../formats/json-utils.js";

/** OpenAI function names: letters, digits, underscores and dashes, at most 64. */
export const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function roleOf(m: JsonObject): string | undefined {
  const r = own(m, "role");
  return typeof r === "string" ? r : undefined;
}

export function parsesAsJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

export function preview(v: JsonValue | undefined, max = 40): string {
  // String() for numbers: JSON.stringify(1e400) would show "null".
  const s = typeof v === "string" ? v : typeof v === "number" ? String(v) : JSON.stringify(v) ?? "undefined";
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A value as a user would write it: strings quoted, `nothing` when absent, long values cut. */
export function describeValue(v: JsonValue | undefined, max = 40): string {
  if (v === undefined) return "nothing";
  // JSON.parse turns 1e400 into Infinity, which JSON.stringify would show as null.
  const s = typeof v === "number" && !Number.isFinite(v) ? String(v) : (JSON.stringify(v) ?? String(v));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
