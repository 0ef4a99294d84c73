import { defineRule } from "../core/rule.js";
import { GRADER_RULE_MESSAGES } from "../grader/messages.js";

/** The grader file given with --grader does not match OpenAI's grader schema. Reported against the grader file. */
export default defineRule({
  meta: {
    id: "grader-invalid",
    description: "A grader (--grader) must match OpenAI's grader schemas: string_check, text_similarity, score_model, label_model (inside multi), python, multi.",
    formats: "*",
    defaultSeverity: "error",
    reportedBy: "grader",
    messages: GRADER_RULE_MESSAGES["grader-invalid"],
  },
  defaultOptions: {},
});
