import { defineRule } from "../core/rule.js";
import { answerHash, promptHash } from "../dedup/keys.js";
import { forEachListedGroup, listCluster, ListingBudget, selectGroups } from "../dedup/groups.js";
import { RecordSorter } from "../dedup/spill.js";

const SHOWN_RELATED = 20;

/**
 * One answer given to many different prompts: canned replies, refusals, "I don't know". Often
 * intended (labels of a classifier), so only an info.
 */
export default defineRule({
  meta: {
    id: "answer-repeated",
    description: "One answer repeated across many different prompts (canned replies, refusals).",
    formats: "*",
    kinds: ["chat", "completion", "preference"],
    defaultSeverity: "info",
    messages: { repeated: "The same answer is given to {{prompts}} different prompts ({{percent}}% of examples)" },
    schema: (z) =>
      z.strictObject({
        minCount: z.optional(z.int().check(z.minimum(1), z.describe("Report an answer given to at least this many different prompts (default 5)."))),
        minShare: z.optional(z.number().check(z.gte(0), z.lte(1), z.describe("…and to at least this share of all examples, 0–1 (default 0.01)."))),
      }),
  },
  defaultOptions: { minCount: 5, minShare: 0.01 },
  create(ctx) {
    const { minCount, minShare } = ctx.options;
    // (answer key, first word of the prompt key, line): 20 B per record, spilled past the budget.
    const keys = new RecordSorter(5);
    let records = 0;
    // Every example counts (the share of all examples); those with an answer carry its key (flag word 1).
    return {
      keyed: {
        of: "example",
        words: 5,
        key(example, _at, out, o) {
          out[o] = 0;
          if (example.schemaInvalid) return true; // a wrong-typed field reads as no text: the schema error is the finding
          const a = answerHash(example);
          if (!a) return true;
          out[o] = 1;
          out[o + 1] = a[0]!;
          out[o + 2] = a[1]!;
          out[o + 3] = a[2]!;
          out[o + 4] = promptHash(example)?.[0] ?? 0;
          return true;
        },
        collect(k, o, at) {
          records++;
          if (k[o] === 1) keys.push(k[o + 1]!, k[o + 2]!, k[o + 3]!, k[o + 4]!, at.line);
        },
      },
      end() {
        let members: RecordSorter | undefined;
        try {
          members = selectGroups(keys, (g) => g.distinct >= minCount && g.size >= minShare * records);
          keys.dispose();
          const budget = new ListingBudget(ctx.maxListed);
          forEachListedGroup(
            members,
            () => budget.keep(1 + SHOWN_RELATED),
            (lines, size, distinct) => {
              ctx.report({
                messageId: "repeated",
                at: { line: lines[0]!, record: -1 },
                data: { prompts: distinct, count: size, percent: Math.round((1000 * size) / records) / 10 },
                related: lines.slice(1, 1 + SHOWN_RELATED).map((line) => ({ file: ctx.file, line, message: "same answer" })),
              });
              listCluster(ctx, "repeated-answer", lines, size, budget);
            },
          );
        } finally {
          keys.dispose();
          members?.dispose();
        }
      },
    };
  },
});
