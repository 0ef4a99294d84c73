import type { CanonicalMessage } from "../core/canonical.js";
import { defineRule } from "../core/rule.js";

const SIDE_NAMES = { chosen: "Preferred answer", rejected: "Non-preferred answer" } as const;

/** An empty side trains the model towards (or away from) saying nothing. */
export default defineRule({
  meta: {
    id: "preference-side-empty",
    description: "Neither answer of a preference pair (nor a KTO completion) may be empty or whitespace-only.",
    formats: "*",
    kinds: ["preference"],
    defaultSeverity: "error",
    messages: {
      empty: "{{side}} is empty",
      whitespace: "{{side}} is only whitespace",
      noMessages: "{{side}} has no message after the shared prompt",
    },
  },
  defaultOptions: {},
  create(ctx) {
    const check = (side: CanonicalMessage[] | undefined, name: string, at: { line: number; record: number }, keyPath: (string | number)[]) => {
      if (side === undefined) return;
      if (side.length === 0) {
        // An absent or malformed column is reported by the format's schema rule.
        if (keyPath.length > 0) ctx.report({ messageId: "noMessages", at, path: keyPath, data: { side: name } });
        return;
      }
      if (side.some((m) => m.toolCalls || m.images > 0)) return;
      // OpenAI messages without any content are the schema rule's (message-content-invalid) finding.
      if (side.every((m) => !m.hasContent && m.path.length > 1)) return;
      const text = side.map((m) => m.text).join("");
      if (text.trim() !== "") return;
      const m = side[0]!;
      ctx.report({ messageId: text === "" ? "empty" : "whitespace", at, path: m.path.length === 1 ? m.path : [...m.path, "content"], data: { side: name } });
    };
    return {
      record(example, at) {
        const raw = example.raw;
        // A conversational pair with an implicit prompt can leave one side with no message of its own.
        const implicit = (key: string) => (example.format === "trl-preference" && !("prompt" in raw) && Array.isArray(raw[key]) ? [key] : []);
        if (example.label !== undefined || example.format === "trl-kto") {
          check(example.chosen ?? example.rejected, "Completion", at, []);
          return;
        }
        check(example.chosen, SIDE_NAMES.chosen, at, implicit("chosen"));
        check(example.rejected, SIDE_NAMES.rejected, at, implicit("rejected"));
      },
    };
  },
});
