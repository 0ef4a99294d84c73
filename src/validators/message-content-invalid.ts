import type { JsonObject } from "../core/canonical.js";
import { defineRule } from "../core/rule.js";
import { describeValue, isObject, own, roleOf, typeOf } from "./util.js";
import { formatMessages, messageLists } from "./message-lists.js";
import { isContentParts } from "../formats/prompt-completion.js";

/** Content part types each role may use (OpenAPI FineTuneChatRequestInput, f7f4b05). */
const PART_TYPES: Record<string, readonly string[]> = {
  system: ["text"],
  developer: ["text"],
  user: ["text", "image_url"],
  assistant: ["text", "refusal"],
  tool: ["text"],
};
const UNSUPPORTED_FOR_FT = ["input_audio", "file"];
const DATA_URI = /^data:image\/([A-Za-z0-9.+-]+);base64,/;

/** What a platform takes in `image_url.url`; see TargetProfile.imageUrls. */
export interface ImageUrlOptions {
  kinds: ("http" | "data")[];
  formats: string[];
  maxBytes: number;
}

/** `content` has the type its role allows: a string, an array of parts, or null where tool calls stand in. */
export default defineRule({
  meta: {
    id: "message-content-invalid",
    description: "Message `content` must be a string or a non-empty array of parts its role allows; null only where tool calls stand in. Image URLs must be what the platform takes (default, OpenAI: http(s) URLs or data:image/jpeg|png|webp;base64, URIs up to 10 MB; Together: data URIs only).",
    formats: ["openai-chat", "openai-dpo", "openai-rft", "prompt-completion"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "{{role}} message has no `content`",
      assistantMissing: "Assistant message has neither `content` nor `tool_calls`",
      nullContent: "{{role}} message content must not be null",
      badType: "`content` must be a string or an array of parts, found {{type}}",
      emptyParts: "`content` is an empty array of parts",
      partNotObject: "Content part must be an object, found {{type}}",
      partType: "Content part type {{type}} is not allowed in {{role|a}} message (allowed: {{allowed}})",
      partUnsupported: "Content part type \"{{type}}\" is not supported for fine-tuning",
      assistantImage: "Assistant messages cannot contain images (images are input only)",
      textMissing: "Text part needs a string `text`, found {{type}}",
      refusalMissing: "Refusal part needs a string `refusal`, found {{type}}",
      imageUrlMissing: "image_url part needs `image_url.url` as a string",
      imageDetail: "image_url.detail must be auto, low or high, found {{detail}}",
      imageUrlKind: "image_url.url must be {{allowed}}; found {{found}}",
      imageFormat: "Image format {{format}} is not accepted (accepted: {{allowed}})",
      imageTooLarge: "Image is about {{bytes}} bytes; the limit is {{max}} bytes",
      mixedKinds: "Message {{index}} has {{kind}} content but message {{first}} has {{firstKind}}; this platform needs all messages of a conversation in one form (all strings or all content parts)",
    },
  },
  // The default is OpenAI's (HTTP URLs or base64 data URLs; JPEG, PNG, WEBP; 10 MB); --target sets its own, null for none.
  defaultOptions: {
    images: { kinds: ["http", "data"], formats: ["jpeg", "png", "webp"], maxBytes: 10_000_000 } as ImageUrlOptions | null,
    /** All messages of a conversation use strings or all use parts (Together rejects a mix). */
    sameContentKind: false,
  },
  create(ctx) {
    const images = ctx.options.images;
    /** Checks a data URI or URL against the platform's image rules. */
    const checkImageUrl = (url: string, path: (string | number)[], at: { line: number; record: number }) => {
      if (!images) return;
      const data = DATA_URI.exec(url);
      const http = /^https?:\/\//i.test(url);
      if (!(data && images.kinds.includes("data")) && !(http && images.kinds.includes("http"))) {
        const allowed = images.kinds.map((k) => (k === "http" ? "an http(s) URL" : "a data:image/<format>;base64, URI")).join(" or ");
        ctx.report({ messageId: "imageUrlKind", at, path, data: { allowed, found: describeValue(url.length > 40 ? url.slice(0, 40) + "…" : url) } });
        return;
      }
      if (!data) return; // an http(s) URL: its format is known only once fetched
      const format = data[1]!.toLowerCase();
      if (images.formats.length > 0 && !images.formats.includes(format)) {
        ctx.report({ messageId: "imageFormat", at, path, data: { format: `image/${format}`, allowed: images.formats.map((f) => f.toUpperCase()).join(", ") } });
      }
      const bytes = Math.floor(((url.length - data[0].length) * 3) / 4);
      if (images.maxBytes > 0 && bytes > images.maxBytes) ctx.report({ messageId: "imageTooLarge", at, path, data: { bytes, max: images.maxBytes } });
    };
    function checkPart(part: unknown, j: number, role: string, path: (string | number)[], at: { line: number; record: number }) {
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
          checkImageUrl(own(img, "url") as string, [...pp, "image_url", "url"], at);
          const detail = own(img, "detail");
          if (detail !== undefined && !["auto", "low", "high"].includes(detail as string)) {
            ctx.report({ messageId: "imageDetail", at, path: [...pp, "image_url", "detail"], data: { detail: describeValue(detail) } });
          }
        }
      }
    }
    return {
      raw(record, at) {
        if (ctx.format === "prompt-completion") {
          // Together's instruction format: `prompt` as the user's parts, `completion` as the assistant's.
          for (const [key, role] of [["prompt", "user"], ["completion", "assistant"]] as const) {
            const v = own(record, key);
            if (isContentParts(v)) v.forEach((part, j) => checkPart(part, j, role, [key], at));
          }
          return;
        }
        if (ctx.options.sameContentKind) {
          for (const { list, path } of messageLists(record, ctx.format)) {
            let first: { index: number; parts: boolean } | undefined;
            for (let i = 0; i < list.length; i++) {
              const m = list[i];
              const c = isObject(m) ? own(m, "content") : undefined;
              if (typeof c !== "string" && !Array.isArray(c)) continue;
              const parts = Array.isArray(c);
              if (!first) first = { index: i, parts };
              else if (first.parts !== parts) {
                const kind = (p: boolean) => (p ? "content-part" : "string");
                ctx.report({ messageId: "mixedKinds", at, path: [...path, i, "content"], data: { index: i, kind: kind(parts), first: first.index, firstKind: kind(first.parts) } });
                break;
              }
            }
          }
        }
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
          content.forEach((part, j) => checkPart(part, j, role!, path, at));
        }
      },
    };
  },
});
