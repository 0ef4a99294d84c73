import { chat, ruleTester } from "./helpers/rule-tester.js";

// Rules the reader reports (typed through READER_RULE_MESSAGES), driven through the same tester.

ruleTester("json-invalid", {
  valid: [{ records: [chat(), '{"messages": [], "note": "a } in a string"}'] }],
  invalid: [
    { records: [chat(), '{"messages": [{"role": "user", "content": "hi"}'], errors: [{ messageId: "invalid", line: 2, path: undefined, message: /^Invalid JSON: / }] },
    { records: ["[".repeat(1001) + "]".repeat(1001)], errors: [{ messageId: "tooDeep", line: 1, path: undefined, data: { limit: 1000 } }] },
  ],
});

ruleTester("record-not-object", {
  valid: [{ records: [chat()] }],
  invalid: [{ records: [chat(), "[1, 2]", '"text"'], errors: [{ messageId: "notObject", line: 2, path: undefined, data: { type: "array" } }, { messageId: "notObject", line: 3, path: undefined, data: { type: "string" } }] }],
});

ruleTester("line-blank", {
  valid: [{ records: [chat(), chat("a", "b")] }],
  invalid: [{ records: [chat(), "   ", chat("a", "b")], errors: [{ messageId: "blank", line: 2, path: undefined }] }],
});

ruleTester("string-lone-surrogate", {
  valid: [{ records: ['{"messages": [{"role": "user", "content": "\\ud83d\\ude00"}, {"role": "assistant", "content": "ok"}]}'] }],
  invalid: [{ records: ['{"messages": [{"role": "user", "content": "\\ud83d"}, {"role": "assistant", "content": "ok"}]}'], errors: [{ messageId: "lone", line: 1, path: "/messages/0/content" }] }],
});

ruleTester("format-unknown", {
  valid: [{ records: [chat()] }],
  invalid: [{ records: [{ question: "q", reply: "a" }], errors: [{ messageId: "unknown", line: 1, path: undefined }] }],
});

ruleTester("examples-min-count", {
  valid: [{ records: [chat("1"), chat("2"), chat("3")], options: { min: 3 } }],
  invalid: [
    { records: [chat("1"), chat("2")], options: { min: 3 }, errors: [{ messageId: "tooFew", line: undefined, path: undefined, data: { count: 2, min: 3 } }] },
    { records: [chat()], errors: [{ messageId: "tooFew", line: undefined, path: undefined, data: { count: 1, min: 10 } }] },
  ],
});

ruleTester("file-too-large", {
  valid: [{ records: [chat()], options: { maxBytes: 1000 } }],
  // The size is the bytes read, so a tiny limit shows the check without a big fixture.
  invalid: [{ records: [chat(), chat("a", "b")], options: { maxBytes: 50 }, errors: [{ messageId: "tooLarge", line: undefined, path: undefined, data: { limit: "50 B" } }] }],
});

// Whole-file and byte-level cases: `text` is the file as it is on disk, `files` a folder to lint a path in.

const jsonl = (...records: object[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p)] : p)));

ruleTester("utf8-invalid", {
  valid: [{ text: jsonl(chat("Grüße, ça va? 你好 😀")) }],
  invalid: [
    {
      name: "a lone continuation byte on line 2, reported with its offset; the other lines are read",
      text: bytes(jsonl(chat()), '{"text": "a', [0xff], '"}\n', jsonl(chat("b", "c"))),
      errors: [{ messageId: "invalid", line: 2, path: undefined, data: { byte: "0xff" } }],
    },
  ],
});

ruleTester("bom-present", {
  valid: [{ text: jsonl(chat()) }, { name: "a BOM-like character inside a string is content", text: jsonl(chat("\ufeffhi")) }],
  invalid: [{ text: "\ufeff" + jsonl(chat(), chat("a", "b")), errors: [{ messageId: "bom", line: 1, path: undefined, severity: "info" }] }],
});

ruleTester("line-too-long", {
  valid: [{ text: jsonl(chat("x".repeat(100))), validate: { maxLineBytes: 200 } }],
  invalid: [
    {
      name: "the long line is skipped without being buffered; the next one is read",
      text: jsonl(chat(), chat("x".repeat(300)), chat("a", "b")),
      validate: { maxLineBytes: 200 },
      errors: [{ messageId: "tooLong", line: 2, path: undefined, data: { limit: 200 } }],
    },
  ],
});

ruleTester("record-multiline", {
  valid: [{ text: jsonl(chat("a", "b"), chat("c", "d")) }, { name: "a JSON array of records is a dataset", files: { "d.json": JSON.stringify([chat("a", "b"), chat("c", "d")], null, 2) }, input: "d.json" }],
  invalid: [
    { name: "one pretty-printed record", text: JSON.stringify(chat("hi", "there"), null, 2) + "\n", errors: [{ messageId: "single", line: 1, path: undefined, data: { lines: 12 } }] },
    {
      name: "pretty-printed records one after another: said once",
      text: [chat("a", "b"), chat("c", "d"), chat("e", "f")].map((r) => JSON.stringify(r, null, 2)).join("\n") + "\n",
      errors: [{ messageId: "records", line: 1, path: undefined }],
    },
    {
      name: "one object holding the records under a key",
      files: { "nested.json": JSON.stringify({ version: "1.0", data: [{ instruction: "a", output: "b" }, { instruction: "c", output: "d" }] }, null, 2) },
      input: "nested.json",
      errors: [{ messageId: "nested", line: 1, path: undefined, file: "nested.json", data: { key: "data", count: 2 } }],
    },
    {
      name: "a LLaMA-Factory registry under another name",
      files: { "info.json": JSON.stringify({ a: { file_name: "a.json" }, b: { hf_hub_url: "org/b" } }, null, 2) },
      input: "info.json",
      errors: [{ messageId: "datasetInfo", line: 1, path: undefined, data: { count: 2 } }],
    },
  ],
});

ruleTester("json-key-duplicate", {
  valid: [
    { records: [chat(), { messages: [{ role: "user", content: 'say "role": "x"' }, { role: "assistant", content: "ok" }] }] },
    { name: "the same key in sibling objects", records: ['{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}'] },
  ],
  invalid: [
    {
      records: [chat(), '{"messages": [{"role": "user", "content": "q2"}, {"role": "assistant", "content": "draft", "content": "final"}]}', '{"messages": [{"role": "user", "content": "q3"}, {"role": "assistant", "content": "a"}], "messages": []}'],
      errors: [
        { messageId: "duplicate", line: 2, path: "/messages/1/content", data: { key: "content" }, severity: "warning" },
        { messageId: "duplicate", line: 3, path: "/messages", data: { key: "messages" } },
      ],
    },
  ],
});

ruleTester("format-unknown", {
  valid: [{ name: "--format settles keys of two formats", records: [{ text: "a", messages: chat().messages }], format: "openai-chat" }],
  invalid: [{ name: "keys of two formats", records: [{ text: "a", messages: chat().messages }], errors: [{ messageId: "ambiguous", line: 1, path: undefined, message: /openai-chat .* and text/ }] }],
});
