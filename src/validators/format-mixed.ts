import { defineRule } from "../core/rule.js";

/** Rows of two formats in one file: trainers reject it (Together: "Found multiple dataset formats"). Reported by validate(). */
export default defineRule({
  meta: {
    id: "format-mixed",
    description: "Every row of a file must have the same dataset format; rows of another format are reported once per format and not checked further.",
    formats: "*",
    defaultSeverity: "error",
    reader: true,
    messages: {
      mixed: "File mixes formats: {{format}} (first on line {{formatLine}}) and {{other}} (first on line {{otherLine}}); {{other}} rows found: {{count}}, not checked further",
      noneOfFormat: "No row is {{format}}, but line {{otherLine}} is {{other}} ({{count}} such rows, not checked); check --format",
    },
  },
  defaultOptions: {},
  create: () => ({}),
});
