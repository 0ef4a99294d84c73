import { chat, ruleTester } from "./helpers/rule-tester.js";

// Leakage between the training file and a holdout (validate's `holdout`): findings are on the training line.

const long = "please explain in detail how the water cycle works including evaporation condensation precipitation and collection in lakes rivers and oceans around the world today";
const holdout = [chat("Capital of France?", "Paris"), chat("What is 2+2?", "4"), chat(long, "answer"), chat("fresh", "q")];

ruleTester("holdout-example-duplicate", {
  valid: [{ name: "the same prompt with another answer is not the same example", records: [chat("What is 2+2?", "four"), chat("new", "x")], holdout }],
  invalid: [
    {
      records: [chat("new", "x"), chat("Capital of France?", "Paris")],
      holdout,
      errors: [{ messageId: "leak", line: 2, path: undefined, data: { holdoutFile: "holdout.jsonl", holdoutLine: 1 }, severity: "error" }],
    },
  ],
});

ruleTester("holdout-prompt-duplicate", {
  valid: [{ records: [chat("new", "x")], holdout }],
  invalid: [{ name: "the same prompt, case and punctuation aside", records: [chat("what is 2+2", "four")], holdout, errors: [{ messageId: "leak", line: 1, path: undefined, severity: "warning" }] }],
});

ruleTester("holdout-prompt-near-duplicate", {
  valid: [{ records: [chat("new", "x")], holdout }],
  invalid: [
    { name: "a prompt a word apart", records: [chat("new", "x"), chat(long.replace("today", "now"), "other")], holdout, errors: [{ messageId: "leak", line: 2, path: undefined, severity: "warning" }] },
    {
      name: "past maxRecords: skipped, and said",
      records: [chat("first", "x"), chat(long.replace("today", "now"), "y")],
      holdout: [chat(long, "z")],
      options: { maxRecords: 1 },
      errors: [{ messageId: "skipped", line: undefined, path: undefined, data: { max: 1 } }],
    },
  ],
});
