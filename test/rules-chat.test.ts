import { chat, testRule } from "./helpers/rule-tester.js";

const u = (content: unknown) => ({ role: "user", content });
const a = (content: unknown, extra: Record<string, unknown> = {}) => ({ role: "assistant", content, ...extra });
const call = (id: string, name = "get_weather", args = '{"city":"Paris"}') => ({ id, type: "function", function: { name, arguments: args } });
const weatherTool = { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } };

testRule("messages-invalid", {
  valid: [{ lines: [chat()] }],
  invalid: [
    { lines: [{ messages: [] }], errors: [{ line: 1, path: "/messages", message: "`messages` is empty" }] },
    { lines: [chat(), { messages: "hi" }], errors: [{ line: 2, path: "/messages", message: /must be an array, found string/ }] },
    { lines: [chat(), chat("a", "b"), { messages: [u("x")], extra: 1 }, { conversation: [] }], format: "openai-chat", errors: [{ line: 4, message: /no `messages`/ }] },
  ],
});

testRule("message-role-invalid", {
  valid: [{ lines: [{ messages: [{ role: "system", content: "s" }, u("q"), a("r")] }] }],
  invalid: [
    { lines: [{ messages: [{ role: "human", content: "q" }, a("r")] }], errors: [{ line: 1, path: "/messages/0/role", message: /Unknown role "human"/ }] },
    { lines: [{ messages: [u("q"), "oops", { content: "r" }] }], errors: [{ line: 1, path: "/messages/1" }, { line: 1, path: "/messages/2", message: "Message has no `role`" }] },
  ],
});

testRule("message-role-developer", {
  valid: [{ lines: [{ messages: [{ role: "system", content: "s" }, u("q"), a("r")] }] }],
  invalid: [{ lines: [{ messages: [{ role: "developer", content: "s" }, u("q"), a("r")] }], errors: [{ line: 1, path: "/messages/0/role", severity: "warning" }] }],
});

testRule("message-content-invalid", {
  valid: [
    { lines: [{ messages: [u([{ type: "text", text: "what is this?" }, { type: "image_url", image_url: { url: "https://x/y.png", detail: "low" } }]), a("a cat")] }] },
    { lines: [{ messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c1", content: "sunny" }, a("Sunny.")] }] },
    { lines: [{ messages: [u("q"), a([{ type: "refusal", refusal: "I can't." }])] }] },
  ],
  invalid: [
    { lines: [{ messages: [u(42), a("r")] }], errors: [{ line: 1, path: "/messages/0/content", message: /found number/ }] },
    { lines: [{ messages: [u("q"), { role: "assistant" }] }], errors: [{ line: 1, path: "/messages/1", message: /neither `content` nor `tool_calls`/ }] },
    { lines: [{ messages: [{ role: "user" }, a("r")] }], errors: [{ line: 1, path: "/messages/0", message: "user message has no `content`" }] },
    { lines: [{ messages: [u([]), a("r")] }], errors: [{ line: 1, path: "/messages/0/content", message: /empty array/ }] },
    { lines: [{ messages: [u("q"), a([{ type: "image_url", image_url: { url: "https://x" } }])] }], errors: [{ line: 1, path: "/messages/1/content/0", message: /cannot contain images/ }] },
    { lines: [{ messages: [u([{ type: "input_audio", input_audio: {} }]), a("r")] }], errors: [{ line: 1, path: "/messages/0/content/0/type", message: /not supported for fine-tuning/ }] },
    { lines: [{ messages: [{ role: "system", content: [{ type: "image_url", image_url: { url: "u" } }] }, u("q"), a("r")] }], errors: [{ line: 1, path: "/messages/0/content/0/type", message: /not allowed in a system message/ }] },
    { lines: [{ messages: [u([{ type: "text" }]), a("r")] }], errors: [{ line: 1, path: "/messages/0/content/0/text" }] },
    { lines: [{ messages: [u([{ type: "image_url", image_url: { url: "https://x/u.png", detail: "ultra" } }]), a("r")] }], errors: [{ line: 1, path: "/messages/0/content/0/image_url/detail" }] },
  ],
});

testRule("message-key-unknown", {
  valid: [{ lines: [{ messages: [u("q"), a("r", { weight: 1, name: "bot" })] }] }],
  invalid: [{ lines: [{ messages: [{ role: "user", content: "q", weight: 1 }, a("r")] }], errors: [{ line: 1, path: "/messages/0/weight", message: /Unknown key "weight" on a user message/ }] }],
});

testRule("record-key-unknown", {
  valid: [{ lines: [{ ...chat(), tools: [weatherTool], parallel_tool_calls: false }] }],
  invalid: [{ lines: [{ ...chat(), id: "ex-1" }], errors: [{ line: 1, path: "/id", severity: "warning" }] }],
});

testRule("assistant-weight-invalid", {
  valid: [{ lines: [{ messages: [u("q"), a("r", { weight: 0 }), u("q2"), a("r2", { weight: 1 })] }] }],
  invalid: [
    { lines: [{ messages: [u("q"), a("r", { weight: 2 })] }], errors: [{ line: 1, path: "/messages/1/weight", message: "`weight` must be 0 or 1, found 2" }] },
    { lines: [{ messages: [u("q"), a("r", { weight: true })] }], errors: [{ line: 1, path: "/messages/1/weight" }] },
  ],
});

testRule("tool-call-invalid", {
  valid: [{ lines: [{ messages: [u("q"), a(null, { tool_calls: [call("c1"), call("c2")] }), { role: "tool", tool_call_id: "c1", content: "1" }, { role: "tool", tool_call_id: "c2", content: "2" }, a("done")] }] }],
  invalid: [
    { lines: [{ messages: [u("q"), a(null, { tool_calls: [{ id: "c1", type: "fn", function: { name: "f", arguments: "{}" } }] })] }], errors: [{ line: 1, path: "/messages/1/tool_calls/0/type" }] },
    { lines: [{ messages: [u("q"), a(null, { tool_calls: [call("c1"), call("c1")] })] }], errors: [{ line: 1, path: "/messages/1/tool_calls/1/id", message: /used twice/ }] },
    { lines: [{ messages: [u("q"), a(null, { tool_calls: [call("c1", "get weather")] })] }], errors: [{ line: 1, path: "/messages/1/tool_calls/0/function/name" }] },
    { lines: [{ messages: [u("q"), a(null, { tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: { a: 1 } } }] })] }], errors: [{ line: 1, path: "/messages/1/tool_calls/0/function/arguments", message: /JSON-encoded string, found object/ }] },
    { lines: [{ messages: [u("q"), a("r", { tool_calls: [] })] }], errors: [{ line: 1, path: "/messages/1/tool_calls" }] },
  ],
});

testRule("tool-call-arguments-invalid", {
  valid: [{ lines: [{ messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("r")] }] }],
  invalid: [{ lines: [{ messages: [u("q"), a(null, { tool_calls: [call("c1", "f", "{city: Paris}")] })] }], errors: [{ line: 1, path: "/messages/1/tool_calls/0/function/arguments" }] }],
});

testRule("tool-message-unmatched", {
  valid: [{ lines: [{ messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("r")] }] }],
  invalid: [
    { lines: [{ messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c9", content: "1" }, a("r")] }], errors: [{ line: 1, path: "/messages/2/tool_call_id", message: /answers "c9"/ }] },
    { lines: [{ messages: [u("q"), { role: "tool", content: "1" }, a("r")] }], errors: [{ line: 1, path: "/messages/1" }] },
  ],
});

testRule("tools-invalid", {
  valid: [{ lines: [{ ...chat(), tools: [weatherTool] }] }],
  invalid: [
    { lines: [{ ...chat(), tools: [{ type: "function", function: { name: "bad name!" } }] }], errors: [{ line: 1, path: "/tools/0/function/name" }] },
    { lines: [{ ...chat(), tools: [weatherTool, weatherTool] }], errors: [{ line: 1, path: "/tools/1/function/name", message: /defined twice/ }] },
    { lines: [{ ...chat(), tools: [{ type: "function", function: { name: "f", parameters: "none" } }] }], errors: [{ line: 1, path: "/tools/0/function/parameters" }] },
    { lines: [{ ...chat(), tools: {} }], errors: [{ line: 1, path: "/tools" }] },
    { lines: [{ ...chat(), parallel_tool_calls: "no" }], errors: [{ line: 1, path: "/parallel_tool_calls" }] },
  ],
});

testRule("tool-call-undefined", {
  valid: [
    { lines: [{ messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("r")], tools: [weatherTool] }] },
    { lines: [{ messages: [u("q"), a(null, { tool_calls: [call("c1", "anything")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("r")] }] },
  ],
  invalid: [{ lines: [{ messages: [u("q"), a(null, { tool_calls: [call("c1", "get_time")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("r")], tools: [weatherTool] }], errors: [{ line: 1, path: "/messages/1/tool_calls/0/function/name", message: /"get_time", which is not in `tools`/ }] }],
});

testRule("assistant-missing", {
  valid: [{ lines: [chat()] }],
  invalid: [{ lines: [chat(), { messages: [{ role: "system", content: "s" }, u("q")] }], errors: [{ line: 2, path: "/messages" }] }],
});

testRule("assistant-weight-all-zero", {
  valid: [{ lines: [{ messages: [u("q"), a("r", { weight: 0 }), u("q"), a("r")] }] }],
  invalid: [{ lines: [{ messages: [u("q"), a("r", { weight: 0 })] }], errors: [{ line: 1, path: "/messages", message: /weight 0/ }] }],
});

testRule("assistant-content-empty", {
  valid: [{ lines: [chat(), { messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("ok")] }] }],
  invalid: [
    { lines: [chat("q", "")], errors: [{ line: 1, path: "/messages/1/content", message: "Assistant answer is empty" }] },
    { lines: [chat(), chat("q", " \n\t ")], errors: [{ line: 2, path: "/messages/1/content", message: "Assistant answer is only whitespace" }] },
    { lines: [{ messages: [u("q"), a([{ type: "text", text: "  " }])] }], errors: [{ line: 1, path: "/messages/1/content" }] },
  ],
});

testRule("user-content-empty", {
  valid: [{ lines: [chat()] }],
  invalid: [{ lines: [chat("   ", "r")], errors: [{ line: 1, path: "/messages/0/content", severity: "warning" }] }],
});

testRule("conversation-last-not-assistant", {
  valid: [{ lines: [chat()] }],
  invalid: [{ lines: [{ messages: [u("q"), a("r"), u("thanks")] }], errors: [{ line: 1, path: "/messages/2", message: /ends with a user message/ }] }],
});

testRule("system-message-position", {
  valid: [{ lines: [{ messages: [{ role: "system", content: "s" }, u("q"), a("r")] }] }],
  invalid: [{ lines: [{ messages: [u("q"), { role: "system", content: "s" }, a("r")] }], errors: [{ line: 1, path: "/messages/1" }] }],
});

const ten = Array.from({ length: 10 }, (_, i) => chat(`question ${i}`, `answer ${i}`));

testRule("examples-min-count", {
  valid: [{ lines: ten }],
  invalid: [
    { lines: ten.slice(0, 9), errors: [{ message: "The file has 9 examples; at least 10 are required" }] },
    { lines: ten.slice(0, 3), options: { min: 2 }, errors: [] },
    { lines: ten, options: { min: 11 }, errors: [{ message: /at least 11/ }] },
  ],
});

testRule("examples-recommended-count", {
  valid: [{ lines: Array.from({ length: 50 }, (_, i) => chat(`q${i}`, `a${i}`)) }, { lines: ten.slice(0, 5) }],
  invalid: [{ lines: ten, errors: [{ severity: "info", message: /10 examples; start from about 50/ }] }],
});

testRule("example-duplicate", {
  valid: [{ lines: [chat("a", "b"), chat("a", "c"), chat("b", "b")] }],
  invalid: [
    { lines: [chat("a", "b"), chat("x", "y"), chat("a", "b")], errors: [{ line: 3, message: "Duplicate of the example on line 1" }] },
    // Metadata fields do not make a copy different.
    { lines: [{ ...chat(), id: 1 }, { ...chat(), id: 2 }], errors: [{ line: 2 }] },
  ],
});
