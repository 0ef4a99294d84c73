import { defineRule } from "../core/rule.js";

/** The prompt of a preference pair or an RFT item is what the model answers: it must not end with the answer. */
export default defineRule({
  meta: {
    id: "prompt-last-assistant",
    description: "The prompt of an OpenAI preference pair (`input.messages`) or RFT item (`messages`) must not end with an assistant message.",
    formats: ["openai-dpo", "openai-rft"],
    defaultSeverity: "error",
    messages: {
      preference: "`input.messages` ends with an assistant message; the preferred and non-preferred outputs are the assistant's answer",
      rft: "`messages` ends with an assistant message; an RFT item ends with the user (or developer) turn the model answers, and the reference answer goes in a separate field",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        const last = example.messages[example.messages.length - 1];
        if (last?.role !== "assistant") return;
        ctx.report({ messageId: example.kind === "rft" ? "rft" : "preference", at, path: [...last.path, "role"] });
      },
    };
  },
});
