import { defineRule } from "../core/rule.js";
import { READER_RULE_MESSAGES } from "../formats/reader-messages.js";

/** Blank lines are not records; some loaders skip them, others fail. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "line-blank",
    description: "Blank lines are not records; some loaders skip them, others fail.",
    formats: "*",
    defaultSeverity: "warning",
    group: true,
    reportedBy: "reader",
    messages: READER_RULE_MESSAGES["line-blank"],
  },
  defaultOptions: {},
});
