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
