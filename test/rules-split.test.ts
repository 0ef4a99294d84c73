import { chat, ruleTester } from "./helpers/rule-tester.js";

// The split guards, reported by split() about the split it made (a dry run: nothing is written).

const rows = (n: number, extra: (i: number) => Record<string, unknown> = () => ({})) => Array.from({ length: n }, (_, i) => ({ ...chat(`Question number ${i}?`, `Answer ${i}.`), ...extra(i) }));

ruleTester("split-train-too-small", {
  valid: [{ records: rows(40), split: {} }],
  invalid: [{ name: "8 records: fewer than 10 left to train on", records: rows(8), split: {}, errors: [{ messageId: "small", line: undefined, path: undefined, data: { min: 10 }, severity: "error" }] }],
});

ruleTester("split-holdout-small", {
  valid: [{ name: "a holdout of 30", records: rows(300), split: { holdoutCount: 30 } }],
  invalid: [{ name: "a holdout of 4", records: rows(40), split: { holdoutCount: 4 }, errors: [{ messageId: "small", line: undefined, path: undefined, data: { holdout: 4, margin: 49 }, severity: "warning" }] }],
});

ruleTester("split-group-large", {
  valid: [{ name: "groups of one", records: rows(40), split: {} }, { name: "the same rows, not grouped", records: [...rows(40), ...Array.from({ length: 5 }, (_, i) => chat("Hi", `greeting ${i}`))], split: { groupBy: "none" } }],
  invalid: [
    {
      name: "five rows with one first user message: one group, over 5% of the records",
      records: [...rows(40), ...Array.from({ length: 5 }, (_, i) => chat("Hi", `greeting ${i}`))],
      split: {},
      errors: [{ messageId: "large", line: 41, path: undefined, data: { size: 5, percent: 11.1, line: 41 } }],
    },
  ],
});

ruleTester("split-stratum-missing", {
  valid: [{ name: "every label in the holdout", records: rows(300, (i) => ({ label: i % 3 === 0 ? "neg" : "pos" })), split: { stratifyBy: "label", holdoutCount: 30 } }],
  invalid: [
    {
      name: "a label with one record gets no holdout share",
      records: [...rows(300, (i) => ({ label: i % 3 === 0 ? "neg" : "pos" })), { ...chat("rare one", "x"), label: "rare" }],
      split: { stratifyBy: "label", holdoutCount: 30 },
      errors: [{ messageId: "missing", line: undefined, path: undefined, data: { stratum: '"rare"', count: 1 } }],
    },
  ],
});
