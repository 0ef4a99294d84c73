import { describe } from "vitest";
import { ruleTester } from "./helpers/rule-tester.js";

const sg = (...turns: [string, unknown][]) => ({ conversations: turns.map(([from, value]) => ({ from, value })) }) as any;

describe("prompt/completion rules", () => {
  ruleTester("prompt-invalid", {
    format: "prompt-completion",
    valid: [{ name: "prompt-invalid", records: [{ prompt: "2+2=", completion: " 4" }] }],
    invalid: [
      { records: [{ completion: "4" }], errors: [{ messageId: "missing", line: 1, path: undefined, message: /no `prompt`/ }] },
      { records: [{ prompt: 42, completion: "4" }], errors: [{ messageId: "type", line: 1, path: "/prompt", message: /must be a string, found number/ }] },
      { records: [{ prompt: [{ role: "user", content: "hi" }], completion: "4" }], errors: [{ messageId: "type", line: 1, path: "/prompt" }] },
    ],
  });
  ruleTester("prompt-invalid", {
    format: "trl-prompt-completion",
    valid: [{ name: "prompt-invalid (TRL conversational)", records: [{ prompt: [{ role: "user", content: "hi" }], completion: [{ role: "assistant", content: "hello" }] }] }],
    invalid: [
      { records: [{ prompt: [], completion: [{ role: "assistant", content: "x" }] }], errors: [{ messageId: "empty", line: 1, path: "/prompt", message: /empty/ }] },
      { records: [{ prompt: [{ role: "user" }], completion: [{ role: "assistant", content: "x" }] }], errors: [{ messageId: "noContent", line: 1, path: "/prompt/0", message: /no `content`/ }] },
      { records: [{ prompt: [{ content: "x" }], completion: [{ role: "assistant", content: "x" }] }], errors: [{ messageId: "noRole", line: 1, path: "/prompt/0", message: /no string `role`/ }] },
    ],
  });
  ruleTester("prompt-invalid", {
    format: "trl-prompt",
    valid: [{ name: "prompt-invalid (trl-prompt)", records: [{ prompt: "The sky is" }, { prompt: [{ role: "user", content: "Solve 2+2" }], answer: "4" }] }],
    invalid: [
      { records: [{ prompt: "  " }], errors: [{ messageId: "empty", line: 1, path: "/prompt", message: /empty/ }] },
    ],
  });
  ruleTester("completion-invalid", {
    format: "trl-prompt-completion",
    valid: [{ name: "completion-invalid", records: [{ prompt: "a", completion: "b" }, { prompt: [{ role: "user", content: "a" }], completion: [{ role: "assistant", content: "b" }] }] }],
    invalid: [
      { records: [{ prompt: "a" }], errors: [{ messageId: "missing", line: 1, path: undefined, message: /no `completion`/ }] },
      { records: [{ prompt: [{ role: "user", content: "a" }], completion: "b" }], errors: [{ messageId: "mixed", line: 1, path: "/completion", message: /both standard or both conversational/ }] },
      { records: [{ prompt: [{ role: "user", content: "a" }], completion: [{ role: "user", content: "b" }] }], errors: [{ messageId: "notAssistant", line: 1, path: "/completion/0/role", message: /assistant turns/ }] },
    ],
  });
  ruleTester("text-invalid", {
    format: "text",
    valid: [{ name: "text-invalid", records: [{ text: "A document." }] }],
    invalid: [
      { records: [{ text: "" }], errors: [{ messageId: "empty", line: 1, path: "/text", message: /empty/ }] },
      { records: [{ text: " \n" }], errors: [{ messageId: "whitespace", line: 1, path: "/text", message: /whitespace/ }] },
      { records: [{ text: ["a"] }], errors: [{ messageId: "type", line: 1, path: "/text", message: /found array/ }] },
    ],
  });
});

describe("ShareGPT rules", () => {
  ruleTester("sharegpt-conversations-invalid", {
    format: "sharegpt",
    valid: [{ name: "sharegpt-conversations-invalid", records: [{ ...sg(["human", "Hi"], ["gpt", "Hello"]), system: "Be brief." }] }],
    invalid: [
      { records: [{ conversations: [] }], errors: [{ messageId: "empty", line: 1, path: "/conversations", message: /empty/ }] },
      { records: [{ conversations: "hi" }], errors: [{ messageId: "notArray", line: 1, path: "/conversations", message: /must be a list, found string/ }] },
      { records: [sg(["human", "Hi"], ["gpt", 42])], errors: [{ messageId: "valueType", line: 1, path: "/conversations/1/value", message: /must be a string, found number/ }] },
      { records: [{ conversations: [{ from: "human" }, "x"] }], errors: [{ messageId: "noValue", line: 1, path: "/conversations/0", message: /no `value`/ }, { messageId: "turnNotObject", line: 1, path: "/conversations/1", message: /must be an object/ }] },
      { records: [{ ...sg(["human", "Hi"], ["gpt", "Yo"]), system: ["x"] }], errors: [{ messageId: "systemType", line: 1, path: "/system" }] },
    ],
  });
  ruleTester("sharegpt-role-invalid", {
    format: "sharegpt",
    valid: [{ name: "sharegpt-role-invalid: tags and LLaMA-Factory positions", records: [sg(["human", "Hi"], ["gpt", "Hello"]), sg(["system", "Be brief"], ["human", "Hi"], ["gpt", "Hello"]), sg(["human", "Weather?"], ["function_call", "{\"name\":\"w\",\"arguments\":{}}"], ["observation", "21"], ["gpt", "21 degrees"])] }],
    invalid: [
      { records: [sg(["user", "Hi"], ["assistant", "Hello"])], errors: [{ messageId: "unknown", line: 1, path: "/conversations/0/from", message: /unknown tag "user"/ }] },
      { records: [sg(["human", "Hi"], ["human", "Again"], ["gpt", "Hello"])], errors: [{ messageId: "position", line: 1, path: "/conversations/1/from", message: /position 1 must be gpt or function_call/ }] },
      { records: [sg(["gpt", "Hello"], ["human", "Hi"])], errors: [{ messageId: "position", line: 1, path: "/conversations/0/from", message: /position 0 must be human or observation/ }] },
      { records: [sg(["human", "Hi"], ["gpt", "Hello"], ["human", "Bye"])], errors: [{ messageId: "odd", line: 1, path: "/conversations/2/from", message: /even number of turns/ }] },
      { records: [sg(["human", "Hi"], ["system", "x"], ["gpt", "Hello"])], errors: [{ messageId: "system", line: 1, path: "/conversations/1/from", message: /only come first/ }] },
    ],
  });
  ruleTester("sharegpt-tools-invalid", {
    format: "sharegpt",
    valid: [{ name: "sharegpt-tools-invalid", records: [{ ...sg(["human", "Weather?"], ["function_call", "{\"name\":\"w\",\"arguments\":{\"city\":\"Paris\"}}"], ["observation", "21"], ["gpt", "21 degrees"]), tools: "[{\"name\":\"w\",\"parameters\":{}}]" }] }],
    invalid: [
      { records: [{ ...sg(["human", "a"], ["gpt", "b"]), tools: "[{name: w}]" }], errors: [{ messageId: "toolsJson", line: 1, path: "/tools", message: /not valid JSON/ }] },
      { records: [{ ...sg(["human", "a"], ["gpt", "b"]), tools: 5 }], errors: [{ messageId: "toolsType", line: 1, path: "/tools", message: /found number/ }] },
      { records: [sg(["human", "a"], ["function_call", "get_weather(Paris)"], ["observation", "x"], ["gpt", "b"])], errors: [{ messageId: "call", line: 1, path: "/conversations/1/value", message: /function_call/ }] },
    ],
  });
});

describe("LLaMA-Factory media columns", () => {
  ruleTester("media-placeholder-mismatch", {
    format: "sharegpt",
    valid: [{ name: "media-placeholder-mismatch", records: [{ ...sg(["human", "<image>What is in the picture?"], ["gpt", "A cat."]), images: ["img/cat.jpg"] }, { ...sg(["human", "<image><image>Compare them."], ["gpt", "Same cat."]), images: ["a.jpg", "b.jpg"] }, sg(["human", "No media here."], ["gpt", "Fine."])] }],
    invalid: [
      { records: [{ ...sg(["human", "<image>What is this?"], ["gpt", "A dog."]), images: ["a.jpg", "b.jpg"] }], errors: [{ messageId: "mismatch", line: 1, path: "/images", message: /1 <image> placeholder\(s\) but `images` lists 2/ }] },
      { records: [sg(["human", "<image>What is this?"], ["gpt", "A dog."])], errors: [{ messageId: "mismatch", line: 1, path: undefined, message: /lists 0 file/ }] },
      { records: [{ ...sg(["human", "<video>Describe."], ["gpt", "Rain."]), videos: "clip.mp4" }], errors: [{ messageId: "type", line: 1, path: "/videos", message: /list of file paths, found string/ }] },
    ],
  });
});

describe("Alpaca rules", () => {
  ruleTester("alpaca-instruction-invalid", {
    format: "alpaca",
    valid: [{ name: "alpaca-instruction-invalid", records: [{ instruction: "Translate", input: "Hello", output: "Bonjour" }, { instruction: "", input: "Summarise: …", output: "x" }, { instruction: "a", input: null, output: "b" }] }],
    invalid: [
      { records: [{ output: "x", input: "y" } as any], errors: [{ messageId: "missing", line: 1, path: undefined, message: /no `instruction`/ }] },
      { records: [{ instruction: ["a"], output: "x" }], errors: [{ messageId: "type", line: 1, path: "/instruction", message: /found array/ }] },
      { records: [{ instruction: " ", input: "", output: "x" }], errors: [{ messageId: "empty", line: 1, path: "/instruction", message: /both empty/ }] },
    ],
  });
  ruleTester("alpaca-output-missing", {
    format: "alpaca",
    valid: [{ name: "alpaca-output-missing", records: [{ instruction: "a", output: "b" }] }],
    invalid: [
      { records: [{ instruction: "a", input: "" }], errors: [{ messageId: "missing", line: 1, path: undefined, message: /no `output`/ }] },
      { records: [{ instruction: "a", output: { text: "b" } }], errors: [{ messageId: "type", line: 1, path: "/output", message: /found object/ }] },
    ],
  });
  ruleTester("alpaca-history-invalid", {
    format: "alpaca",
    valid: [{ name: "alpaca-history-invalid", records: [{ instruction: "b", output: "c", history: [["hi", "hello"]] }] }],
    invalid: [
      { records: [{ instruction: "b", output: "c", history: "hi" }], errors: [{ messageId: "type", line: 1, path: "/history", message: /found string/ }] },
      { records: [{ instruction: "b", output: "c", history: [["hi", "hello"], ["only one"]] }], errors: [{ messageId: "pair", line: 1, path: "/history/1", message: /pair/ }] },
    ],
  });
});

describe("Gemini rules", () => {
  const g = (...contents: unknown[]) => ({ contents }) as any;
  ruleTester("gemini-contents-invalid", {
    format: "gemini",
    valid: [{ name: "gemini-contents-invalid", records: [{ systemInstruction: { parts: [{ text: "Be brief" }] }, contents: [{ role: "user", parts: [{ text: "Hi" }] }, { role: "model", parts: [{ text: "Hello" }] }] }] }],
    invalid: [
      { records: [g()], errors: [{ messageId: "empty", line: 1, path: "/contents", message: /empty/ }] },
      { records: [g({ role: "user", parts: [] })], errors: [{ messageId: "parts", line: 1, path: "/contents/0/parts" }] },
      { records: [{ ...g({ role: "user", parts: [{ text: "a" }] }), systemInstruction: "Be brief" }], errors: [{ messageId: "system", line: 1, path: "/systemInstruction" }] },
    ],
  });
  ruleTester("gemini-role-invalid", {
    format: "gemini",
    valid: [{ name: "gemini-role-invalid", records: [g({ role: "user", parts: [{ text: "Hi" }] }, { role: "model", parts: [{ text: "Hello" }] })] }],
    invalid: [
      { records: [g({ role: "user", parts: [{ text: "Hi" }] }, { role: "assistant", parts: [{ text: "Hello" }] })], errors: [{ messageId: "unknown", line: 1, path: "/contents/1/role", message: /"assistant"/ }] },
      { records: [g({ parts: [{ text: "Hi" }] })], errors: [{ messageId: "missing", line: 1, path: "/contents/0", message: /no `role`/ }] },
    ],
  });
  ruleTester("gemini-part-invalid", {
    format: "gemini",
    valid: [{ name: "gemini-part-invalid", records: [g(
        { role: "user", parts: [{ text: "Weather in Paris?" }, { fileData: { mimeType: "image/png", fileUri: "gs://b/p.png" } }] },
        { role: "model", parts: [{ functionCall: { name: "w", args: { city: "Paris" } } }] },
        { role: "user", parts: [{ functionResponse: { name: "w", response: { temp: 21 } } }] },
        { role: "model", parts: [{ text: "21 degrees" }] },
      )] }],
    invalid: [
      { records: [g({ role: "user", parts: [{ content: "Hi" }] })], errors: [{ messageId: "unknown", line: 1, path: "/contents/0/parts/0", message: /no known data key/ }] },
      { records: [g({ role: "user", parts: [{ text: 5 }] })], errors: [{ messageId: "text", line: 1, path: "/contents/0/parts/0/text" }] },
      { records: [g({ role: "model", parts: [{ functionCall: { name: "w", args: "{}" } }] })], errors: [{ messageId: "functionCall", line: 1, path: "/contents/0/parts/0/functionCall" }] },
      { records: [g({ role: "user", parts: [{ functionCall: { name: "w", args: {} } }] })], errors: [{ messageId: "callInUser", line: 1, path: "/contents/0/parts/0/functionCall", message: /model turn/ }] },
    ],
  });
});

describe("Bedrock rules", () => {
  const b = (...messages: unknown[]) => ({ schemaVersion: "bedrock-conversation-2024", messages }) as any;
  const u = { role: "user", content: [{ text: "Hi" }] };
  const a = { role: "assistant", content: [{ text: "Hello" }] };
  ruleTester("bedrock-messages-invalid", {
    format: "bedrock-conversation",
    valid: [{ name: "bedrock-messages-invalid", records: [{ ...b(u, a), system: [{ text: "Be brief" }] }, b({ role: "user", content: [{ text: "What is this?" }, { image: { format: "png", source: { s3Location: { uri: "s3://b/x.png" } } } }] }, a)] }],
    invalid: [
      { records: [b({ role: "user", content: "Hi" }, a)], errors: [{ messageId: "content", line: 1, path: "/messages/0/content", message: /found string/ }] },
      { records: [b({ role: "user", content: [{ type: "text", text: "Hi" }] }, a)], errors: [{ messageId: "typed", line: 1, path: "/messages/0/content/0" }] },
      { records: [b({ role: "user", content: [{ image: { format: "png" } }] }, a)], errors: [{ messageId: "media", line: 1, path: "/messages/0/content/0/image" }] },
      { records: [{ ...b(u, a), system: "Be brief" }], errors: [{ messageId: "system", line: 1, path: "/system" }] },
    ],
  });
  ruleTester("bedrock-role-invalid", {
    format: "bedrock-conversation",
    valid: [{ name: "bedrock-role-invalid", records: [b(u, a)] }],
    invalid: [
      { records: [b({ role: "system", content: [{ text: "x" }] }, u, a)], errors: [{ messageId: "unknown", line: 1, path: "/messages/0/role", message: /"system"/ }] },
      { records: [b(a, u, a)], errors: [{ messageId: "first", line: 1, path: "/messages/0/role", message: /start with a user turn/ }] },
    ],
  });
  ruleTester("bedrock-schema-version-missing", {
    format: "bedrock-conversation",
    valid: [{ name: "bedrock-schema-version-missing", records: [b(u, a)] }],
    invalid: [
      { records: [{ messages: [u, a] }], errors: [{ messageId: "missing", line: 1, path: undefined, message: /bedrock-conversation-2024/ }] },
    ],
  });
});

// The remaining message ids of the format rules, one case each.

ruleTester("prompt-invalid", {
  format: "trl-prompt-completion",
  valid: [{ records: [{ prompt: [{ role: "user", content: "hi" }], completion: [{ role: "assistant", content: "hello" }] }] }],
  invalid: [{ records: [{ prompt: ["hi"], completion: [{ role: "assistant", content: "x" }] }], errors: [{ messageId: "notObject", line: 1, path: "/prompt/0", data: { index: 0 } }] }],
});

ruleTester("completion-invalid", {
  format: "trl-prompt-completion",
  valid: [{ records: [{ prompt: [{ role: "user", content: "a" }], completion: [{ role: "assistant", content: [{ type: "text", text: "b" }] }] }] }],
  invalid: [
    {
      records: [
        { prompt: "a", completion: 5 },
        { prompt: [{ role: "user", content: "a" }], completion: [] },
        { prompt: [{ role: "user", content: "a" }], completion: ["b"] },
        { prompt: [{ role: "user", content: "a" }], completion: [{ content: "b" }] },
        { prompt: [{ role: "user", content: "a" }], completion: [{ role: "assistant" }] },
      ],
      errors: [
        { messageId: "type", line: 1, path: "/completion", data: { type: "number" } },
        { messageId: "empty", line: 2, path: "/completion" },
        { messageId: "notObject", line: 3, path: "/completion/0", data: { index: 0 } },
        { messageId: "noRole", line: 4, path: "/completion/0" },
        { messageId: "noContent", line: 5, path: "/completion/0" },
      ],
    },
  ],
});

ruleTester("text-invalid", {
  format: "text",
  valid: [{ records: [{ text: "A document.", meta: { source: "web" } }] }],
  invalid: [{ records: [{ text: "A document." }, { body: "No text key." }], errors: [{ messageId: "missing", line: 2, path: undefined }] }],
});

ruleTester("sharegpt-conversations-invalid", {
  format: "sharegpt",
  valid: [{ records: [sg(["human", "Hi"], ["gpt", "Hello"])] }],
  invalid: [
    {
      records: [{ system: "Be brief." }, { conversations: [{ value: "Hi" }, { from: "gpt", value: "Hello" }] }],
      errors: [{ messageId: "missing", line: 1, path: undefined }, { messageId: "noFrom", line: 2, path: "/conversations/0", data: { index: 0 } }],
    },
  ],
});

ruleTester("sharegpt-tools-invalid", {
  format: "sharegpt",
  valid: [{ records: [{ ...sg(["human", "a"], ["gpt", "b"]), tools: '[{"type": "function", "function": {"name": "w"}}]' }] }],
  invalid: [{ records: [{ ...sg(["human", "a"], ["gpt", "b"]), tools: '[{"name": "w"}, {"description": "no name"}]' }], errors: [{ messageId: "toolName", line: 1, path: "/tools", data: { index: 1 } }] }],
});

const gem = (...contents: unknown[]) => ({ contents });
const gu = { role: "user", parts: [{ text: "Hi" }] };
const gm = { role: "model", parts: [{ text: "Hello" }] };

ruleTester("gemini-contents-invalid", {
  format: "gemini",
  valid: [{ records: [{ ...gem(gu, gm), system_instruction: { parts: [{ text: "Be brief" }] } }] }],
  invalid: [
    {
      records: [
        { systemInstruction: { parts: [{ text: "Be brief" }] } },
        { contents: "Hi" },
        gem(5, gm),
        { ...gem(gu, gm), systemInstruction: { parts: [{ text: "a" }] }, system_instruction: { parts: [{ text: "b" }] } },
      ],
      errors: [
        { messageId: "missing", line: 1, path: undefined },
        { messageId: "notArray", line: 2, path: "/contents", data: { type: "string" } },
        { messageId: "notObject", line: 3, path: "/contents/0", data: { index: 0, type: "number" } },
        { messageId: "both", line: 4, path: "/system_instruction" },
      ],
    },
  ],
});

ruleTester("gemini-part-invalid", {
  format: "gemini",
  valid: [{ records: [gem({ role: "user", parts: [{ text: "What is it?" }, { file_data: { mime_type: "image/png", file_uri: "gs://b/p.png" } }] }, gm)] }],
  invalid: [
    {
      records: [
        gem({ role: "user", parts: ["Hi"] }, gm),
        gem({ role: "user", parts: [{ fileData: { mimeType: "image/png" } }] }, gm),
        gem(gu, { role: "model", parts: [{ functionCall: { name: "w", args: {} } }] }, { role: "user", parts: [{ functionResponse: { name: "w" } }] }, gm),
      ],
      errors: [
        { messageId: "notObject", line: 1, path: "/contents/0/parts/0", data: { type: "string" } },
        { messageId: "fileData", line: 2, path: "/contents/0/parts/0/fileData" },
        { messageId: "functionResponse", line: 3, path: "/contents/2/parts/0/functionResponse" },
      ],
    },
  ],
});

const bed = (...messages: unknown[]) => ({ schemaVersion: "bedrock-conversation-2024", messages });
const bu = { role: "user", content: [{ text: "Hi" }] };
const ba = { role: "assistant", content: [{ text: "Hello" }] };

ruleTester("bedrock-messages-invalid", {
  format: "bedrock-conversation",
  valid: [{ records: [bed(bu, ba)] }],
  invalid: [
    {
      records: [
        { schemaVersion: "bedrock-conversation-2024" },
        { schemaVersion: "bedrock-conversation-2024", messages: "Hi" },
        bed(),
        bed(5, ba),
        bed({ role: "user", content: [{ body: "Hi" }] }, ba),
        bed({ role: "user", content: [{ text: 5 }] }, ba),
      ],
      errors: [
        { messageId: "missing", line: 1, path: undefined },
        { messageId: "notArray", line: 2, path: "/messages", data: { type: "string" } },
        { messageId: "empty", line: 3, path: "/messages" },
        { messageId: "notObject", line: 4, path: "/messages/0", data: { index: 0 } },
        { messageId: "block", line: 5, path: "/messages/0/content/0", data: { keys: "body" } },
        { messageId: "text", line: 6, path: "/messages/0/content/0/text", data: { type: "number" } },
      ],
    },
  ],
});

ruleTester("bedrock-role-invalid", {
  format: "bedrock-conversation",
  valid: [{ records: [bed(bu, ba, { role: "user", content: [{ text: "More?" }] }, ba)] }],
  invalid: [{ records: [bed({ content: [{ text: "Hi" }] }, ba)], errors: [{ messageId: "missing", line: 1, path: "/messages/0", data: { index: 0 } }] }],
});

ruleTester("bedrock-schema-version-missing", {
  format: "bedrock-conversation",
  valid: [{ records: [bed(bu, ba)] }],
  invalid: [{ records: [{ ...bed(bu, ba), schemaVersion: 2024 }], errors: [{ messageId: "type", line: 1, path: "/schemaVersion", data: { type: "number" } }] }],
});
