import { defineRule } from "../core/rule.js";
import { GRADER_RULE_MESSAGES } from "../grader/messages.js";

/** ftdata checks a python grader's shape but never runs the code: say so instead of implying it passed. */
export default defineRule({
  meta: {
    id: "grader-python-not-run",
    description: "Python graders are checked statically (source present, `def grade(sample, item)`, size) but not run locally.",
    formats: "*",
    defaultSeverity: "info",
    reportedBy: "grader",
    messages: GRADER_RULE_MESSAGES["grader-python-not-run"],
  },
  defaultOptions: {},
});
