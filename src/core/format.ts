import type { PathSegment } from "./path.js";
import type { CanonicalExample, ExampleKind, FormatId, JsonObject } from "./canonical.js";

/** Something of the source example the target format cannot hold: reported, never dropped silently. */
export interface ConversionLoss {
  /** What is lost, for people: "tool definitions (alpaca has no tools)". */
  what: string;
  /** Where it sits in the source record. */
  path?: PathSegment[];
}

/** A record written in another format, with what could not be carried; `error` when nothing fits. */
export interface ToRecordResult {
  record?: JsonObject;
  losses: ConversionLoss[];
  /** Why the example cannot be written in this format at all. */
  error?: string;
}

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
  /**
   * Writes a canonical example (from any format) as a record of this format, for `ftdata convert`.
   * Absent: the format cannot be a conversion target yet.
   */
  toRecord?(example: CanonicalExample): ToRecordResult;
  /** Example kinds `toRecord` accepts (default: the format's own kind). */
  accepts?: readonly ExampleKind[];
  /** The keys that identify the format, for detection explanations: "`conversations` of {from, value}". */
  signature?: string;
}
