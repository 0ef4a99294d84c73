import { describe, it } from "vitest";
import { ruleTester } from "./helpers/rule-tester.js";

const sg = (...turns: [string, unknown][]) => ({ conversations: turns.map(([from, value]) => ({ from, value })) }) as any;

describe("prompt/completion rules", () => {
  it("prompt-invalid", () =>
    ruleTester("prompt-invalid", "prompt-completion", {
      valid: [{ prompt: "2+2=", completion: " 4" }],
      invalid: [
        { record: { completion: "4" }, errors: [{ path: undefined, message: /no `prompt`/ }] },
        { record: { prompt: 42, completion: "4" }, errors: [{ path: "/prompt", message: /must be a string, found number/ }] },
        { record: { prompt: [{ role: "user", content: "hi" }], completion: "4" }, errors: [{ path: "/prompt" }] },
      ],
    }));
  it("prompt-invalid (TRL conversational)", () =>
    ruleTester("prompt-invalid", "trl-prompt-completion", {
      valid: [{ prompt: [{ role: "user", content: "hi" }], completion: [{ role: "assistant", content: "hello" }] }],
      invalid: [
        { record: { prompt: [], completion: [{ role: "assistant", content: "x" }] }, errors: [{ path: "/prompt", message: /empty/ }] },
        { record: { prompt: [{ role: "user" }], completion: [{ role: "assistant", content: "x" }] }, errors: [{ path: "/prompt/0", message: /no `content`/ }] },
        { record: { prompt: [{ content: "x" }], completion: [{ role: "assistant", content: "x" }] }, errors: [{ path: "/prompt/0", message: /no string `role`/ }] },
      ],
    }));
  it("prompt-invalid (trl-prompt)", () =>
    ruleTester("prompt-invalid", "trl-prompt", {
      valid: [{ prompt: "The sky is" }, { prompt: [{ role: "user", content: "Solve 2+2" }], answer: "4" }],
      invalid: [{ record: { prompt: "  " }, errors: [{ path: "/prompt", message: /empty/ }] }],
    }));
  it("completion-invalid", () =>
    ruleTester("completion-invalid", "trl-prompt-completion", {
      valid: [{ prompt: "a", completion: "b" }, { prompt: [{ role: "user", content: "a" }], completion: [{ role: "assistant", content: "b" }] }],
      invalid: [
        { record: { prompt: "a" }, errors: [{ path: undefined, message: /no `completion`/ }] },
        { record: { prompt: [{ role: "user", content: "a" }], completion: "b" }, errors: [{ path: "/completion", message: /both standard or both conversational/ }] },
        { record: { prompt: [{ role: "user", content: "a" }], completion: [{ role: "user", content: "b" }] }, errors: [{ path: "/completion/0/role", message: /assistant turns/ }] },
      ],
    }));
  it("text-invalid", () =>
    ruleTester("text-invalid", "text", {
      valid: [{ text: "A document." }],
      invalid: [
        { record: { text: "" }, errors: [{ path: "/text", message: /empty/ }] },
        { record: { text: " \n" }, errors: [{ path: "/text", message: /whitespace/ }] },
        { record: { text: ["a"] }, errors: [{ path: "/text", message: /found array/ }] },
      ],
    }));
});

describe("ShareGPT rules", () => {
  it("sharegpt-conversations-invalid", () =>
    ruleTester("sharegpt-conversations-invalid", "sharegpt", {
      valid: [{ ...sg(["human", "Hi"], ["gpt", "Hello"]), system: "Be brief." }],
      invalid: [
        { record: { conversations: [] }, errors: [{ path: "/conversations", message: /empty/ }] },
        { record: { conversations: "hi" }, errors: [{ path: "/conversations", message: /must be a list, found string/ }] },
        { record: sg(["human", "Hi"], ["gpt", 42]), errors: [{ path: "/conversations/1/value", message: /must be a string, found number/ }] },
        { record: { conversations: [{ from: "human" }, "x"] }, errors: [{ path: "/conversations/0", message: /no `value`/ }, { path: "/conversations/1", message: /must be an object/ }] },
        { record: { ...sg(["human", "Hi"], ["gpt", "Yo"]), system: ["x"] }, errors: [{ path: "/system" }] },
      ],
    }));
  it("sharegpt-role-invalid: tags and LLaMA-Factory positions", () =>
    ruleTester("sharegpt-role-invalid", "sharegpt", {
      valid: [
        sg(["human", "Hi"], ["gpt", "Hello"]),
        sg(["system", "Be brief"], ["human", "Hi"], ["gpt", "Hello"]),
        sg(["human", "Weather?"], ["function_call", "{\"name\":\"w\",\"arguments\":{}}"], ["observation", "21"], ["gpt", "21 degrees"]),
      ],
      invalid: [
        { record: sg(["user", "Hi"], ["assistant", "Hello"]), errors: [{ path: "/conversations/0/from", message: /unknown tag "user"/ }] },
        { record: sg(["human", "Hi"], ["human", "Again"], ["gpt", "Hello"]), errors: [{ path: "/conversations/1/from", message: /position 1 must be gpt or function_call/ }] },
        { record: sg(["gpt", "Hello"], ["human", "Hi"]), errors: [{ path: "/conversations/0/from", message: /position 0 must be human or observation/ }] },
        { record: sg(["human", "Hi"], ["gpt", "Hello"], ["human", "Bye"]), errors: [{ path: "/conversations/2/from", message: /even number of turns/ }] },
        { record: sg(["human", "Hi"], ["system", "x"], ["gpt", "Hello"]), errors: [{ path: "/conversations/1/from", message: /only come first/ }] },
      ],
    }));
  it("sharegpt-tools-invalid", () =>
    ruleTester("sharegpt-tools-invalid", "sharegpt", {
      valid: [{ ...sg(["human", "Weather?"], ["function_call", "{\"name\":\"w\",\"arguments\":{\"city\":\"Paris\"}}"], ["observation", "21"], ["gpt", "21 degrees"]), tools: "[{\"name\":\"w\",\"parameters\":{}}]" }],
      invalid: [
        { record: { ...sg(["human", "a"], ["gpt", "b"]), tools: "[{name: w}]" }, errors: [{ path: "/tools", message: /not valid JSON/ }] },
        { record: { ...sg(["human", "a"], ["gpt", "b"]), tools: 5 }, errors: [{ path: "/tools", message: /found number/ }] },
        { record: sg(["human", "a"], ["function_call", "get_weather(Paris)"], ["observation", "x"], ["gpt", "b"]), errors: [{ path: "/conversations/1/value", message: /function_call/ }] },
      ],
    }));
});

describe("LLaMA-Factory media columns", () => {
  it("media-placeholder-mismatch", () =>
    ruleTester("media-placeholder-mismatch", "sharegpt", {
      valid: [
        { ...sg(["human", "<image>What is in the picture?"], ["gpt", "A cat."]), images: ["img/cat.jpg"] },
        { ...sg(["human", "<image><image>Compare them."], ["gpt", "Same cat."]), images: ["a.jpg", "b.jpg"] },
        sg(["human", "No media here."], ["gpt", "Fine."]),
      ],
      invalid: [
        { record: { ...sg(["human", "<image>What is this?"], ["gpt", "A dog."]), images: ["a.jpg", "b.jpg"] }, errors: [{ path: "/images", message: /1 <image> placeholder\(s\) but `images` lists 2/ }] },
        { record: sg(["human", "<image>What is this?"], ["gpt", "A dog."]), errors: [{ path: undefined, message: /lists 0 file/ }] },
        { record: { ...sg(["human", "<video>Describe."], ["gpt", "Rain."]), videos: "clip.mp4" }, errors: [{ path: "/videos", message: /list of file paths, found string/ }] },
      ],
    }));
});

describe("Alpaca rules", () => {
  it("alpaca-instruction-invalid", () =>
    ruleTester("alpaca-instruction-invalid", "alpaca", {
      valid: [{ instruction: "Translate", input: "Hello", output: "Bonjour" }, { instruction: "", input: "Summarise: …", output: "x" }, { instruction: "a", input: null, output: "b" }],
      invalid: [
        { record: { output: "x", input: "y" } as any, errors: [{ path: undefined, message: /no `instruction`/ }] },
        { record: { instruction: ["a"], output: "x" }, errors: [{ path: "/instruction", message: /found array/ }] },
        { record: { instruction: " ", input: "", output: "x" }, errors: [{ path: "/instruction", message: /both empty/ }] },
      ],
    }));
  it("alpaca-output-missing", () =>
    ruleTester("alpaca-output-missing", "alpaca", {
      valid: [{ instruction: "a", output: "b" }],
      invalid: [
        { record: { instruction: "a", input: "" }, errors: [{ path: undefined, message: /no `output`/ }] },
        { record: { instruction: "a", output: { text: "b" } }, errors: [{ path: "/output", message: /found object/ }] },
      ],
    }));
  it("alpaca-history-invalid", () =>
    ruleTester("alpaca-history-invalid", "alpaca", {
      valid: [{ instruction: "b", output: "c", history: [["hi", "hello"]] }],
      invalid: [
        { record: { instruction: "b", output: "c", history: "hi" }, errors: [{ path: "/history", message: /found string/ }] },
        { record: { instruction: "b", output: "c", history: [["hi", "hello"], ["only one"]] }, errors: [{ path: "/history/1", message: /pair/ }] },
      ],
    }));
});

describe("Gemini rules", () => {
  const g = (...contents: unknown[]) => ({ contents }) as any;
  it("gemini-contents-invalid", () =>
    ruleTester("gemini-contents-invalid", "gemini", {
      valid: [{ systemInstruction: { parts: [{ text: "Be brief" }] }, contents: [{ role: "user", parts: [{ text: "Hi" }] }, { role: "model", parts: [{ text: "Hello" }] }] }],
      invalid: [
        { record: g(), errors: [{ path: "/contents", message: /empty/ }] },
        { record: g({ role: "user", parts: [] }), errors: [{ path: "/contents/0/parts" }] },
        { record: { ...g({ role: "user", parts: [{ text: "a" }] }), systemInstruction: "Be brief" }, errors: [{ path: "/systemInstruction" }] },
      ],
    }));
  it("gemini-role-invalid", () =>
    ruleTester("gemini-role-invalid", "gemini", {
      valid: [g({ role: "user", parts: [{ text: "Hi" }] }, { role: "model", parts: [{ text: "Hello" }] })],
      invalid: [
        { record: g({ role: "user", parts: [{ text: "Hi" }] }, { role: "assistant", parts: [{ text: "Hello" }] }), errors: [{ path: "/contents/1/role", message: /"assistant"/ }] },
        { record: g({ parts: [{ text: "Hi" }] }), errors: [{ path: "/contents/0", message: /no `role`/ }] },
      ],
    }));
  it("gemini-part-invalid", () =>
    ruleTester("gemini-part-invalid", "gemini", {
      valid: [g(
        { role: "user", parts: [{ text: "Weather in Paris?" }, { fileData: { mimeType: "image/png", fileUri: "gs://b/p.png" } }] },
        { role: "model", parts: [{ functionCall: { name: "w", args: { city: "Paris" } } }] },
        { role: "user", parts: [{ functionResponse: { name: "w", response: { temp: 21 } } }] },
        { role: "model", parts: [{ text: "21 degrees" }] },
      )],
      invalid: [
        { record: g({ role: "user", parts: [{ content: "Hi" }] }), errors: [{ path: "/contents/0/parts/0", message: /no known data key/ }] },
        { record: g({ role: "user", parts: [{ text: 5 }] }), errors: [{ path: "/contents/0/parts/0/text" }] },
        { record: g({ role: "model", parts: [{ functionCall: { name: "w", args: "{}" } }] }), errors: [{ path: "/contents/0/parts/0/functionCall" }] },
        { record: g({ role: "user", parts: [{ functionCall: { name: "w", args: {} } }] }), errors: [{ path: "/contents/0/parts/0/functionCall", message: /model turn/ }] },
      ],
    }));
});

describe("Bedrock rules", () => {
  const b = (...messages: unknown[]) => ({ schemaVersion: "bedrock-conversation-2024", messages }) as any;
  const u = { role: "user", content: [{ text: "Hi" }] };
  const a = { role: "assistant", content: [{ text: "Hello" }] };
  it("bedrock-messages-invalid", () =>
    ruleTester("bedrock-messages-invalid", "bedrock-conversation", {
      valid: [{ ...b(u, a), system: [{ text: "Be brief" }] }, b({ role: "user", content: [{ text: "What is this?" }, { image: { format: "png", source: { s3Location: { uri: "s3://b/x.png" } } } }] }, a)],
      invalid: [
        { record: b({ role: "user", content: "Hi" }, a), errors: [{ path: "/messages/0/content", message: /found string/ }] },
        { record: b({ role: "user", content: [{ type: "text", text: "Hi" }] }, a), errors: [{ path: "/messages/0/content/0" }] },
        { record: b({ role: "user", content: [{ image: { format: "png" } }] }, a), errors: [{ path: "/messages/0/content/0/image" }] },
        { record: { ...b(u, a), system: "Be brief" }, errors: [{ path: "/system" }] },
      ],
    }));
  it("bedrock-role-invalid", () =>
    ruleTester("bedrock-role-invalid", "bedrock-conversation", {
      valid: [b(u, a)],
      invalid: [
        { record: b({ role: "system", content: [{ text: "x" }] }, u, a), errors: [{ path: "/messages/0/role", message: /"system"/ }] },
        { record: b(a, u, a), errors: [{ path: "/messages/0/role", message: /start with a user turn/ }] },
      ],
    }));
  it("bedrock-schema-version-missing", () =>
    ruleTester("bedrock-schema-version-missing", "bedrock-conversation", {
      valid: [b(u, a)],
      invalid: [{ record: { messages: [u, a] }, errors: [{ path: undefined, message: /bedrock-conversation-2024/ }] }],
    }));
});
