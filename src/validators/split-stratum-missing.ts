import { defineRule } from "../core/rule.js";

/** A guard of `split()` / `ftdata split`, reported by the split itself (like reader rules, it has no visitor). */
export default defineRule({
  meta: {
    id: "split-stratum-missing",
    description: "A stratum (label) of --stratify-by has no examples in the holdout.",
    formats: "*",
    defaultSeverity: "warning",
    messages: { missing: "Stratum {{stratum}} ({{count}} records) has no examples in the holdout" },
    reportedBy: "split",
  },
  defaultOptions: {},
});
