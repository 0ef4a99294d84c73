import { defineRule } from "../core/rule.js";

/** The dataset format could not be told from the records' keys. Reported by the runner. */
export default defineRule({
  meta: {
    id: "format-unknown",
    description: "The dataset format must be recognisable from the first record's keys, or given with --format.",
    formats: "*",
    defaultSeverity: "error",
    reader: true,
    messages: {
      unknown: "Cannot tell the dataset format: {{reason}}",
      ambiguous: "Ambiguous dataset format: {{reason}}",
    },
  },
  defaultOptions: {},
  create: () => ({}),
});
