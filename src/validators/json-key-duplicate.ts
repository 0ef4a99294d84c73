import { defineRule } from "../core/rule.js";

/**
 * A key written twice in one JSON object: every JSON parser (Python's, JavaScript's, the platforms')
 * keeps the last value and drops the first without a word. Reported by the reader.
 */
export default defineRule({
  meta: {
    id: "json-key-duplicate",
    description: "A JSON object must not repeat a key: parsers keep only the last value.",
    formats: "*",
    defaultSeverity: "warning",
    group: true,
    reader: true,
    messages: { duplicate: "Duplicate key \"{{key}}\": JSON parsers keep only its last value, the earlier one is lost" },
  },
  defaultOptions: {},
  create: () => ({}),
});
