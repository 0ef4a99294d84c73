import { chat, msg, ruleTester } from "./helpers/rule-tester.js";

// Quality rules over the examples and the whole file: role order, loops, conflicts, repeats, near duplicates, the platform's formats.

const story = "the quick brown fox jumps over the lazy dog while the sun sets slowly behind the distant mountains and the river flows through the green valley towards the sea where the old ships sail away into the night";
const jsonl = (...records: object[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";

ruleTester("conversation-role-alternation", {
  valid: [
    { name: "system, then user and assistant in turn, tool results after tool calls", records: [{ messages: [{ role: "system", content: "s" }, msg.u("q"), msg.a("a"), msg.u("q2"), msg.a("a2")] }] },
    { name: "a transition table that allows the order", records: [{ messages: [msg.u("q"), msg.u("more"), msg.a("a")] }], options: { transitions: { user: ["user", "assistant"], assistant: ["user"] }, first: ["user", "system"] } },
  ],
  invalid: [
    {
      name: "strict alternation: two user turns in a row, an assistant first",
      records: [{ messages: [msg.u("q"), msg.u("more"), msg.a("a")] }, { messages: [{ role: "system", content: "s" }, msg.a("hello"), msg.u("q"), msg.a("a")] }],
      errors: [
        { messageId: "repeated", line: 1, path: "/messages/1", data: { role: "user", prev: 0, index: 1 } },
        { messageId: "first", line: 2, path: "/messages/1", data: { role: "assistant" } },
      ],
    },
    {
      name: "a transition table (Mistral's shape): a role that cannot follow, a first role not allowed",
      records: [{ messages: [msg.u("q"), msg.u("more"), msg.a("a")] }, { messages: [msg.a("hello"), msg.u("q"), msg.a("a")] }],
      options: { transitions: { user: ["assistant"], assistant: ["user"] }, first: ["user", "system"] },
      errors: [
        { messageId: "transition", line: 1, path: "/messages/1", data: { from: "user", to: "user", index: 1 } },
        { messageId: "firstOf", line: 2, path: "/messages/0", data: { role: "assistant", allowed: "user or system" } },
      ],
    },
  ],
});

ruleTester("assistant-content-repetitive", {
  valid: [
    { name: "tables, rule lines, ellipses, lists and short repeats", records: [chat("q", "| a | b |\n|---|---|\n" + Array.from({ length: 30 }, (_, i) => `| ${i} | ${i + 1} |`).join("\n")), chat("q", "Wait" + ".".repeat(300)), chat("q", "No, no, no. That is not how it works.")] },
    { name: "a loop in a rejected answer is meant to be bad", records: [{ prompt: [msg.u("Summarise.")], chosen: [msg.a("A fine summary.")], rejected: [msg.a("Ooh ooh ah ah! ".repeat(50))] }], format: "trl-preference" },
  ],
  invalid: [
    {
      name: "a loop at the end of an otherwise normal answer",
      records: [chat("q", "fine"), chat("Tell me something.", "Here is a short summary of the article you sent. " + "I hope this helps. ".repeat(30))],
      errors: [{ messageId: "repetitive", line: 2, path: "/messages/1/content", data: { unit: "I hope this helps.", repeats: 30, percent: 94 }, severity: "warning" }],
    },
  ],
});

ruleTester("prompt-answer-conflict", {
  valid: [{ name: "repeats that share the answer", records: [chat("q", "a"), chat("q", "a"), chat("r", "b")] }],
  invalid: [
    {
      name: "one prompt (case and punctuation aside) trained towards two answers: on its first line",
      records: [chat("Capital of France?", "Paris"), chat("x", "y"), chat("capital of france", "Paris"), chat("Capital of France?!", "Lyon")],
      errors: [{ messageId: "conflict", line: 1, path: undefined, data: { answers: 2, lines: "1, 3, 4" }, severity: "warning" }],
    },
  ],
});

ruleTester("answer-repeated", {
  valid: [{ name: "fewer different prompts than minCount", records: Array.from({ length: 4 }, (_, i) => chat(`question ${"abcd"[i]}`, "same")) }],
  invalid: [
    {
      records: [...Array.from({ length: 6 }, (_, i) => chat(`question ${"abcdef"[i]}`, "I don't know.")), chat("other", "fine")],
      errors: [{ messageId: "repeated", line: 1, path: undefined, data: { prompts: 6, count: 6 }, severity: "info" }],
    },
  ],
});

ruleTester("example-near-duplicate", {
  valid: [{ name: "exact duplicates are example-duplicate's", records: [chat("Tell me a story", story), chat("unrelated", "something else entirely"), chat("Tell me a story", story)] }],
  invalid: [
    {
      name: "examples a few words apart",
      records: [chat("Tell me a story", story), chat("unrelated", "something else entirely"), chat("Tell me a story", story.replace("night", "dark night")), chat("Tell me a story", story)],
      errors: [{ messageId: "near", line: 3, path: undefined, data: { firstLine: 1 }, severity: "info" }],
    },
    {
      name: "over maxRecords (a stream): skipped, and said",
      records: [chat("Tell me a story", story), chat("Tell me a story", story.replace("night", "dark night")), chat("a", "b")],
      options: { maxRecords: 2 },
      errors: [{ messageId: "skipped", line: undefined, path: undefined, data: { max: 2 } }],
    },
    {
      name: "over maxRecords (a file): skipped early, with its line count",
      files: { "over.jsonl": jsonl(chat("Tell me a story", story), chat("Tell me a story", story.replace("night", "dark night")), ...Array.from({ length: 398 }, (_, i) => chat(`question ${i}`, `answer ${i}`))) },
      input: "over.jsonl",
      options: { maxRecords: 300 },
      errors: [{ messageId: "skippedLines", line: undefined, path: undefined, file: "over.jsonl", data: { lines: 400, max: 300 } }],
    },
  ],
});

ruleTester("format-unsupported", {
  valid: [
    { name: "a format the platform takes", records: [chat()], options: { formats: ["openai-chat", "openai-dpo"], target: "OpenAI" } },
    { name: "no platform named: off", records: [{ conversations: [{ from: "human", value: "q" }, { from: "gpt", value: "a" }] }] },
  ],
  invalid: [
    {
      records: [{ conversations: [{ from: "human", value: "q" }, { from: "gpt", value: "a" }] }],
      options: { formats: ["openai-chat", "openai-dpo"], target: "OpenAI" },
      errors: [{ messageId: "unsupported", line: undefined, path: undefined, data: { format: "sharegpt", target: "OpenAI", formats: "openai-chat, openai-dpo" } }],
    },
    { name: "through --target", records: [{ conversations: [{ from: "human", value: "q" }, { from: "gpt", value: "a" }] }], validate: { target: "openai" }, errors: [{ messageId: "unsupported", line: undefined, path: undefined, data: { format: "sharegpt" } }] },
  ],
});
