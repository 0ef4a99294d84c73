import { defineRule } from "../core/rule.js";
import type { PathSegment } from "../core/path.js";
import { V1_PART_TYPES } from "../formats/llamafactory-v1-common.js";
import { isObject, own, preview, typeOf } from "./util.js";

const ROLES = ["system", "user", "assistant", "tool"];

/**
 * LLaMA-Factory v1 samples (src/llamafactory/v1/utils/types.py @ ff6d4d12eeb0): `messages` (DPO:
 * `chosen_messages`, `rejected_messages`) is a list of `{role, content: [{type, value}], loss_weight?}`.
 */
export default defineRule({
  meta: {
    id: "llamafactory-v1-message-invalid",
    description: "LLaMA-Factory v1 messages must have a role (system, user, assistant, tool), a list of content parts `{type, value}` of a known type, and a numeric `loss_weight` when given.",
    formats: ["llamafactory-v1", "llamafactory-v1-dpo"],
    defaultSeverity: "error",
    messages: {
      list: "`{{key}}` must be a list of messages, found {{type}}",
      message: "Message {{index}} must be an object, found {{type}}",
      role: "Message {{index}} has role \"{{role}}\"; LLaMA-Factory v1 knows system, user, assistant and tool",
      content: "Message {{index}}: `content` must be a list of parts {\"type\", \"value\"}, found {{type}}",
      part: "Message {{index}}, part {{part}}: must be {\"type\", \"value\"} with a string value",
      partType: "Message {{index}}, part {{part}}: unknown type \"{{partType}}\" (expected {{expected}})",
      weight: "Message {{index}}: `loss_weight` must be a number of 0 or more, found {{value}}",
    },
  },
  defaultOptions: {},
  create(ctx) {
    const keys = ctx.format === "llamafactory-v1-dpo" ? ["chosen_messages", "rejected_messages"] : ["messages"];
    return {
      raw(record, at) {
        for (const key of keys) {
          const list = own(record, key);
          if (!Array.isArray(list)) {
            ctx.report({ messageId: "list", at, path: [key], data: { key, type: typeOf(list) } });
            continue;
          }
          list.forEach((m, index) => {
            const base: PathSegment[] = [key, index];
            if (!isObject(m)) return ctx.report({ messageId: "message", at, path: base, data: { index, type: typeOf(m) } });
            const role = own(m, "role");
            if (typeof role !== "string" || !ROLES.includes(role)) ctx.report({ messageId: "role", at, path: [...base, "role"], data: { index, role: typeof role === "string" ? preview(role) : typeOf(role) } });
            const content = own(m, "content");
            if (!Array.isArray(content)) ctx.report({ messageId: "content", at, path: [...base, "content"], data: { index, type: typeOf(content) } });
            else
              content.forEach((p, part) => {
                const path = [...base, "content", part];
                if (!isObject(p) || typeof own(p, "value") !== "string") return ctx.report({ messageId: "part", at, path, data: { index, part } });
                const type = own(p, "type");
                if (typeof type !== "string" || !(V1_PART_TYPES as readonly string[]).includes(type)) {
                  ctx.report({ messageId: "partType", at, path: [...path, "type"], data: { index, part, partType: typeof type === "string" ? preview(type) : typeOf(type), expected: V1_PART_TYPES.join(", ") } });
                }
                return undefined;
              });
            const w = own(m, "loss_weight");
            if (w !== undefined && (typeof w !== "number" || !(w >= 0))) ctx.report({ messageId: "weight", at, path: [...base, "loss_weight"], data: { index, value: JSON.stringify(w) } });
            return undefined;
          });
        }
      },
    };
  },
});
