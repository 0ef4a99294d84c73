/** A location inside a record: object keys and array indexes, outermost first. */
export type PathSegment = string | number;
export type RecordPath = readonly PathSegment[];

/** RFC 6901 JSON Pointer, for machines: `/messages/2/content`. */
export function toJsonPointer(path: RecordPath): string {
  return path.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** Parses a JSON Pointer back into segments; numeric segments become indexes. */
export function fromJsonPointer(pointer: string): PathSegment[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** For people: `messages[2].content`. Keys that are not identifiers are quoted: `["a b"]`. */
export function toDisplayPath(pointer: string): string {
  let out = "";
  for (const seg of fromJsonPointer(pointer)) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
