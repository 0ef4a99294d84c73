import { defineRule } from "../core/rule.js";
import { GRADER_RULE_MESSAGES } from "../grader/messages.js";
import { GRADER_MODELS } from "../grader/check.js";

/** Model graders accept a fixed list of models (OpenAI graders guide); a typo fails the job at start. */
export default defineRule({
  meta: {
    id: "grader-model-unknown",
    description: `score_model and label_model graders should use a model OpenAI lists for graders (${GRADER_MODELS.length} dated snapshots).`,
    formats: "*",
    defaultSeverity: "warning",
    reportedBy: "grader",
    messages: GRADER_RULE_MESSAGES["grader-model-unknown"],
  },
  defaultOptions: {},
});
