import { defineRule } from "../core/rule.js";

/**
 * Role order. Off by default (OpenAI accepts two user turns in a row, e.g. text then image); turned on
 * by `--target`: strict user/assistant alternation for Together ("After the optional system message,
 * conversation roles must alternate", together-python utils/files.py) and Bedrock (Converse), or an
 * explicit transition table for Mistral (mistral-common validator.py).
 */
export default defineRule({
  meta: {
    id: "conversation-role-alternation",
    description: "Turns must follow the platform's role order: strict user/assistant alternation after an optional system message, or a transition table.",
    formats: "*",
    kinds: ["chat", "completion"],
    defaultSeverity: "off",
    messages: {
      repeated: "Two {{role}} messages in a row (positions {{prev}} and {{index}}); roles must alternate user/assistant",
      first: "The conversation starts with {{role}}; after the optional system message the first turn must be user",
      transition: "{{to|a}} message cannot follow {{from|a}} message (position {{index}})",
      firstOf: "The conversation starts with {{role}}; it must start with {{allowed}}",
    },
  },
  defaultOptions: {
    /** Allowed next roles per role; null means strict user/assistant alternation (tool results may follow tool calls). */
    transitions: null as Record<string, string[]> | null,
    /** With a transition table: roles the first message may have (empty: any). */
    first: [] as string[],
  },
  create(ctx) {
    const table = ctx.options.transitions;
    return {
      record(example, at) {
        const ms = example.messages;
        if (table) {
          const first = ms[0];
          if (first && ctx.options.first.length > 0 && !ctx.options.first.includes(first.role)) {
            ctx.report({ messageId: "firstOf", at, path: first.path, data: { role: first.role, allowed: ctx.options.first.join(" or ") } });
          }
          for (let i = 1; i < ms.length; i++) {
            const from = ms[i - 1]!.role;
            const to = ms[i]!.role;
            const allowed = table[from];
            if (allowed && !allowed.includes(to)) ctx.report({ messageId: "transition", at, path: ms[i]!.path, data: { from, to, index: i } });
          }
          return;
        }
        let prev: { role: string; index: number } | undefined;
        let started = false;
        for (let i = 0; i < ms.length; i++) {
          const m = ms[i]!;
          if (m.role === "system" || m.role === "developer") continue; // system-message-position reports late ones
          if (!started) {
            started = true;
            if (m.role !== "user") ctx.report({ messageId: "first", at, path: m.path, data: { role: m.role } });
          }
          if (m.role === "tool" || m.role === "function") {
            prev = { role: "tool", index: i };
            continue;
          }
          if (prev && prev.role === m.role) ctx.report({ messageId: "repeated", at, path: m.path, data: { role: m.role, prev: prev.index, index: i } });
          prev = { role: m.role, index: i };
        }
      },
    };
  },
});
