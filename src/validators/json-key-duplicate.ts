import { defineRule } from "../core/rule.js";
import { READER_RULE_MESSAGES } from "../formats/reader-messages.js";

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
    reportedBy: "reader",
    messages: READER_RULE_MESSAGES["json-key-duplicate"],
  },
  defaultOptions: {},
});
