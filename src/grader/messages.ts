/**
 * Message templates of the rules the grader check reports (src/validators/grader-*.ts take them from
 * here): the check sits below the rule registry, so its message ids are typed from this one source.
 */
export const GRADER_RULE_MESSAGES = {
  "grader-invalid": {
    json: "Grader file is not valid JSON: {{problem}}",
    notObject: "A grader must be a JSON object, found {{type}}",
    methodType: "Job body has method.type \"{{type}}\"; a grader belongs to a reinforcement job",
    noReinforcement: "Job body has no method.reinforcement object to take the grader from",
    noGrader: "Job body has no method.reinforcement.grader",
    responseFormat: "response_format must be {\"type\": \"json_schema\", \"json_schema\": {…}}",
    missing: "Grader has no `{{key}}`",
    type: "`{{key}}` must be {{expected}}, found {{type}}",
    enum: "`{{key}}` is \"{{value}}\"; expected one of {{allowed}}",
    unknownKey: "Unknown key \"{{key}}\" on {{type|a}} grader (allowed: {{allowed}})",
    cosine: "evaluation_metric \"cosine\" is only available for evals, not for fine-tuning graders",
    range: "`{{key}}` is {{value}}, outside [{{min}}, {{max}}]",
    rangeOrder: "`range` minimum {{min}} must be below its maximum {{max}}",
    labelTop: "label_model is not allowed as the top-level grader of a fine-tuning job; put it inside a multi grader",
    duplicateLabel: "`{{key}}` lists \"{{label}}\" twice",
    passingLabel: "Passing label \"{{label}}\" is not one of the labels ({{labels}})",
    allPassing: "Every label is a passing label, so every sample passes",
    pythonEmpty: "Python grader `source` is empty",
    pythonNoGrade: "Python grader `source` defines no `def grade(sample, item)` function",
    pythonParams: "`grade` must take exactly two parameters (sample, item), found {{count}}",
    pythonSize: "Python grader `source` is {{bytes}} bytes; the limit is {{max}}",
    nestedMulti: "A multi grader cannot contain another multi grader",
    multiEmpty: "A multi grader needs at least one sub-grader in `graders`",
    formula: "calculate_output: {{problem}}",
  },
  "grader-template-invalid": { syntax: "Template error: {{problem}}" },
  "grader-model-unknown": { unknown: "Grader model \"{{model}}\" is not one OpenAI lists for graders ({{known}})" },
  "grader-output-json-unavailable": {
    noFormat: "{{ref}} is used but the job body sets no method.reinforcement.response_format, so output_json is empty",
    bare: "{{ref}} is only filled when the job sets method.reinforcement.response_format",
  },
  "grader-python-not-run": { notRun: "Python grader checked statically only; its code is not run locally (only item[\"…\"] fields it reads are cross-checked)" },
} as const;

/** The rules reported here, and each one's message ids. */
export type GraderRuleMessages = { [R in keyof typeof GRADER_RULE_MESSAGES]: keyof (typeof GRADER_RULE_MESSAGES)[R] & string };
