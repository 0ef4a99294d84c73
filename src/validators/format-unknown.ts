import { defineRule } from "../core/rule.js";
import { ENGINE_RULE_MESSAGES } from "../formats/reader-messages.js";

/** The dataset format could not be told from the records' keys. Reported by the runner. */
export default defineRule({
  meta: {
    id: "format-unknown",
    description: "The dataset format must be recognisable from the first record's keys, or given with --format.",
    formats: "*",
    defaultSeverity: "error",
    reportedBy: "engine",
    messages: ENGINE_RULE_MESSAGES["format-unknown"],
  },
  defaultOptions: {},
});
