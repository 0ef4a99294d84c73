import { defineRule } from "../core/rule.js";

/** A line longer than the size limit is skipped without being buffered. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "line-too-long",
    description: "A line longer than the size limit is skipped without being buffered.",
    formats: "*",
    defaultSeverity: "error",
    reader: true,
    messages: { tooLong: "Line is {{bytes}} bytes, over the {{limit}}-byte limit; it was skipped" },
  },
  defaultOptions: {},
  create: () => ({}),
});
