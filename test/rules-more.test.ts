import { chat, ruleTester } from "./helpers/rule-tester.js";

// Cases in the one tester's shape for rules whose other tests are free-form (preference-rules,
// targets): each pins the message id, line and path.

const u = (content: unknown) => ({ role: "user", content });
const a = (content: unknown) => ({ role: "assistant", content });
const dpo = (prompt: string, preferred: string, nonPreferred: string) => ({ input: { messages: [u(prompt)] }, preferred_output: [a(preferred)], non_preferred_output: [a(nonPreferred)] });
const image = (n: number) => Array.from({ length: n }, (_, i) => ({ type: "image_url", image_url: { url: `https://example.com/${i}.png` } }));

ruleTester("preference-side-empty", {
  valid: [{ records: [dpo("Q", "A", "B")] }],
  invalid: [
    { records: [dpo("Q", "", "B")], errors: [{ messageId: "empty", line: 1, path: "/preferred_output/0/content" }] },
    { records: [dpo("Q", "A", " \n ")], errors: [{ messageId: "whitespace", line: 1, path: "/non_preferred_output/0/content" }] },
  ],
});

ruleTester("preference-pair-identical", {
  valid: [{ records: [dpo("Q", "Paris.", "Lyon.")] }],
  invalid: [{ records: [dpo("Q", "Same  answer\n", " Same answer")], errors: [{ messageId: "identical", line: 1, path: "/non_preferred_output/0/content" }] }],
});

ruleTester("prompt-last-assistant", {
  valid: [{ records: [dpo("Q", "A", "B")] }],
  invalid: [
    { records: [{ ...dpo("Q", "A", "B"), input: { messages: [u("Q"), a("draft")] } }], errors: [{ messageId: "preference", line: 1, path: "/input/messages/1/role" }] },
    { records: [{ messages: [u("2+2?"), a("4")], reference_answer: "4" }], format: "openai-rft", errors: [{ messageId: "rft", line: 1, path: "/messages/1/role" }] },
  ],
});

ruleTester("tool-call-id-invalid", {
  valid: [{ records: [{ messages: [u("q"), { role: "assistant", tool_calls: [{ id: "abcDEF123", type: "function", function: { name: "f", arguments: "{}" } }] }, { role: "tool", tool_call_id: "abcDEF123", content: "1" }, a("r")] }], options: { pattern: "^[A-Za-z0-9]{9}$" } }],
  invalid: [
    {
      records: [{ messages: [u("q"), { role: "assistant", tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: "{}" } }] }, { role: "tool", tool_call_id: "call_1", content: "1" }, a("r")] }],
      options: { pattern: "^[A-Za-z0-9]{9}$" },
      errors: [
        { messageId: "pattern", line: 1, path: "/messages/1/tool_calls/0/id", data: { id: "call_1" } },
        { messageId: "pattern", line: 1, path: "/messages/2/tool_call_id" },
      ],
    },
  ],
});

ruleTester("example-images-too-many", {
  valid: [{ records: [{ messages: [u(image(2)), a("two")] }], options: { max: 2 } }],
  invalid: [{ records: [{ messages: [u(image(3)), a("three")] }], options: { max: 2 }, errors: [{ messageId: "tooMany", line: 1, path: undefined, data: { count: 3, max: 2 } }] }],
});

ruleTester("message-role-unsupported", {
  valid: [{ records: [chat()], options: { roles: ["user", "assistant"] } }],
  invalid: [{ records: [{ messages: [{ role: "system", content: "s" }, u("q"), a("r")] }], options: { roles: ["user", "assistant"] }, errors: [{ messageId: "unsupported", line: 1, path: "/messages/0", data: { role: "system" } }] }],
});

ruleTester("examples-max-count", {
  valid: [{ records: [chat("1"), chat("2")], options: { max: 2 } }],
  invalid: [{ records: [chat("1"), chat("2"), chat("3")], options: { max: 2 }, errors: [{ messageId: "tooMany", line: undefined, path: undefined, data: { count: 3, max: 2 } }] }],
});

ruleTester("pii-email", {
  valid: [{ records: [chat("Write to the support team", "Use the contact form on the website.")] }],
  invalid: [{ records: [chat("Who do I write to?", "Write to jane.smith@gmail.com for help.")], errors: [{ messageId: "found", line: 1, path: "/messages/1" }] }],
});
