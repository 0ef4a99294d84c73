import { defineRule } from "../core/rule.js";

/** Every line must be one JSON value. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "json-invalid",
    description: "Every line must be one JSON value.",
    formats: "*",
    defaultSeverity: "error",
    reader: true,
    messages: { invalid: "Invalid JSON: {{reason}}" },
  },
  defaultOptions: {},
  create: () => ({}),
});
