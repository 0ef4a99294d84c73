import { defineRule } from "../core/rule.js";
import { GRADER_RULE_MESSAGES } from "../grader/messages.js";

/** A `{{…}}` template the grader cannot fill: unclosed, unknown namespace or variable, single braces. */
export default defineRule({
  meta: {
    id: "grader-template-invalid",
    description: "Grader templates must be well-formed `{{item.field}}` or `{{sample.output_text|output_json|output_tools|choices|output_audio}}` references.",
    formats: "*",
    defaultSeverity: "error",
    reportedBy: "grader",
    messages: GRADER_RULE_MESSAGES["grader-template-invalid"],
  },
  defaultOptions: {},
});
