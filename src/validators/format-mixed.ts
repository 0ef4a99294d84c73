import { defineRule } from "../core/rule.js";
import { ENGINE_RULE_MESSAGES } from "../formats/reader-messages.js";

/** Rows of two formats in one file: trainers reject it (Together: "Found multiple dataset formats"). Reported by validate(). */
export default defineRule({
  meta: {
    id: "format-mixed",
    description: "Every row of a file must have the same dataset format; rows of another format are reported once per format and not checked further.",
    formats: "*",
    defaultSeverity: "error",
    reportedBy: "engine",
    messages: ENGINE_RULE_MESSAGES["format-mixed"],
  },
  defaultOptions: {},
});
