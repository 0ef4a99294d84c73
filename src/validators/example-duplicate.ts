import { defineRule } from "../core/rule.js";
import { exampleHash } from "../dedup/keys.js";
import { KeyTable } from "../dedup/table.js";

/**
 * A repeated example is trained twice as hard and skews the data. The key is the whole training
 * content under standard normalisation (NFKC, whitespace collapsed): metadata fields such as `id`
 * are ignored, and so are whitespace-only differences.
 */
export default defineRule({
  meta: {
    id: "example-duplicate",
    description: "The same example (ignoring metadata fields such as `id` and whitespace differences) should appear only once.",
    formats: "*",
    defaultSeverity: "warning",
    messages: { duplicate: "Duplicate of the example on line {{firstLine}}" },
  },
  defaultOptions: {},
  create(ctx) {
    // One fixed-size key per distinct example (~30 B): no Map entry cap, memory independent of record size.
    const firstLine = new KeyTable();
    const groups = new Map<number, number[]>();
    return {
      record(example, at) {
        const first = firstLine.getOrInsert(exampleHash(example), at.line);
        if (first === -1) return;
        ctx.report({
          messageId: "duplicate",
          at,
          data: { firstLine: first },
          related: [{ file: ctx.file, line: first, message: "first occurrence" }],
          hint: "ftdata dedupe keeps the first occurrence",
        });
        const g = groups.get(first);
        if (g) g.push(at.line);
        else groups.set(first, [first, at.line]);
      },
      end() {
        for (const lines of groups.values()) ctx.cluster?.({ kind: "duplicate", lines });
      },
    };
  },
});
