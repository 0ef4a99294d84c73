import { defineRule } from "../core/rule.js";
import { READER_RULE_MESSAGES } from "../formats/reader-messages.js";

/** Lines must be valid UTF-8; invalid bytes are never silently replaced. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "utf8-invalid",
    description: "Lines must be valid UTF-8; invalid bytes are never silently replaced.",
    formats: "*",
    defaultSeverity: "error",
    reportedBy: "reader",
    messages: READER_RULE_MESSAGES["utf8-invalid"],
  },
  defaultOptions: {},
});
