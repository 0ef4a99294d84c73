import type { CanonicalExample, CanonicalMessage, CanonicalToolCall, JsonObject, JsonValue } from "../core/canonical.js";
import { argumentsString, commonLosses, linkToolCalls, parseArguments, withExtra } from "./chat-write.js";
import type { ConversionLoss, FormatModule, ToRecordResult } from "../core/format.js";
import { isObject, own } from "./json-utils.js";
import { extraFields } from "./openai-chat.js";

/**
 * Amazon Bedrock conversation format (Nova fine-tuning, distillation; docs.aws.amazon.com/nova/latest/
 * userguide/fine-tune-prepare-data-understanding.html, as cited in the project reference notes, 2026-07): `schemaVersion`
 * ("bedrock-conversation-2024"), `system: [{text}]`, `messages: [{role: user|assistant, content:
 * [{text} | {image} | {video} | {toolUse} | {toolResult} | {reasoningContent}]}]`. Tool blocks follow the
 * Converse API; Nova 2 SFT warns that tool sections "might cause your job to fail".
 */
export const BEDROCK_KEYS = ["schemaVersion", "system", "messages"] as const;
export const BEDROCK_SCHEMA_VERSION = "bedrock-conversation-2024";
export const BEDROCK_BLOCKS = ["text", "image", "video", "document", "toolUse", "toolResult", "reasoningContent"];

function blocksText(content: JsonValue | undefined): string {
  if (!Array.isArray(content)) return "";
  const out: string[] = [];
  for (const b of content) {
    if (!isObject(b)) continue;
    if (typeof own(b, "text") === "string") out.push(own(b, "text") as string);
    else if (own(b, "json") !== undefined) out.push(JSON.stringify(own(b, "json")));
  }
  return out.join("\n");
}

function toCanonical(record: JsonObject): CanonicalExample | undefined {
  const list = own(record, "messages");
  if (!Array.isArray(list)) return undefined;
  const messages: CanonicalMessage[] = [];
  const system = own(record, "system");
  if (Array.isArray(system) && system.length > 0) {
    messages.push({ role: "system", text: blocksText(system), hasContent: true, images: 0, trainable: false, path: ["system"], contentPath: ["system"] });
  } else if (typeof system === "string") {
    messages.push({ role: "system", text: system, hasContent: true, images: 0, trainable: false, path: ["system"], contentPath: ["system"] });
  }
  list.forEach((m, i) => {
    if (!isObject(m)) return;
    const r = own(m, "role");
    const role = typeof r === "string" ? r : "";
    const path = ["messages", i];
    const content = own(m, "content");
    const msg: CanonicalMessage = { role, text: "", hasContent: false, images: 0, trainable: role === "assistant", path, contentPath: [...path, "content"] };
    const texts: string[] = [];
    const results: CanonicalMessage[] = [];
    if (typeof content === "string") texts.push(content);
    if (Array.isArray(content)) {
      content.forEach((b, j) => {
        if (!isObject(b)) return;
        if (typeof own(b, "text") === "string") texts.push(own(b, "text") as string);
        if ("image" in b || "video" in b) msg.images++;
        const use = own(b, "toolUse");
        if (isObject(use)) {
          const call: CanonicalToolCall = { name: typeof use.name === "string" ? use.name : "", arguments: argumentsString(own(use, "input") ?? {}), namePath: [...path, "content", j, "toolUse", "name"] };
          if (typeof use.toolUseId === "string") call.id = use.toolUseId;
          (msg.toolCalls ??= []).push(call);
        }
        const res = own(b, "toolResult");
        if (isObject(res)) {
          const rm: CanonicalMessage = { role: "tool", text: blocksText(own(res, "content")), hasContent: true, images: 0, trainable: false, path: [...path, "content", j], contentPath: [...path, "content", j, "toolResult", "content"] };
          if (typeof res.toolUseId === "string") rm.toolCallId = res.toolUseId;
          results.push(rm);
        }
      });
    }
    msg.text = texts.join("\n");
    msg.hasContent = texts.length > 0;
    messages.push(...results);
    if (results.length === 0 || texts.length > 0 || msg.images > 0 || msg.toolCalls) messages.push(msg);
  });
  return { kind: "chat", format: "bedrock-conversation", messages, extra: extraFields(record, BEDROCK_KEYS), raw: record };
}

function toRecord(ex: CanonicalExample): ToRecordResult {
  const losses: ConversionLoss[] = commonLosses(ex, "bedrock-conversation", { callIds: true });
  if (ex.tools) losses.push({ what: `${ex.tools.length} tool definition(s) (bedrock fine-tuning data has no tool configuration)`, path: ["tools"] });
  const { callIds, resultIds } = linkToolCalls(ex.messages);
  const system: JsonObject[] = [];
  const out: { role: string; content: JsonObject[]; path: (string | number)[] }[] = [];
  const add = (role: string, block: JsonObject, path: (string | number)[]) => {
    const prev = out[out.length - 1];
    if (prev && prev.role === role) {
      // Converse needs alternating turns: blocks of consecutive same-role messages share one turn.
      if (!("toolResult" in block) || !prev.content.every((b) => "toolResult" in b)) losses.push({ what: `consecutive ${role} messages merged into one turn (bedrock needs alternating turns)`, path });
      prev.content.push(block);
    } else {
      out.push({ role, content: [block], path });
    }
  };
  ex.messages.forEach((m, i) => {
    if (m.role === "system" || m.role === "developer") {
      if (out.length === 0) system.push({ text: m.text });
      else losses.push({ what: `a ${m.role} message that is not first (bedrock has one system prompt)`, path: m.path });
      return;
    }
    if (m.role === "tool" || m.role === "function") {
      add("user", { toolResult: { toolUseId: resultIds[i] ?? "", content: [{ text: m.text }] } }, m.path);
      return;
    }
    if (m.role !== "user" && m.role !== "assistant") {
      losses.push({ what: `a message with role "${m.role}" (bedrock has user and assistant)`, path: m.path });
      return;
    }
    if (m.text !== "" || !m.toolCalls) add(m.role, { text: m.text }, m.path);
    m.toolCalls?.forEach((c, j) => {
      const args = parseArguments(c.arguments);
      add(m.role, { toolUse: { toolUseId: callIds[i]![j]!, name: c.name, input: args.ok ? args.value! : c.arguments } }, m.path);
    });
  });
  if (out.length === 0 || out[0]!.role !== "user") return { losses, error: "bedrock conversations must start with a user turn" };
  const record: JsonObject = { schemaVersion: BEDROCK_SCHEMA_VERSION };
  if (system.length > 0) record.system = system;
  record.messages = out.map((t) => ({ role: t.role, content: t.content }));
  return { record: withExtra(record, ex.extra, BEDROCK_KEYS), losses };
}

export const bedrockConversation: FormatModule = {
  id: "bedrock-conversation",
  kind: "chat",
  description: "Amazon Bedrock conversation: {\"schemaVersion\", \"system\"?: [{\"text\"}], \"messages\": [{\"role\", \"content\": [{\"text\"}…]}…]}",
  keys: BEDROCK_KEYS,
  signature: "`schemaVersion` + `messages` of {role, content: [blocks]}",
  detect(record) {
    const messages = own(record, "messages");
    if (!Array.isArray(messages)) return 0;
    if ("schemaVersion" in record) return 20; // outranks openai-chat, which also has `messages`
    // Without schemaVersion (bedrock-schema-version-missing says so), content blocks without `type`
    // are still Bedrock's shape: OpenAI's content parts always carry a `type`.
    const first = messages[0];
    const content = isObject(first) ? own(first, "content") : undefined;
    const block = Array.isArray(content) ? content[0] : undefined;
    return isObject(block) && !("type" in block) && BEDROCK_BLOCKS.some((k) => k in block) ? 15 : 0;
  },
  toCanonical,
  toRecord,
  accepts: ["chat", "completion"],
};
