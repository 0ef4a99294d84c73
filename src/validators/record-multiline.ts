import { defineRule } from "../core/rule.js";
import { READER_RULE_MESSAGES } from "../formats/reader-messages.js";

/**
 * The file is pretty-printed JSON (records over several lines, or one object) rather than JSONL.
 * Reported once, by the reader, which still reads each record: one diagnosis instead of an
 * "Invalid JSON" error on every physical line.
 */
export default defineRule({
  meta: {
    id: "record-multiline",
    description: "JSONL holds one record per line; a pretty-printed file (records over several lines, or one JSON object) is reported once.",
    formats: "*",
    defaultSeverity: "error",
    reportedBy: "reader",
    messages: READER_RULE_MESSAGES["record-multiline"],
  },
  defaultOptions: {},
});
