import { defineRule } from "../core/rule.js";
import { BEDROCK_BLOCKS } from "../formats/bedrock-conversation.js";
import { isObject, own, typeOf } from "./util.js";

/** Bedrock structure: `messages` of {role, content: [blocks]}, `system` a list of {text} blocks. */
export default defineRule({
  meta: {
    id: "bedrock-messages-invalid",
    description: "A Bedrock conversation record needs a non-empty `messages` list whose `content` is a list of {text} / {image} / {video} blocks; `system` is a list of {text}.",
    formats: ["bedrock-conversation"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Record has no `messages`",
      notArray: "`messages` must be a list, found {{type}}",
      empty: "`messages` is empty",
      notObject: "Message {{index}} must be an object with `role` and `content`, found {{type}}",
      content: "Message {{index}}: `content` must be a non-empty list of content blocks, found {{type}}",
      block: "Content block must be an object with one of {{known}}; found {{keys}}",
      text: "`text` must be a string, found {{type}}",
      typed: "Content block has a `type` key (OpenAI's part shape); Bedrock blocks are keyed by kind: {\"text\": …}, {\"image\": …}",
      system: "`system` must be a list of {text} blocks, found {{type}}",
      media: "`{{key}}` needs `format` and `source.s3Location.uri`",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const system = own(record, "system");
        if (system !== undefined) {
          if (!Array.isArray(system)) ctx.report({ messageId: "system", at, path: ["system"], data: { type: typeOf(system) } });
          else system.forEach((b, j) => {
            if (!isObject(b) || typeof own(b, "text") !== "string") ctx.report({ messageId: "system", at, path: ["system", j], data: { type: typeOf(b) } });
          });
        }
        const messages = own(record, "messages");
        if (messages === undefined) return ctx.report({ messageId: "missing", at });
        if (!Array.isArray(messages)) return ctx.report({ messageId: "notArray", at, path: ["messages"], data: { type: typeOf(messages) } });
        if (messages.length === 0) return ctx.report({ messageId: "empty", at, path: ["messages"] });
        messages.forEach((m, i) => {
          if (!isObject(m)) return ctx.report({ messageId: "notObject", at, path: ["messages", i], data: { index: i, type: typeOf(m) } });
          const content = own(m, "content");
          if (!Array.isArray(content) || content.length === 0) {
            const hint = typeof content === "string" ? "Bedrock content is a list of blocks: [{\"text\": \"…\"}]" : undefined;
            return ctx.report({ messageId: "content", at, path: ["messages", i, "content"], data: { index: i, type: Array.isArray(content) ? "an empty list" : typeOf(content) }, ...(hint ? { hint } : {}) });
          }
          content.forEach((b, j) => {
            const path = ["messages", i, "content", j];
            if (!isObject(b) || !BEDROCK_BLOCKS.some((k) => k in b)) {
              return ctx.report({ messageId: "block", at, path, data: { known: "text, image, video, toolUse, toolResult", keys: isObject(b) ? Object.keys(b).join(", ") || "none" : typeOf(b) } });
            }
            if ("type" in b) ctx.report({ messageId: "typed", at, path });
            const text = own(b, "text");
            if (text !== undefined && typeof text !== "string") ctx.report({ messageId: "text", at, path: [...path, "text"], data: { type: typeOf(text) } });
            for (const key of ["image", "video"]) {
              const media = own(b, key);
              if (media === undefined) continue;
              const source = isObject(media) ? own(media, "source") : undefined;
              const s3 = isObject(source) ? own(source, "s3Location") : undefined;
              if (!isObject(media) || typeof own(media, "format") !== "string" || !isObject(s3) || typeof own(s3, "uri") !== "string") ctx.report({ messageId: "media", at, path: [...path, key], data: { key } });
            }
          });
        });
      },
    };
  },
});
