import { defineRule } from "../core/rule.js";
import { describeValue, own, roleOf } from "./util.js";
import { formatMessages } from "./message-lists.js";

/**
 * `weight` is the integer 0 or 1 (not 1.0, not true). OpenAI reads it on assistant messages only;
 * Together reads it on every message (`roles` from `--target together`), and rejects a bad one anywhere.
 */
export default defineRule({
  meta: {
    id: "assistant-weight-invalid",
    description: "An assistant message's `weight` must be the integer 0 or 1 (on every message under `--target together`, which reads weights on all roles).",
    formats: ["openai-chat", "openai-dpo", "openai-rft"],
    defaultSeverity: "error",
    group: true,
    messages: { invalid: "`weight` must be 0 or 1, found {{value}}" },
  },
  defaultOptions: { roles: ["assistant"] as string[] },
  create(ctx) {
    const roles = ctx.options.roles;
    return {
      raw(record, at) {
        for (const [m, mp] of formatMessages(record, ctx.format)) {
          const role = roleOf(m);
          if (role === undefined || !roles.includes(role)) continue;
          const w = own(m, "weight");
          if (w === undefined || w === 0 || w === 1) continue;
          // JSON.parse turns 1.0 into 1, so only the text could tell; 1 and 1.0 are the same number here.
          ctx.report({ messageId: "invalid", at, path: [...mp, "weight"], data: { value: describeValue(w) } });
        }
      },
    };
  },
});
