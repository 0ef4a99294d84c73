/**
 * Message templates of the rules the reader and format detection report (src/validators/<id>.ts take them
 * from here): the reader sits below the rule registry, so its message ids are typed from this one source.
 */
export const READER_RULE_MESSAGES = {
  "utf8-invalid": { invalid: "Invalid UTF-8: byte {{byte}} at file offset {{offset}} cannot start or continue a character" },
  "bom-present": { bom: "The file starts with a UTF-8 byte-order mark; it is skipped (some loaders, such as Python's json.loads, reject it)" },
  "line-blank": { blank: "Blank line" },
  "line-too-long": { tooLong: "Line is {{bytes}} bytes, over the {{limit}}-byte limit; it was skipped" },
  "json-invalid": {
    invalid: "Invalid JSON: {{reason}}",
    tooDeep: "JSON is nested more than {{limit}} levels deep; the line was skipped (Python's json module and recursive tools fail on it)",
  },
  "record-not-object": { notObject: "Line is a JSON {{type}}, not an object" },
  "string-lone-surrogate": { lone: "String contains a lone surrogate escape; it cannot be encoded as UTF-8" },
  "record-multiline": {
    records: "Records span several lines (pretty-printed JSON), but JSONL needs one record per line; each record was still read and checked",
    single: "The file is one JSON object over {{lines}} lines, not JSONL (one record per line)",
    nested: "The file is one JSON object ({{lines}} lines) whose {{count|plural:record is:records are}} under \"{{key}}\", not a list of records",
    datasetInfo: "The file is a LLaMA-Factory dataset_info.json (a registry of {{count|plural:dataset}}), not a dataset",
  },
  "json-key-duplicate": { duplicate: "Duplicate key \"{{key}}\": JSON parsers keep only its last value, the earlier one is lost" },
} as const;

/** The rules reported here, and each one's message ids. */
export type ReaderRuleMessages = { [R in keyof typeof READER_RULE_MESSAGES]: keyof (typeof READER_RULE_MESSAGES)[R] & string };

/** Format detection's rules: `format-unknown` (the engine) and `format-mixed` (formats/mixed.ts). */
export const ENGINE_RULE_MESSAGES = {
  "format-unknown": {
    unknown: "Cannot tell the dataset format: {{reason}}",
    ambiguous: "Ambiguous dataset format: {{reason}}",
  },
  "format-mixed": {
    mixed: "File mixes formats: {{format}} (first on line {{formatLine}}) and {{other}} (first on line {{otherLine}}); {{other}} rows found: {{count}}, not checked further",
  },
} as const;

export type EngineRuleMessages = { [R in keyof typeof ENGINE_RULE_MESSAGES]: keyof (typeof ENGINE_RULE_MESSAGES)[R] & string };
