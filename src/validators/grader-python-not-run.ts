import { defineRule } from "../core/rule.js";

/** ftdata checks a python grader's shape but never runs the code: say so instead of implying it passed. */
export default defineRule({
  meta: {
    id: "grader-python-not-run",
    description: "Python graders are checked statically (source present, `def grade(sample, item)`, size) but not run locally.",
    formats: "*",
    defaultSeverity: "info",
    reader: true,
    messages: { notRun: "Python grader checked statically only; its code is not run locally (only item[\"…\"] fields it reads are cross-checked)" },
  },
  defaultOptions: {},
  create: () => ({}),
});
