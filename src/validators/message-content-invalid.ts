import type { JsonObject } from "../core/canonical.js";
import { defineRule } from "../core/rule.js";
import { describeValue, isObject, own, roleOf, typeOf } from "./util.js";
import { formatMessages } from "./message-lists.js";

/** Content part types each role may use (OpenAPI FineTuneChatRequestInput, f7f4b05). */
const PART_TYPES: Record<string, readonly string[]> = {
  system: ["text"],
  developer: ["text"],
  user: ["text", "image_url"],
  assistant: ["text", "refusal"],
  tool: ["text"],
};
const UNSUPPORTED_FOR_FT = ["input_audio", "file"];

/** `content` has the type its role allows: a string, an array of parts, or null where tool calls stand in. */
export default defineRule({
  meta: {
    id: "message-content-invalid",
    description: "Message `content` must be a string or a non-empty array of parts its role allows; null only where tool calls stand in.",
    formats: ["openai-chat", "openai-dpo", "openai-rft"],
    defaultSeverity: "error",
    messages: {
      missing: "{{role}} message has no `content`",
      assistantMissing: "Assistant message has neither `content` nor `tool_calls`",
      nullContent: "{{role}} message content must not be null",
      badType: "`content` must be a string or an array of parts, found {{type}}",
      emptyParts: "`content` is an empty array of parts",
      partNotObject: "Content part must be an object, found {{type}}",
      partType: "Content part type {{type}} is not allowed in a {{role}} message (allowed: {{allowed}})",
      partUnsupported: "Content part type \"{{type}}\" is not supported for fine-tuning",
      assistantImage: "Assistant messages cannot contain images (images are input only)",
      textMissing: "Text part needs a string `text`, found {{type}}",
      refusalMissing: "Refusal part needs a string `refusal`, found {{type}}",
      imageUrlMissing: "image_url part needs `image_url.url` as a string",
      imageDetail: "image_url.detail must be auto, low or high, found {{detail}}",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        for (const [m, mp] of formatMessages(record, ctx.format)) {
          const role = roleOf(m);
          if (role === undefined || !(Object.hasOwn(PART_TYPES, role) || role === "function")) continue; // message-role-invalid reports it
          const path = [...mp, "content"];
          const hasCalls = own(m, "tool_calls") !== undefined || own(m, "function_call") !== undefined;
          const content = own(m, "content");
          if (content === undefined) {
            if (role === "assistant") {
              if (!hasCalls) ctx.report({ messageId: "assistantMissing", at, path: mp });
            } else ctx.report({ messageId: "missing", at, path: mp, data: { role } });
            continue;
          }
          if (content === null) {
            if (role === "function" || (role === "assistant" && hasCalls)) continue;
            ctx.report({ messageId: role === "assistant" ? "assistantMissing" : "nullContent", at, path, data: { role } });
            continue;
          }
          if (typeof content === "string") continue;
          if (!Array.isArray(content) || role === "function") {
            ctx.report({ messageId: "badType", at, path, data: { type: typeOf(content) } });
            continue;
          }
          if (content.length === 0) {
            ctx.report({ messageId: "emptyParts", at, path });
            continue;
          }
          content.forEach((part, j) => checkPart(part, j));
          function checkPart(part: unknown, j: number) {
            const pp = [...path, j];
            if (!isObject(part)) return ctx.report({ messageId: "partNotObject", at, path: pp, data: { type: typeOf(part) } });
            const type = own(part as JsonObject, "type");
            const allowed = PART_TYPES[role!]!;
            if (typeof type === "string" && UNSUPPORTED_FOR_FT.includes(type)) {
              return ctx.report({ messageId: "partUnsupported", at, path: [...pp, "type"], data: { type } });
            }
            if (type === "image_url" && role === "assistant") return ctx.report({ messageId: "assistantImage", at, path: pp });
            if (typeof type !== "string" || !allowed.includes(type)) {
              return ctx.report({ messageId: "partType", at, path: [...pp, "type"], data: { type: describeValue(type), role: role!, allowed: allowed.join(", ") } });
            }
            if (type === "text" && typeof own(part, "text") !== "string") {
              ctx.report({ messageId: "textMissing", at, path: [...pp, "text"], data: { type: typeOf(own(part, "text")) } });
            } else if (type === "refusal" && typeof own(part, "refusal") !== "string") {
              ctx.report({ messageId: "refusalMissing", at, path: [...pp, "refusal"], data: { type: typeOf(own(part, "refusal")) } });
            } else if (type === "image_url") {
              const img = own(part, "image_url");
              if (!isObject(img) || typeof own(img, "url") !== "string") {
                ctx.report({ messageId: "imageUrlMissing", at, path: [...pp, "image_url"] });
              } else {
                const detail = own(img, "detail");
                if (detail !== undefined && !["auto", "low", "high"].includes(detail as string)) {
                  ctx.report({ messageId: "imageDetail", at, path: [...pp, "image_url", "detail"], data: { detail: describeValue(detail) } });
                }
              }
            }
          }
        }
      },
    };
  },
});
