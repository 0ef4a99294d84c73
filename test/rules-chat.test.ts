import { chat, ruleTester } from "./helpers/rule-tester.js";

const u = (content: unknown) => ({ role: "user", content });
const a = (content: unknown, extra: Record<string, unknown> = {}) => ({ role: "assistant", content, ...extra });
const call = (id: string, name = "get_weather", args = '{"city":"Paris"}') => ({ id, type: "function", function: { name, arguments: args } });
const weatherTool = { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } };

ruleTester("messages-invalid", {
  valid: [{ records: [chat()] }],
  invalid: [
    { records: [{ messages: [] }], errors: [{ messageId: "empty", line: 1, path: "/messages", message: "`messages` is empty" }] },
    { records: [chat(), { messages: "hi" }], errors: [{ messageId: "notArray", line: 2, path: "/messages", message: /must be an array, found string/ }] },
    { records: [chat(), chat("a", "b"), { messages: [u("x")], extra: 1 }, { conversation: [] }], format: "openai-chat", errors: [{ messageId: "missing", path: undefined, line: 4, message: /no `messages`/ }] },
  ],
});

ruleTester("message-role-invalid", {
  valid: [{ records: [{ messages: [{ role: "system", content: "s" }, u("q"), a("r")] }] }],
  invalid: [
    { records: [{ messages: [{ role: "human", content: "q" }, a("r")] }], errors: [{ messageId: "unknown", line: 1, path: "/messages/0/role", message: /Unknown role "human"/ }] },
    { records: [{ messages: [u("q"), "oops", { content: "r" }] }], errors: [{ messageId: "notObject", line: 1, path: "/messages/1" }, { messageId: "missing", line: 1, path: "/messages/2", message: "Message has no `role`" }] },
  ],
});

ruleTester("message-role-developer", {
  valid: [{ records: [{ messages: [{ role: "system", content: "s" }, u("q"), a("r")] }] }],
  invalid: [{ records: [{ messages: [{ role: "developer", content: "s" }, u("q"), a("r")] }], errors: [{ messageId: "developer", line: 1, path: "/messages/0/role", severity: "warning" }] }],
});

ruleTester("message-content-invalid", {
  valid: [
    { records: [{ messages: [u([{ type: "text", text: "what is this?" }, { type: "image_url", image_url: { url: "https://x/y.png", detail: "low" } }]), a("a cat")] }] },
    { records: [{ messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c1", content: "sunny" }, a("Sunny.")] }] },
    { records: [{ messages: [u("q"), a([{ type: "refusal", refusal: "I can't." }])] }] },
  ],
  invalid: [
    { records: [{ messages: [u(42), a("r")] }], errors: [{ messageId: "badType", line: 1, path: "/messages/0/content", message: /found number/ }] },
    { records: [{ messages: [u("q"), { role: "assistant" }] }], errors: [{ messageId: "assistantMissing", line: 1, path: "/messages/1", message: /neither `content` nor `tool_calls`/ }] },
    { records: [{ messages: [{ role: "user" }, a("r")] }], errors: [{ messageId: "missing", line: 1, path: "/messages/0", message: "user message has no `content`" }] },
    { records: [{ messages: [u([]), a("r")] }], errors: [{ messageId: "emptyParts", line: 1, path: "/messages/0/content", message: /empty array/ }] },
    { records: [{ messages: [u("q"), a([{ type: "image_url", image_url: { url: "https://x" } }])] }], errors: [{ messageId: "assistantImage", line: 1, path: "/messages/1/content/0", message: /cannot contain images/ }] },
    { records: [{ messages: [u([{ type: "input_audio", input_audio: {} }]), a("r")] }], errors: [{ messageId: "partUnsupported", line: 1, path: "/messages/0/content/0/type", message: /not supported for fine-tuning/ }] },
    { records: [{ messages: [{ role: "system", content: [{ type: "image_url", image_url: { url: "u" } }] }, u("q"), a("r")] }], errors: [{ messageId: "partType", line: 1, path: "/messages/0/content/0/type", message: /not allowed in a system message/ }] },
    { records: [{ messages: [u([{ type: "text" }]), a("r")] }], errors: [{ messageId: "textMissing", line: 1, path: "/messages/0/content/0/text" }] },
    { records: [{ messages: [u([{ type: "image_url", image_url: { url: "https://x/u.png", detail: "ultra" } }]), a("r")] }], errors: [{ messageId: "imageDetail", line: 1, path: "/messages/0/content/0/image_url/detail" }] },
  ],
});

ruleTester("message-key-unknown", {
  valid: [{ records: [{ messages: [u("q"), a("r", { weight: 1, name: "bot" })] }] }],
  invalid: [{ records: [{ messages: [{ role: "user", content: "q", weight: 1 }, a("r")] }], errors: [{ messageId: "unknown", line: 1, path: "/messages/0/weight", message: /Unknown key "weight" on a user message/ }] }],
});

ruleTester("record-key-unknown", {
  valid: [{ records: [{ ...chat(), tools: [weatherTool], parallel_tool_calls: false }] }],
  invalid: [{ records: [{ ...chat(), id: "ex-1" }], errors: [{ messageId: "unknown", line: 1, path: "/id", severity: "warning" }] }],
});

ruleTester("assistant-weight-invalid", {
  valid: [{ records: [{ messages: [u("q"), a("r", { weight: 0 }), u("q2"), a("r2", { weight: 1 })] }] }],
  invalid: [
    { records: [{ messages: [u("q"), a("r", { weight: 2 })] }], errors: [{ messageId: "invalid", line: 1, path: "/messages/1/weight", message: "`weight` must be 0 or 1, found 2" }] },
    { records: [{ messages: [u("q"), a("r", { weight: true })] }], errors: [{ messageId: "invalid", line: 1, path: "/messages/1/weight" }] },
  ],
});

ruleTester("tool-call-invalid", {
  valid: [{ records: [{ messages: [u("q"), a(null, { tool_calls: [call("c1"), call("c2")] }), { role: "tool", tool_call_id: "c1", content: "1" }, { role: "tool", tool_call_id: "c2", content: "2" }, a("done")] }] }],
  invalid: [
    { records: [{ messages: [u("q"), a(null, { tool_calls: [{ id: "c1", type: "fn", function: { name: "f", arguments: "{}" } }] })] }], errors: [{ messageId: "type", line: 1, path: "/messages/1/tool_calls/0/type" }] },
    { records: [{ messages: [u("q"), a(null, { tool_calls: [call("c1"), call("c1")] })] }], errors: [{ messageId: "duplicateId", line: 1, path: "/messages/1/tool_calls/1/id", message: /used twice/ }] },
    { records: [{ messages: [u("q"), a(null, { tool_calls: [call("c1", "get weather")] })] }], errors: [{ messageId: "name", line: 1, path: "/messages/1/tool_calls/0/function/name" }] },
    { records: [{ messages: [u("q"), a(null, { tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: { a: 1 } } }] })] }], errors: [{ messageId: "arguments", line: 1, path: "/messages/1/tool_calls/0/function/arguments", message: /JSON-encoded string, found object/ }] },
    { records: [{ messages: [u("q"), a("r", { tool_calls: [] })] }], errors: [{ messageId: "notArray", line: 1, path: "/messages/1/tool_calls" }] },
  ],
});

ruleTester("tool-call-arguments-invalid", {
  valid: [{ records: [{ messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("r")] }] }],
  invalid: [{ records: [{ messages: [u("q"), a(null, { tool_calls: [call("c1", "f", "{city: Paris}")] })] }], errors: [{ messageId: "invalid", line: 1, path: "/messages/1/tool_calls/0/function/arguments" }] }],
});

ruleTester("tool-message-unmatched", {
  valid: [{ records: [{ messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("r")] }] }],
  invalid: [
    { records: [{ messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c9", content: "1" }, a("r")] }], errors: [{ messageId: "unmatched", line: 1, path: "/messages/2/tool_call_id", message: /answers "c9"/ }] },
    { records: [{ messages: [u("q"), { role: "tool", content: "1" }, a("r")] }], errors: [{ messageId: "missing", line: 1, path: "/messages/1" }] },
  ],
});

ruleTester("tools-invalid", {
  valid: [{ records: [{ ...chat(), tools: [weatherTool] }] }],
  invalid: [
    { records: [{ ...chat(), tools: [{ type: "function", function: { name: "bad name!" } }] }], errors: [{ messageId: "name", line: 1, path: "/tools/0/function/name" }] },
    { records: [{ ...chat(), tools: [weatherTool, weatherTool] }], errors: [{ messageId: "duplicate", line: 1, path: "/tools/1/function/name", message: /defined twice/ }] },
    { records: [{ ...chat(), tools: [{ type: "function", function: { name: "f", parameters: "none" } }] }], errors: [{ messageId: "parameters", line: 1, path: "/tools/0/function/parameters" }] },
    { records: [{ ...chat(), tools: {} }], errors: [{ messageId: "notArray", line: 1, path: "/tools" }] },
    { records: [{ ...chat(), parallel_tool_calls: "no" }], errors: [{ messageId: "parallel", line: 1, path: "/parallel_tool_calls" }] },
  ],
});

ruleTester("tool-call-undefined", {
  valid: [
    { records: [{ messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("r")], tools: [weatherTool] }] },
    { records: [{ messages: [u("q"), a(null, { tool_calls: [call("c1", "anything")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("r")] }] },
  ],
  invalid: [{ records: [{ messages: [u("q"), a(null, { tool_calls: [call("c1", "get_time")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("r")], tools: [weatherTool] }], errors: [{ messageId: "undefined", line: 1, path: "/messages/1/tool_calls/0/function/name", message: /"get_time", which is not in `tools`/ }] }],
});

ruleTester("assistant-missing", {
  valid: [{ records: [chat()] }],
  invalid: [{ records: [chat(), { messages: [{ role: "system", content: "s" }, u("q")] }], errors: [{ messageId: "missing", line: 2, path: "/messages" }] }],
});

ruleTester("assistant-weight-all-zero", {
  valid: [{ records: [{ messages: [u("q"), a("r", { weight: 0 }), u("q"), a("r")] }] }],
  invalid: [{ records: [{ messages: [u("q"), a("r", { weight: 0 })] }], errors: [{ messageId: "allZero", line: 1, path: "/messages", message: /weight 0/ }] }],
});

ruleTester("assistant-content-empty", {
  valid: [{ records: [chat(), { messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("ok")] }] }],
  invalid: [
    { records: [chat("q", "")], errors: [{ messageId: "empty", line: 1, path: "/messages/1/content", message: "Assistant answer is empty" }] },
    { records: [chat(), chat("q", " \n\t ")], errors: [{ messageId: "whitespace", line: 2, path: "/messages/1/content", message: "Assistant answer is only whitespace" }] },
    { records: [{ messages: [u("q"), a([{ type: "text", text: "  " }])] }], errors: [{ messageId: "whitespace", line: 1, path: "/messages/1/content" }] },
  ],
});

ruleTester("user-content-empty", {
  valid: [{ records: [chat()] }],
  invalid: [{ records: [chat("   ", "r")], errors: [{ messageId: "empty", line: 1, path: "/messages/0/content", severity: "warning" }] }],
});

ruleTester("conversation-last-not-assistant", {
  valid: [{ records: [chat()] }],
  invalid: [{ records: [{ messages: [u("q"), a("r"), u("thanks")] }], errors: [{ messageId: "last", line: 1, path: "/messages/2", message: /ends with a user message/ }] }],
});

ruleTester("system-message-position", {
  valid: [{ records: [{ messages: [{ role: "system", content: "s" }, u("q"), a("r")] }] }],
  invalid: [{ records: [{ messages: [u("q"), { role: "system", content: "s" }, a("r")] }], errors: [{ messageId: "notFirst", line: 1, path: "/messages/1" }] }],
});

const ten = Array.from({ length: 10 }, (_, i) => chat(`question ${i}`, `answer ${i}`));

ruleTester("examples-min-count", {
  valid: [{ records: ten }],
  invalid: [
    { records: ten.slice(0, 9), errors: [{ messageId: "tooFew", line: undefined, path: undefined, message: "The file has 9 examples; at least 10 are required" }] },
    { records: ten.slice(0, 3), options: { min: 2 }, errors: [] },
    { records: ten, options: { min: 11 }, errors: [{ messageId: "tooFew", line: undefined, path: undefined, message: /at least 11/ }] },
  ],
});

ruleTester("examples-recommended-count", {
  valid: [{ records: Array.from({ length: 50 }, (_, i) => chat(`q${i}`, `a${i}`)) }, { records: ten.slice(0, 5) }],
  invalid: [{ records: ten, errors: [{ messageId: "few", line: undefined, path: undefined, severity: "info", message: /10 examples; start from about 50/ }] }],
});

ruleTester("example-duplicate", {
  valid: [{ records: [chat("a", "b"), chat("a", "c"), chat("b", "b")] }],
  invalid: [
    { records: [chat("a", "b"), chat("x", "y"), chat("a", "b")], errors: [{ messageId: "duplicate", path: undefined, line: 3, message: "Duplicate of the example on line 1" }] },
    // Metadata fields do not make a copy different.
    { records: [{ ...chat(), id: 1 }, { ...chat(), id: 2 }], errors: [{ messageId: "duplicate", path: undefined, line: 2 }] },
  ],
});

// The remaining message ids of the chat schema rules.

const png = (base64: string) => `data:image/png;base64,${base64}`;
const img = (url: string) => ({ type: "image_url", image_url: { url } });

ruleTester("message-content-invalid", {
  valid: [
    { name: "a small PNG data URI and an https URL", records: [{ messages: [u([img(png("iVBORw0KGgo=")), img("https://x/y.jpg")]), a("two images")] }] },
    { name: "strings and parts in one conversation, unless the platform needs one form", records: [{ messages: [u([{ type: "text", text: "q" }]), a("r")] }] },
    { name: "one form per conversation where the platform needs it", records: [{ messages: [u([{ type: "text", text: "q" }]), a([{ type: "text", text: "r" }])] }], validate: { target: "together" } },
  ],
  invalid: [
    {
      records: [
        { messages: [u(null), a("r")] },
        { messages: [u(["q"]), a("r")] },
        { messages: [u("q"), a([{ type: "refusal" }])] },
        { messages: [u([{ type: "image_url", image_url: {} }]), a("r")] },
        { messages: [u([img("ftp://host/cat.png")]), a("r")] },
        { messages: [u([img("data:image/gif;base64,R0lGODlh")]), a("r")] },
      ],
      errors: [
        { messageId: "nullContent", line: 1, path: "/messages/0/content", data: { role: "user" } },
        { messageId: "partNotObject", line: 2, path: "/messages/0/content/0", data: { type: "string" } },
        { messageId: "refusalMissing", line: 3, path: "/messages/1/content/0/refusal" },
        { messageId: "imageUrlMissing", line: 4, path: "/messages/0/content/0/image_url" },
        { messageId: "imageUrlKind", line: 5, path: "/messages/0/content/0/image_url/url" },
        { messageId: "imageFormat", line: 6, path: "/messages/0/content/0/image_url/url", data: { format: "image/gif" } },
      ],
    },
    {
      // The image options are platform facts a --target sets (Together: data URIs of at most 10 MiB).
      name: "an image over the platform's size limit",
      records: [{ messages: [u([img(png("A".repeat(14_000_000)))]), a([{ type: "text", text: "r" }])] }],
      validate: { target: "together" },
      errors: [{ messageId: "imageTooLarge", line: 1, path: "/messages/0/content/0/image_url/url", data: { bytes: 10_500_000, max: 10 * 1024 * 1024 } }],
    },
    {
      name: "a platform that needs one form per conversation",
      records: [{ messages: [u("q"), a([{ type: "text", text: "r" }])] }],
      validate: { target: "together" },
      errors: [{ messageId: "mixedKinds", line: 1, path: "/messages/1/content", data: { index: 1, first: 0, kind: "content-part", firstKind: "string" } }],
    },
  ],
});

ruleTester("tool-call-invalid", {
  valid: [{ records: [{ messages: [u("q"), a(null, { tool_calls: [call("c1")] }), { role: "tool", tool_call_id: "c1", content: "1" }, a("r")] }] }],
  invalid: [
    {
      records: [
        { messages: [{ role: "user", content: "q", tool_calls: [call("c1")] }, a("r")] },
        { messages: [u("q"), a(null, { tool_calls: [5] })] },
        { messages: [u("q"), a(null, { tool_calls: [{ type: "function", function: { name: "f", arguments: "{}" } }] })] },
        { messages: [u("q"), a(null, { tool_calls: [{ id: "c1", type: "function" }] })] },
      ],
      errors: [
        { messageId: "notAssistant", line: 1, path: "/messages/0/tool_calls" },
        { messageId: "notObject", line: 2, path: "/messages/1/tool_calls/0", data: { type: "number" } },
        { messageId: "id", line: 3, path: "/messages/1/tool_calls/0/id" },
        { messageId: "function", line: 4, path: "/messages/1/tool_calls/0/function" },
      ],
    },
  ],
});

ruleTester("tools-invalid", {
  valid: [{ records: [{ ...chat(), tools: [{ type: "function", function: { name: "f", description: "Does f.", parameters: { type: "object" } } }] }] }],
  invalid: [
    {
      records: [
        { ...chat(), tools: [5] },
        { ...chat(), tools: [{ type: "retrieval", function: { name: "f" } }] },
        { ...chat(), tools: [{ type: "function" }] },
        { ...chat(), tools: [{ type: "function", function: { name: "f", description: 5 } }] },
        { ...chat(), tools: [{ type: "function", function: { name: "f", parameters: { type: "array" } } }] },
        { ...chat(), functions: [] },
      ],
      errors: [
        { messageId: "notObject", line: 1, path: "/tools/0", data: { type: "number" } },
        { messageId: "type", line: 2, path: "/tools/0/type" },
        { messageId: "function", line: 3, path: "/tools/0/function" },
        { messageId: "description", line: 4, path: "/tools/0/function/description", data: { type: "number" } },
        { messageId: "parametersType", line: 5, path: "/tools/0/function/parameters/type" },
        { messageId: "functionsCount", line: 6, path: "/functions", data: { count: 0 } },
      ],
    },
  ],
});
