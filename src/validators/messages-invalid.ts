import { defineRule } from "../core/rule.js";
import { own, typeOf } from "./util.js";

/** A chat record needs a non-empty `messages` array. */
export default defineRule({
  meta: {
    id: "messages-invalid",
    description: "A chat record must have a non-empty `messages` array.",
    formats: ["openai-chat", "openai-rft"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Record has no `messages` key",
      notArray: "`messages` must be an array, found {{type}}",
      empty: "`messages` is empty",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const messages = own(record, "messages");
        if (messages === undefined) ctx.report({ messageId: "missing", at });
        else if (!Array.isArray(messages)) ctx.report({ messageId: "notArray", at, path: ["messages"], data: { type: typeOf(messages) } });
        else if (messages.length === 0) ctx.report({ messageId: "empty", at, path: ["messages"] });
      },
    };
  },
});
