import { defineRule } from "../core/rule.js";
import { READER_RULE_MESSAGES } from "../formats/reader-messages.js";

/** A UTF-8 byte-order mark at the start of the file is accepted and skipped. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "bom-present",
    description: "A UTF-8 byte-order mark at the start of the file is accepted and skipped.",
    formats: "*",
    defaultSeverity: "info",
    reportedBy: "reader",
    messages: READER_RULE_MESSAGES["bom-present"],
  },
  defaultOptions: {},
});
