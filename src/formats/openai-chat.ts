import type { CanonicalExample, CanonicalMessage, CanonicalTool, CanonicalToolCall, JsonObject, JsonValue } from "../core/canonical.js";
import type { FormatModule } from "../core/format.js";
import { isObject, own } from "./json-utils.js";
import { openaiChatToRecord } from "./openai-chat-write.js";

/** Roles of the published SFT schema (plus `developer`, accepted by the RFT schema). */
export const CHAT_ROLES = ["system", "developer", "user", "assistant", "tool", "function"] as const;
export const CHAT_KEYS = ["messages", "tools", "parallel_tool_calls", "functions"] as const;

/** Keys allowed on each role's message (OpenAPI FineTuneChatRequestInput, openai-openapi f7f4b05). */
export const MESSAGE_KEYS: Record<string, readonly string[]> = {
  system: ["role", "content", "name"],
  developer: ["role", "content", "name"],
  user: ["role", "content", "name"],
  assistant: ["role", "content", "name", "refusal", "tool_calls", "function_call", "audio", "weight"],
  tool: ["role", "content", "tool_call_id"],
  function: ["role", "content", "name"],
};

/** Text of an OpenAI content value (string or parts), images counted. */
export function contentText(content: JsonValue | undefined): { text: string; hasContent: boolean; images: number } {
  if (typeof content === "string") return { text: content, hasContent: true, images: 0 };
  if (!Array.isArray(content)) return { text: "", hasContent: false, images: 0 };
  const texts: string[] = [];
  let images = 0;
  for (const part of content) {
    if (!isObject(part)) continue;
    const t = own(part, "text") ?? own(part, "refusal");
    if (typeof t === "string") texts.push(t);
    if (own(part, "type") === "image_url") images++;
  }
  return { text: texts.join("\n"), hasContent: texts.length > 0 || images > 0, images };
}

function toolCallsOf(msg: JsonObject): CanonicalToolCall[] | undefined {
  const out: CanonicalToolCall[] = [];
  const calls = own(msg, "tool_calls");
  if (Array.isArray(calls)) {
    for (const c of calls) {
      if (!isObject(c)) continue;
      const fn = own(c, "function");
      const name = isObject(fn) ? own(fn, "name") : undefined;
      const args = isObject(fn) ? own(fn, "arguments") : undefined;
      const call: CanonicalToolCall = {
        name: typeof name === "string" ? name : "",
        arguments: typeof args === "string" ? args : args === undefined ? "" : JSON.stringify(args),
      };
      const id = own(c, "id");
      if (typeof id === "string") call.id = id;
      out.push(call);
    }
  }
  const fc = own(msg, "function_call");
  if (isObject(fc)) {
    const name = own(fc, "name");
    const args = own(fc, "arguments");
    out.push({ name: typeof name === "string" ? name : "", arguments: typeof args === "string" ? args : JSON.stringify(args ?? "") });
  }
  return out.length > 0 ? out : undefined;
}

/** Maps an OpenAI-style message list (chat, DPO input, RFT items) to canonical messages. */
export function chatMessages(messages: JsonValue | undefined, basePath: (string | number)[]): CanonicalMessage[] | undefined {
  if (!Array.isArray(messages)) return undefined;
  const out: CanonicalMessage[] = [];
  messages.forEach((m, i) => {
    if (!isObject(m)) return;
    const role = own(m, "role");
    const { text, hasContent, images } = contentText(own(m, "content"));
    const r = typeof role === "string" ? role : "";
    const msg: CanonicalMessage = {
      role: r,
      text,
      hasContent,
      images,
      trainable: r === "assistant" && own(m, "weight") !== 0,
      path: [...basePath, i],
    };
    const name = own(m, "name");
    if (typeof name === "string") msg.name = name;
    const calls = toolCallsOf(m);
    if (calls) msg.toolCalls = calls;
    const callId = own(m, "tool_call_id");
    if (typeof callId === "string") msg.toolCallId = callId;
    out.push(msg);
  });
  return out;
}

/** The keys of a function definition beyond name, description and parameters. */
export function toolExtra(fn: JsonObject): JsonObject | undefined {
  let extra: JsonObject | undefined;
  for (const k of Object.keys(fn)) {
    if (k === "name" || k === "description" || k === "parameters") continue;
    extra ??= {};
    Object.defineProperty(extra, k, { value: fn[k]!, enumerable: true, writable: true, configurable: true });
  }
  return extra;
}

/** `tools` (and legacy `functions`) as canonical tool definitions. */
export function chatTools(record: JsonObject): CanonicalTool[] | undefined {
  const out: CanonicalTool[] = [];
  const add = (fn: JsonValue | undefined) => {
    if (!isObject(fn)) return;
    const name = own(fn, "name");
    const tool: CanonicalTool = { name: typeof name === "string" ? name : "" };
    const description = own(fn, "description");
    if (typeof description === "string") tool.description = description;
    const parameters = own(fn, "parameters");
    if (parameters !== undefined) tool.parameters = parameters;
    const extra = toolExtra(fn);
    if (extra) tool.extra = extra;
    out.push(tool);
  };
  const tools = own(record, "tools");
  if (Array.isArray(tools)) for (const t of tools) if (isObject(t)) add(own(t, "function"));
  const functions = own(record, "functions");
  if (Array.isArray(functions)) for (const f of functions) add(f);
  return out.length > 0 ? out : undefined;
}

/** Everything outside the format's own keys: ids, metadata. */
export function extraFields(record: JsonObject, keys: readonly string[]): JsonObject {
  const extra: JsonObject = {};
  // defineProperty: assigning a "__proto__" key would set the prototype instead of keeping the field.
  for (const k of Object.keys(record)) if (!keys.includes(k)) Object.defineProperty(extra, k, { value: record[k]!, enumerable: true, writable: true, configurable: true });
  return extra;
}

export const openaiChat: FormatModule = {
  id: "openai-chat",
  kind: "chat",
  description: "OpenAI chat fine-tuning: {\"messages\": [{\"role\", \"content\"}…], \"tools\"?}",
  keys: CHAT_KEYS,
  detect(record) {
    const messages = own(record, "messages");
    if (!Array.isArray(messages)) return 0;
    const first = messages[0];
    return isObject(first) && "role" in first ? 10 : 5;
  },
  toCanonical(record) {
    const messages = chatMessages(own(record, "messages"), ["messages"]);
    if (!messages) return undefined;
    const ex: CanonicalExample = { kind: "chat", format: "openai-chat", messages, extra: extraFields(record, CHAT_KEYS), raw: record };
    const tools = chatTools(record);
    if (tools) ex.tools = tools;
    return ex;
  },
  toRecord: openaiChatToRecord,
  accepts: ["chat", "completion"],
  signature: "`messages` of {role, content}",
};
