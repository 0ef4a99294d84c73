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
  },
  defaultOptions: { minCount: 5, minShare: 0.01 },
  create(ctx) {
    const { minCount, minShare } = ctx.options;
    // (answer key, first word of the prompt key, line): 20 B per record, spilled past the budget.
    const keys = new RecordSorter(5);
    let records = 0;
    return {
      record(example, at) {
        records++;
        if (example.schemaInvalid) return; // a wrong-typed field reads as no text: the schema error is the finding
        const a = answerHash(example);
        if (!a) return;
        const p = promptHash(example)?.[0] ?? 0;
        keys.push(a[0]!, a[1]!, a[2]!, p, at.line);
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
