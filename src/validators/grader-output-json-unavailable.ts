import { defineRule } from "../core/rule.js";
import { GRADER_RULE_MESSAGES } from "../grader/messages.js";

/** `sample.output_json` is only filled when the job asks for a JSON response format. */
export default defineRule({
  meta: {
    id: "grader-output-json-unavailable",
    description: "`{{sample.output_json…}}` needs the job's method.reinforcement.response_format (a JSON schema); without it the grader sees nothing.",
    formats: "*",
    defaultSeverity: "warning",
    reportedBy: "grader",
    messages: GRADER_RULE_MESSAGES["grader-output-json-unavailable"],
  },
  defaultOptions: {},
});
