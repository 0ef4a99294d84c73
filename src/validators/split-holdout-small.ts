import { defineRule } from "../core/rule.js";

/** A guard of `split()` / `ftdata split`, reported by the split itself (like reader rules, it has no visitor). */
export default defineRule({
  meta: {
    id: "split-holdout-small",
    description: "The holdout is too small to measure much: the margin of error it implies is printed.",
    formats: "*",
    defaultSeverity: "warning",
    messages: { small: "The holdout has only {{holdout}} examples: a rate measured on it is uncertain by up to ±{{margin}} percentage points (95% confidence)" },
    reportedBy: "split",
  },
  defaultOptions: {},
});
