import type { JsonObject, JsonValue } from "../formats/canonical.js";
import { isObject, own } from "../formats/json-utils.js";

export { isObject, own, typeOf } from "../formats/json-utils.js";

/** The messages of an OpenAI-shaped record that are objects, with their index. */
export function* objectMessages(record: JsonObject, key = "messages"): Generator<[JsonObject, number]> {
  const messages = own(record, key);
  if (!Array.isArray(messages)) return;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (isObject(m)) yield [m, i];
  }
}

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
