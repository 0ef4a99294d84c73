import { toolFunction, type CanonicalExample, type CanonicalMessage, type JsonObject } from "../core/canonical.js";
import { commonLosses, linkToolCalls, withExtra } from "./chat-write.js";
import type { ConversionLoss, ToRecordResult } from "../core/format.js";

const KEYS = ["messages", "tools", "parallel_tool_calls", "functions"];

/** Canonical messages as OpenAI chat messages (shared with formats that embed OpenAI messages, like TRL). */
export function openaiMessages(messages: readonly CanonicalMessage[], _losses: ConversionLoss[], opts: { weights?: boolean } = { weights: true }): JsonObject[] {
  const { callIds, resultIds } = linkToolCalls(messages);
  return messages.map((m, i) => {
    const out: JsonObject = { role: m.role };
    if (m.role === "tool") {
      out.tool_call_id = resultIds[i] ?? "";
      out.content = m.text;
      return out;
    }
    if (m.role === "function") {
      out.name = m.name ?? "";
      out.content = m.text;
      return out;
    }
    if (m.hasContent || !m.toolCalls) out.content = m.text;
    if (m.name !== undefined) out.name = m.name;
    if (m.toolCalls) {
      out.tool_calls = m.toolCalls.map((c, j) => ({ id: callIds[i]![j]!, type: "function", function: { name: c.name, arguments: c.arguments } }));
    }
    // Without weights (TRL), the caller reports what that changes: only its own trained turns matter.
    if (m.role === "assistant" && !m.trainable && opts.weights) out.weight = 0;
    return out;
  });
}

/** Writes any chat or completion example as an OpenAI chat record. */
export function openaiChatToRecord(ex: CanonicalExample): ToRecordResult {
  const losses: ConversionLoss[] = commonLosses(ex, "openai-chat", { weights: true, names: true, callIds: true });
  const record: JsonObject = { messages: openaiMessages(ex.messages, losses) };
  if (ex.tools) {
    record.tools = ex.tools.map((t) => ({ type: "function", function: toolFunction(t) }));
  }
  return { record: withExtra(record, ex.extra, KEYS), losses };
}
