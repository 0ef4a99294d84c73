import { defineRule } from "../core/rule.js";

/** A guard of `split()` / `ftdata split`, reported by the split itself (like reader rules, it has no visitor). */
export default defineRule({
  meta: {
    id: "split-train-too-small",
    description: "Fewer than the minimum number of training examples would be left after the split.",
    formats: "*",
    defaultSeverity: "error",
    messages: { small: "Only {{train}} training examples would be left after the split (minimum {{min}}); nothing was written" },
    reportedBy: "split",
  },
  defaultOptions: {},
});
