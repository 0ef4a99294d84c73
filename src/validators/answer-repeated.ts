import { defineRule } from "../core/rule.js";
import { answerHash, promptHash } from "../dedup/keys.js";
import { ChunkedU32, KeyTable } from "../dedup/table.js";

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
    const table = new KeyTable();
    const firstLine = new ChunkedU32();
    const firstPrompt = new ChunkedU32();
    const repeated = new Map<number, { lines: number[]; prompts: number[] }>();
    let records = 0;
    return {
      record(example, at) {
        records++;
        const a = answerHash(example);
        if (!a) return;
        const p = promptHash(example)?.[0] ?? 0;
        const g = table.getOrInsert(a, firstLine.length);
        if (g === -1) {
          firstLine.push(at.line);
          firstPrompt.push(p);
          return;
        }
        let r = repeated.get(g);
        if (!r) repeated.set(g, (r = { lines: [firstLine.get(g)], prompts: [firstPrompt.get(g)] }));
        r.lines.push(at.line);
        r.prompts.push(p);
      },
      end() {
        for (const { lines, prompts } of repeated.values()) {
          const distinct = new Set(prompts).size;
          if (distinct < minCount || lines.length < minShare * records) continue;
          ctx.report({
            messageId: "repeated",
            at: { line: lines[0]!, record: -1 },
            data: { prompts: distinct, count: lines.length, percent: Math.round((1000 * lines.length) / records) / 10 },
            related: lines.slice(1, 1 + SHOWN_RELATED).map((line) => ({ file: ctx.file, line, message: "same answer" })),
          });
          ctx.cluster?.({ kind: "repeated-answer", lines });
        }
      },
    };
  },
});
