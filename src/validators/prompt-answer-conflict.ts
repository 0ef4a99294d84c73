import { defineRule } from "../core/rule.js";
import { answerHash, promptHash } from "../dedup/keys.js";
import { ChunkedU32, KeyTable } from "../dedup/table.js";

const SHOWN_LINES = 10;

/**
 * The same prompt trained towards different answers: label noise for deterministic tasks
 * (extraction, classification), legitimate variety for creative ones — hence a warning.
 * Prompts compare under loose normalisation (case, punctuation, digits ignored), answers under
 * standard normalisation.
 */
export default defineRule({
  meta: {
    id: "prompt-answer-conflict",
    description: "The same prompt should not be trained towards different answers (conflicting answers).",
    formats: "*",
    kinds: ["chat", "completion"],
    defaultSeverity: "warning",
    messages: { conflict: "Conflicting answers: the same prompt has {{answers}} different answers on lines {{lines}}" },
  },
  defaultOptions: {},
  create(ctx) {
    const table = new KeyTable();
    const firstLine = new ChunkedU32();
    const firstAnswer = new ChunkedU32();
    // Only prompts seen twice or more keep their lines and answers.
    const repeated = new Map<number, { lines: number[]; answers: number[] }>();
    return {
      record(example, at) {
        const p = promptHash(example);
        const a = answerHash(example);
        if (!p || !a) return;
        const g = table.getOrInsert(p, firstLine.length);
        if (g === -1) {
          firstLine.push(at.line);
          firstAnswer.push(a[0]!);
          return;
        }
        let r = repeated.get(g);
        if (!r) repeated.set(g, (r = { lines: [firstLine.get(g)], answers: [firstAnswer.get(g)] }));
        r.lines.push(at.line);
        r.answers.push(a[0]!);
      },
      end() {
        for (const { lines, answers } of repeated.values()) {
          const distinct = new Set(answers).size;
          if (distinct < 2) continue;
          const shown = lines.slice(0, SHOWN_LINES).join(", ") + (lines.length > SHOWN_LINES ? `, … (${lines.length} lines)` : "");
          ctx.report({
            messageId: "conflict",
            at: { line: lines[0]!, record: -1 },
            data: { answers: distinct, lines: shown, count: lines.length },
            related: lines.slice(1).map((line) => ({ file: ctx.file, line, message: "same prompt" })),
            hint: "keep one answer per prompt unless the variety is intended",
          });
          ctx.cluster?.({ kind: "conflict", lines });
        }
      },
    };
  },
});
