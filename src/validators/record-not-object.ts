import { defineRule } from "../core/rule.js";

/** Every line must be a JSON object. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "record-not-object",
    description: "Every line must be a JSON object.",
    formats: "*",
    defaultSeverity: "error",
    group: true,
    reader: true,
    messages: { notObject: "Line is a JSON {{type}}, not an object" },
  },
  defaultOptions: {},
  create: () => ({}),
});
