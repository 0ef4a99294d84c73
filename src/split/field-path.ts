import { FtdataUsageError } from "../core/errors.js";
import { fromJsonPointer, type PathSegment } from "../core/path.js";
import type { JsonValue } from "../core/canonical.js";
import { isObject, own } from "../formats/json-utils.js";
import { canonicalJson } from "../dedup/keys.js";

/**
 * Parses a field path as users write it: `metadata.conversation_id`, `labels[0]`, `["a b"].c`, or a
 * JSON Pointer (`/metadata/conversation_id`).
 */
export function parseFieldPath(spec: string, flag: string): PathSegment[] {
  if (spec === "") throw new FtdataUsageError(`${flag} needs a field path, for example metadata.label`);
  if (spec.startsWith("/")) return fromJsonPointer(spec);
  const out: PathSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|(\.)/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(spec)) !== null) {
    last = re.lastIndex;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(`"${m[3]}"`) as string);
  }
  if (last !== spec.length || out.length === 0) throw new FtdataUsageError(`${flag}: cannot read the field path "${spec}"; write it like metadata.label or /metadata/label`);
  return out;
}

/** The value at a path, or undefined when a step is missing. */
export function valueAt(root: JsonValue, path: readonly PathSegment[]): JsonValue | undefined {
  let v: JsonValue | undefined = root;
  for (const seg of path) {
    if (typeof seg === "number") v = Array.isArray(v) ? v[seg] : isObject(v) ? own(v, String(seg)) : undefined;
    else if (Array.isArray(v)) v = /^(0|[1-9]\d*)$/.test(seg) ? v[Number(seg)] : undefined; // messages.0.role
    else v = isObject(v) ? own(v, seg) : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

/** A field value as a key: strings as written, anything else as key-sorted JSON. */
export function fieldKey(v: JsonValue): string {
  return typeof v === "string" ? v : canonicalJson(v);
}
