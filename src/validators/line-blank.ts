import { defineRule } from "../core/rule.js";

/** Blank lines are not records; some loaders skip them, others fail. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "line-blank",
    description: "Blank lines are not records; some loaders skip them, others fail.",
    formats: "*",
    defaultSeverity: "warning",
    group: true,
    reader: true,
    messages: { blank: "Blank line" },
  },
  defaultOptions: {},
  create: () => ({}),
});
