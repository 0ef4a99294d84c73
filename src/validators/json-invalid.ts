import { defineRule } from "../core/rule.js";
import { READER_RULE_MESSAGES } from "../formats/reader-messages.js";

/** Every line must be one JSON value. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "json-invalid",
    description: "Every line must be one JSON value.",
    formats: "*",
    defaultSeverity: "error",
    // One writer bug (Python's repr, NaN from json.dumps) gives the same reason on every line.
    group: true,
    reportedBy: "reader",
    messages: READER_RULE_MESSAGES["json-invalid"],
  },
  defaultOptions: {},
});
