import { defineRule } from "../core/rule.js";
import { exampleWithMediaHash } from "../dedup/media.js";
import { forEachListedGroup, listCluster, ListingBudget } from "../dedup/groups.js";
import { RecordSorter } from "../dedup/spill.js";

const SHOWN_LINES = 2;

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
    // One fixed-size record per example (96-bit key, line, record index: 20 B), kept in memory up
    // to a shared budget and spilled to a temp file past it; duplicates are found at the end.
    const keys = new RecordSorter(5);
    return {
      keyed: {
        of: "example",
        words: 3,
        key(example, _at, out, o) {
          if (example.schemaInvalid) return false; // a wrong-typed field reads as no text: the schema error is the finding
          const k = exampleWithMediaHash(example);
          out[o] = k[0]!;
          out[o + 1] = k[1]!;
          out[o + 2] = k[2]!;
          return true;
        },
        collect(k, o, at) {
          keys.push(k[o]!, k[o + 1]!, k[o + 2]!, at.line, at.record);
        },
      },
      end() {
        const dups = new RecordSorter(3); // (line, record, first line): reported in line order
        const members = new RecordSorter(3); // (second line, line, 0): clusters in order of their second line
        try {
          let k0 = 0;
          let k1 = 0;
          let k2 = 0;
          let first = -1;
          let second = 0;
          const c = keys.cursor();
          while (c.next()) {
            const { r, o } = c;
            const line = r[o + 3]!;
            if (first === -1 || r[o] !== k0 || r[o + 1] !== k1 || r[o + 2] !== k2) {
              k0 = r[o]!;
              k1 = r[o + 1]!;
              k2 = r[o + 2]!;
              first = line;
              second = 0;
              continue;
            }
            dups.push(line, r[o + 4]!, first);
            if (second === 0) {
              second = line;
              members.push(second, first, 0);
            }
            members.push(second, line, 0);
          }
          keys.dispose();
          const d = dups.cursor();
          while (d.next()) {
            const firstLine = d.r[d.o + 2]!;
            ctx.report({
              messageId: "duplicate",
              at: { line: d.r[d.o]!, record: d.r[d.o + 1]! },
              data: { firstLine },
              related: [{ file: ctx.file, line: firstLine, message: "first occurrence" }],
              hint: "ftdata dedupe keeps the first occurrence",
            });
          }
          dups.dispose();
          const budget = new ListingBudget(ctx.maxListed);
          forEachListedGroup(
            members,
            () => budget.keep(SHOWN_LINES),
            (lines, size) => void listCluster(ctx, "duplicate", lines, size, budget),
          );
        } finally {
          keys.dispose();
          dups.dispose();
          members.dispose();
        }
      },
    };
  },
});
