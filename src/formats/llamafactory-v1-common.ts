import type { PathSegment } from "../core/path.js";
import type { CanonicalExample, CanonicalMessage, CanonicalPart, CanonicalToolCall, JsonValue } from "../core/canonical.js";
import { isObject, own } from "./json-utils.js";
import { parseFunctionCall } from "./sharegpt.js";

/**
 * LLaMA-Factory v1 messages (src/llamafactory/v1/utils/types.py @ ff6d4d12eeb0): `role` (system, user,
 * assistant, tool), `content` a list of parts `{"type": "text"|"reasoning"|"tool_call"|"image_url"|
 * "video_url"|"audio_url", "value"}`, optional `loss_weight` (1.0 by default; 0 = not trained).
 */
export const V1_PART_TYPES = ["text", "reasoning", "tool_call", "image_url", "video_url", "audio_url"] as const;
export const V1_MESSAGE_KEYS = ["role", "content", "loss_weight"] as const;

/** Whether a message list looks like v1: a content part with `value`, or a `loss_weight`. */
export function looksV1(messages: JsonValue | undefined): boolean {
  if (!Array.isArray(messages)) return false;
  for (const m of messages.slice(0, 4)) {
    if (!isObject(m)) continue;
    if ("loss_weight" in m) return true;
    const content = own(m, "content");
    if (Array.isArray(content) && content.some((p) => isObject(p) && "value" in p && !("text" in p))) return true;
  }
  return false;
}

/** v1 messages as canonical messages: text and reasoning parts are the text, tool_call parts the calls. */
export function v1Messages(messages: JsonValue | undefined, base: PathSegment[]): CanonicalMessage[] | undefined {
  if (!Array.isArray(messages)) return undefined;
  const out: CanonicalMessage[] = [];
  messages.forEach((m, i) => {
    if (!isObject(m)) return;
    const role = own(m, "role");
    const r = typeof role === "string" ? role : "";
    const content = own(m, "content");
    const texts: string[] = [];
    const calls: CanonicalToolCall[] = [];
    const parts: CanonicalPart[] = [];
    let images = 0;
    let media = 0;
    if (typeof content === "string") texts.push(content);
    else if (Array.isArray(content)) {
      for (const p of content) {
        if (!isObject(p)) continue;
        const type = own(p, "type");
        const value = own(p, "value");
        if (typeof type === "string" && (V1_PART_TYPES as readonly string[]).includes(type) && value !== undefined) {
          parts.push({ type: type as CanonicalPart["type"], value: typeof value === "string" ? value : JSON.stringify(value) });
        }
        if ((type === "text" || type === "reasoning") && typeof value === "string") texts.push(value);
        else if (type === "tool_call") calls.push(...(parseFunctionCall(value) ?? [{ name: "", arguments: typeof value === "string" ? value : JSON.stringify(value ?? "") }]));
        else if (type === "image_url") images++;
        else if (type === "video_url" || type === "audio_url") media++;
      }
    }
    const weight = own(m, "loss_weight");
    const msg: CanonicalMessage = {
      role: r,
      text: texts.join("\n"),
      hasContent: texts.length > 0 || images + media > 0,
      images,
      trainable: r === "assistant" && weight !== 0,
      path: [...base, i],
    };
    if (calls.length > 0) msg.toolCalls = calls;
    if (parts.length > 0) msg.parts = parts;
    out.push(msg);
  });
  return out;
}

const MEDIA_OF_PART = { image_url: "images", video_url: "videos", audio_url: "audios" } as const;

/**
 * The media of v1 messages as LLaMA-Factory's media columns, in document order: what its v0 → v1
 * converter (plugins/data_plugins/converter.py `_to_content_blocks`) consumes placeholder by placeholder.
 */
export function v1Media(messages: readonly CanonicalMessage[]): CanonicalExample["media"] {
  const out: NonNullable<CanonicalExample["media"]> = {};
  for (const m of messages) {
    for (const p of m.parts ?? []) {
      const column = MEDIA_OF_PART[p.type as keyof typeof MEDIA_OF_PART];
      if (column) (out[column] ??= []).push(p.value);
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
