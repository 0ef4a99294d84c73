import { defineRule } from "../core/rule.js";
import { READER_RULE_MESSAGES } from "../formats/reader-messages.js";

/** Every line must be a JSON object. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "record-not-object",
    description: "Every line must be a JSON object.",
    formats: "*",
    defaultSeverity: "error",
    group: true,
    reportedBy: "reader",
    messages: READER_RULE_MESSAGES["record-not-object"],
  },
  defaultOptions: {},
});
