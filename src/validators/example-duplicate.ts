import { defineRule } from "../core/rule.js";
import { exampleKey } from "../dedup/keys.js";

/** A repeated example is trained twice as hard and skews the data; metadata fields are ignored. */
export default defineRule({
  meta: {
    id: "example-duplicate",
    description: "The same example (ignoring metadata fields such as `id`) should appear only once.",
    formats: "*",
    defaultSeverity: "warning",
    messages: { duplicate: "Duplicate of the example on line {{firstLine}}" },
  },
  defaultOptions: {},
  create(ctx) {
    // One fixed-size key per record: memory grows with the number of records, never with their size.
    const firstLine = new Map<string, number>();
    return {
      record(example, at) {
        const key = exampleKey(example);
        const first = firstLine.get(key);
        if (first === undefined) {
          firstLine.set(key, at.line);
          return;
        }
        ctx.report({ messageId: "duplicate", at, data: { firstLine: first }, related: [{ file: ctx.file, line: first, message: "first occurrence" }] });
      },
    };
  },
});
