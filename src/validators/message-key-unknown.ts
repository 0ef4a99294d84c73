import { defineRule } from "../core/rule.js";
import { MESSAGE_KEYS } from "../formats/openai-chat.js";
import { preview, roleOf } from "./util.js";
import { formatMessages } from "./message-lists.js";

/** Keys a message's role does not define are dropped or rejected by the platform. */
export default defineRule({
  meta: {
    id: "message-key-unknown",
    description: "Message keys must be ones its role defines (for example `weight` only on assistant messages).",
    formats: ["openai-chat", "openai-dpo", "openai-rft"],
    defaultSeverity: "warning",
    group: true,
    messages: { unknown: "Unknown key \"{{key}}\" on {{role|a}} message (allowed: {{allowed}})" },
  },
  /** `allow`: more keys per role that the target platform reads (Together: `weight` on user and system messages). */
  defaultOptions: { allow: {} as Record<string, string[]> },
  create(ctx) {
    const more = ctx.options.allow;
    return {
      raw(record, at) {
        for (const [m, mp] of formatMessages(record, ctx.format)) {
          const role = roleOf(m);
          const base = role === undefined || !Object.hasOwn(MESSAGE_KEYS, role) ? undefined : MESSAGE_KEYS[role]; // hasOwn: a "constructor" role is data
          const extra = base && Object.hasOwn(more, role!) ? more[role!] : undefined;
          const allowed = extra ? [...base!, ...extra.filter((k) => !base!.includes(k))] : base;
          if (!allowed) continue;
          for (const key of Object.keys(m)) {
            if (!allowed.includes(key)) {
              ctx.report({ messageId: "unknown", at, path: [...mp, key], data: { key: preview(key), role: role!, allowed: allowed.join(", ") } });
            }
          }
        }
      },
    };
  },
});
