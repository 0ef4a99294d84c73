import { defineRule } from "../core/rule.js";

/** Every line must be one JSON value. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "json-invalid",
    description: "Every line must be one JSON value.",
    formats: "*",
    defaultSeverity: "error",
    // One writer bug (Python's repr, NaN from json.dumps) gives the same reason on every line.
    group: true,
    reader: true,
    messages: {
      invalid: "Invalid JSON: {{reason}}",
      tooDeep: "JSON is nested more than {{limit}} levels deep; the line was skipped (Python's json module and recursive tools fail on it)",
    },
  },
  defaultOptions: {},
  create: () => ({}),
});
