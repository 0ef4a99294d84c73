import { defineRule } from "../core/rule.js";

/** `sample.output_json` is only filled when the job asks for a JSON response format. */
export default defineRule({
  meta: {
    id: "grader-output-json-unavailable",
    description: "`{{sample.output_json…}}` needs the job's method.reinforcement.response_format (a JSON schema); without it the grader sees nothing.",
    formats: "*",
    defaultSeverity: "warning",
    reader: true,
    messages: {
      noFormat: "{{ref}} is used but the job body sets no method.reinforcement.response_format, so output_json is empty",
      bare: "{{ref}} is only filled when the job sets method.reinforcement.response_format; pass the whole job body with --grader to check it",
    },
  },
  defaultOptions: {},
  create: () => ({}),
});
