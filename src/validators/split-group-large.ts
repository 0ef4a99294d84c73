import { defineRule } from "../core/rule.js";

/** A guard of `split()` / `ftdata split`, reported by the split itself (like reader rules, it has no visitor). */
export default defineRule({
  meta: {
    id: "split-group-large",
    description: "One split group holds more than 5% of the records, so it lands on one side as a whole.",
    formats: "*",
    defaultSeverity: "warning",
    messages: { large: "One group holds {{size}} records ({{percent}}% of all, first on line {{line}}); it goes to the {{side}} as a whole" },
    reportedBy: "split",
  },
  defaultOptions: {},
});
