import { defineRule } from "../core/rule.js";

/** A UTF-8 byte-order mark at the start of the file is accepted and skipped. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "bom-present",
    description: "A UTF-8 byte-order mark at the start of the file is accepted and skipped.",
    formats: "*",
    defaultSeverity: "info",
    reader: true,
    messages: { bom: "The file starts with a UTF-8 byte-order mark; it is skipped (some loaders, such as Python's json.loads, reject it)" },
  },
  defaultOptions: {},
  create: () => ({}),
});
