import { defineRule } from "../core/rule.js";
import { READER_RULE_MESSAGES } from "../formats/reader-messages.js";

/** A line longer than the size limit is skipped without being buffered. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "line-too-long",
    description: "A line longer than the size limit is skipped without being buffered.",
    formats: "*",
    defaultSeverity: "error",
    reportedBy: "reader",
    messages: READER_RULE_MESSAGES["line-too-long"],
  },
  defaultOptions: {},
});
