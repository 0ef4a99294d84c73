import { defineRule } from "../core/rule.js";

/** Lines must be valid UTF-8; invalid bytes are never silently replaced. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "utf8-invalid",
    description: "Lines must be valid UTF-8; invalid bytes are never silently replaced.",
    formats: "*",
    defaultSeverity: "error",
    reader: true,
    messages: { invalid: "Invalid UTF-8: byte {{byte}} at file offset {{offset}} cannot start or continue a character" },
  },
  defaultOptions: {},
  create: () => ({}),
});
