import { defineRule } from "../core/rule.js";
import { roleOf } from "./util.js";
import { formatMessages } from "./message-lists.js";

/** `developer` is accepted by OpenAI's RFT schema but not by the published SFT schema. */
export default defineRule({
  meta: {
    id: "message-role-developer",
    description: "The `developer` role is not in OpenAI's published SFT schema (only in RFT); use `system`.",
    formats: ["openai-chat", "openai-dpo"],
    defaultSeverity: "warning",
    group: true,
    messages: { developer: "Role \"developer\" is not in the published SFT schema; use \"system\"" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        for (const [m, mp] of formatMessages(record, ctx.format)) {
          if (roleOf(m) === "developer") ctx.report({ messageId: "developer", at, path: [...mp, "role"] });
        }
      },
    };
  },
});
