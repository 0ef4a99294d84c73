import { chat, ruleTester } from "./helpers/rule-tester.js";

// The token rules run when tokens are counted (a model or a tokenizer); `tokenLimit` sets a small limit.

const model = { model: "gpt-4o-mini-2024-07-18", tokenLimit: 60 };
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

ruleTester("example-tokens-over-limit", {
  valid: [
    { records: [chat(), chat("a", "b")], validate: model },
    { name: "no model, no token count", records: [chat(words(200))] },
  ],
  invalid: [
    {
      records: [chat(), chat("Summarise this.", words(100))],
      validate: model,
      errors: [{ messageId: "over", line: 2, path: undefined, data: { limit: 60, model: "gpt-4o-mini-2024-07-18" }, message: /over the 60-token limit of gpt-4o-mini-2024-07-18 by \d+: it will be truncated/ }],
    },
  ],
});

ruleTester("trained-tokens-beyond-limit", {
  valid: [{ name: "over the limit, but the answer starts within it", records: [chat("Summarise this.", words(100))], validate: model }],
  invalid: [
    {
      name: "a prompt longer than the limit: the answer is cut off entirely",
      records: [chat(), chat(words(100), "Done.")],
      validate: model,
      errors: [{ messageId: "beyond", line: 2, path: undefined, data: { limit: 60, model: "gpt-4o-mini-2024-07-18" } }],
    },
  ],
});

const typical = Array.from({ length: 24 }, (_, i) => chat(`Question ${i}?`, `Answer ${i}.`));

ruleTester("example-tokens-outlier", {
  valid: [
    { name: "lengths close together", records: typical, validate: { model: "gpt-4o-mini-2024-07-18" } },
    { name: "too few examples to tell", records: [...typical.slice(0, 5), chat("q", words(300))], validate: { model: "gpt-4o-mini-2024-07-18" } },
  ],
  invalid: [
    {
      records: [...typical.slice(0, 10), chat("Paste:", words(300)), ...typical.slice(10)],
      validate: { model: "gpt-4o-mini-2024-07-18" },
      errors: [{ messageId: "outlier", line: 11, path: undefined, severity: "info" }],
    },
    {
      name: "past maxReports the rest are summed up",
      records: [...typical, chat("Paste:", words(300)), chat("Paste:", words(400))],
      validate: { model: "gpt-4o-mini-2024-07-18" },
      options: { maxReports: 1 },
      errors: [{ messageId: "more", line: undefined, path: undefined, data: { count: 1 } }, { messageId: "outlier", line: 25, path: undefined }],
    },
  ],
});
