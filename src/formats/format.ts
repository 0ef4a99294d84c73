import type { CanonicalExample, ExampleKind, FormatId, JsonObject } from "./canonical.js";

/** One dataset format: how to recognise a record of it and how to map it to the canonical example. */
export interface FormatModule {
  id: FormatId;
  kind: ExampleKind;
  /** One line for `--help`, the docs and the format explanation. */
  description: string;
  /** Top-level keys the format defines; anything else is an extra key. */
  keys: readonly string[];
  /**
   * How strongly a record looks like this format: 0 = not at all. The highest score wins; ties
   * between different formats make the file ambiguous.
   */
  detect(record: JsonObject): number;
  /**
   * Lenient mapping: best effort on malformed records (schema rules report the defects), undefined
   * only when the record is too broken to say anything about its content.
   */
  toCanonical(record: JsonObject): CanonicalExample | undefined;
}
