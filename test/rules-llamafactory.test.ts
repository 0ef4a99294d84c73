import { chat, ruleTester } from "./helpers/rule-tester.js";

/**
 * LLaMA-Factory layouts (rows its loader skips, v1 messages, media placeholders) and its dataset_info.json
 * registry: `files` cases write the registry and the files it lists to a temp dir and lint the registry.
 */

const turn = (from: string, value: string) => ({ from, value });
/** A sharegpt-ranking row: a prompt conversation and two answers. */
const ranking = (conversations: unknown[], chosen: unknown = turn("gpt", "Blue."), rejected: unknown = turn("gpt", "Seven.")) => ({ conversations, chosen, rejected });
const v1 = (...messages: unknown[]) => ({ messages });
const v1m = (role: string, value: string, extra: Record<string, unknown> = {}) => ({ role, content: [{ type: "text", value }], ...extra });
const jsonl = (...records: object[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";
const alpacaRows = jsonl({ instruction: "Name a colour.", output: "Blue." }, { instruction: "Name a fruit.", output: "An apple." });

ruleTester("llamafactory-example-invalid", {
  valid: [
    { name: "ranking rows with and without a system turn", records: [ranking([turn("human", "Name a colour.")]), ranking([turn("system", "Be brief."), turn("human", "Q"), turn("gpt", "A"), turn("human", "Name a colour.")])] },
    { name: "alpaca ranking", records: [{ instruction: "Name a colour.", input: "", chosen: "Blue.", rejected: "Seven." }] },
    { name: "KTO rows labelled both ways", records: [{ messages: [{ role: "user", content: "Q" }, { role: "assistant", content: "A" }], label: true }, { messages: [{ role: "user", content: "Q" }, { role: "assistant", content: "B" }], label: false }] },
  ],
  invalid: [
    {
      name: "sharegpt-ranking: a gpt turn where the prompt needs human, an even prompt, a human answer, an answer that is no turn",
      records: [
        ranking([turn("gpt", "Name a colour.")]),
        ranking([turn("human", "Q"), turn("gpt", "A")]),
        ranking([turn("human", "Name a colour.")], turn("human", "Blue.")),
        ranking([turn("human", "Name a colour.")], turn("gpt", "Blue."), "Seven."),
      ],
      errors: [
        { messageId: "position", line: 1, path: "/conversations/0/from", data: { index: 0, tag: "gpt", position: 0 } },
        { messageId: "count", line: 2, path: "/conversations", data: { count: 2 } },
        { messageId: "sideRole", line: 3, path: "/chosen/from", data: { side: "chosen", tag: "human" } },
        { messageId: "sideMissing", line: 4, path: "/rejected", data: { side: "rejected", type: "turn object" } },
      ],
    },
    {
      name: "alpaca-ranking: a missing chosen answer",
      records: [{ instruction: "Name a colour.", input: "", chosen: "Blue.", rejected: "Seven." }, { instruction: "Name a tree.", input: "", rejected: "A car." }],
      format: "alpaca-ranking",
      errors: [{ messageId: "sideMissing", line: 2, path: "/chosen", data: { side: "chosen", type: "string" } }],
    },
    {
      name: "KTO: a label that is not a boolean",
      records: [{ messages: [{ role: "user", content: "Q" }, { role: "assistant", content: "A" }], label: true }, { messages: [{ role: "user", content: "Q" }, { role: "assistant", content: "B" }], label: "yes" }],
      errors: [{ messageId: "label", line: 2, path: "/label", data: { column: "label", value: '"yes"' } }],
    },
    {
      name: "role/content messages with media: no turns at all",
      records: [{ messages: [{ role: "user", content: "<image>Who?" }, { role: "assistant", content: "A player." }], images: ["a.jpg"] }, { messages: [], images: [] }],
      format: "llamafactory-messages",
      errors: [{ messageId: "noResponse", line: 2, path: "/messages", data: { column: "messages" } }],
    },
  ],
});

ruleTester("llamafactory-v1-message-invalid", {
  format: "llamafactory-v1",
  valid: [{ records: [v1(v1m("system", "Be brief.", { loss_weight: 0 }), v1m("user", "Q"), v1m("assistant", "A", { loss_weight: 1.0 }))] }],
  invalid: [
    {
      records: [
        { messages: "Q" },
        v1(5, v1m("assistant", "A")),
        v1(v1m("human", "Q"), v1m("assistant", "A")),
        v1({ role: "user", content: "Q" }, v1m("assistant", "A")),
        v1({ role: "user", content: [{ type: "text" }] }, v1m("assistant", "A")),
        v1({ role: "user", content: [{ type: "txt", value: "Q" }] }, v1m("assistant", "A")),
        v1(v1m("user", "Q"), v1m("assistant", "A", { loss_weight: "1" })),
      ],
      errors: [
        { messageId: "list", line: 1, path: "/messages", data: { key: "messages", type: "string" } },
        { messageId: "message", line: 2, path: "/messages/0", data: { index: 0, type: "number" } },
        { messageId: "role", line: 3, path: "/messages/0/role", data: { role: "human" } },
        { messageId: "content", line: 4, path: "/messages/0/content", data: { type: "string" } },
        { messageId: "part", line: 5, path: "/messages/0/content/0", data: { index: 0, part: 0 } },
        { messageId: "partType", line: 6, path: "/messages/0/content/0/type", data: { partType: "txt" } },
        { messageId: "weight", line: 7, path: "/messages/1/loss_weight", data: { index: 1, value: '"1"' } },
      ],
    },
  ],
});

ruleTester("media-placeholder-mismatch", {
  format: "sharegpt-ranking",
  valid: [{ name: "both sides with the prompt's one image", records: [{ ...ranking([turn("human", "<image>What colour?")]), images: ["a.jpg"] }] }],
  invalid: [
    {
      name: "a ranking side that adds a placeholder",
      records: [{ ...ranking([turn("human", "<image>What colour?")], turn("gpt", "Blue."), turn("gpt", "<image> Seven.")), images: ["a.jpg"] }],
      errors: [{ messageId: "side", line: 1, path: "/images", data: { side: "rejected", tokens: 2, files: 1 } }],
    },
  ],
});

ruleTester("dataset-info-entry-invalid", {
  valid: [{ name: "every entry's file present and read", files: { "dataset_info.json": { qa: { file_name: "qa.jsonl" }, hub: { hf_hub_url: "org/data" } }, "qa.jsonl": alpacaRows }, input: "dataset_info.json" }],
  invalid: [
    { name: "not JSON", files: { "dataset_info.json": '{ "qa": { "file_name": "qa.jsonl" ' }, input: "dataset_info.json", errors: [{ messageId: "json", line: 1, path: undefined, file: "dataset_info.json" }] },
    {
      name: "a missing file, a formatting ftdata does not read, an entry with no file at all",
      files: {
        "dataset_info.json": { qa: { file_name: "qa.jsonl" }, gone: { file_name: "gone.json" }, odd: { file_name: "qa.jsonl", formatting: "chatml" }, empty: { columns: {} } },
        "qa.jsonl": alpacaRows,
      },
      input: "dataset_info.json",
      errors: [
        { messageId: "missing", line: 5, path: undefined, file: "dataset_info.json", data: { name: "gone", file: "gone.json" } },
        { messageId: "invalid", line: 8, path: undefined, data: { name: "odd" }, message: /formatting "chatml"/ },
        { messageId: "invalid", line: 12, path: undefined, data: { name: "empty" }, message: /no file_name/ },
      ],
    },
  ],
});

ruleTester("dataset-info-entry-unchecked", {
  valid: [{ files: { "dataset_info.json": { qa: { file_name: "qa.jsonl" } }, "qa.jsonl": alpacaRows }, input: "dataset_info.json" }],
  invalid: [
    {
      name: "hub datasets listed once; a text file and a folder named",
      files: {
        "dataset_info.json": { hub: { hf_hub_url: "org/data" }, script: { script_url: "org/script" }, wiki: { file_name: "wiki.txt" }, parts: { file_name: "parts" }, qa: { file_name: "qa.jsonl" } },
        "wiki.txt": "plain text\n",
        "parts/a.jsonl": jsonl(chat()),
        "qa.jsonl": alpacaRows,
      },
      input: "dataset_info.json",
      errors: [
        { messageId: "remote", line: 1, path: undefined, file: "dataset_info.json", data: { count: 2, names: "hub, script" } },
        { messageId: "unread", line: 8, path: undefined, data: { name: "wiki", file: "wiki.txt" }, message: /a \.txt file/ },
        { messageId: "unread", line: 11, path: undefined, data: { name: "parts" }, message: /a folder/ },
      ],
    },
  ],
});
