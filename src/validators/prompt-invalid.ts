import { defineRule } from "../core/rule.js";
import type { JsonObject, JsonValue } from "../core/canonical.js";
import { isContentParts } from "../formats/prompt-completion.js";
import { isObject, own, typeOf } from "./util.js";

/** Checks a TRL conversational message list; returns the first problem with its index. */
export function messageListProblem(list: JsonValue[]): { index: number; problem: "notObject" | "noRole" | "noContent" } | undefined {
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (!isObject(m)) return { index: i, problem: "notObject" };
    if (typeof own(m, "role") !== "string") return { index: i, problem: "noRole" };
    const c = own(m, "content");
    if (typeof c !== "string" && !Array.isArray(c) && !("tool_calls" in m)) return { index: i, problem: "noContent" };
  }
  return undefined;
}

/** `prompt` is a string (standard) or a list of {role, content} messages (conversational). */
export default defineRule({
  meta: {
    id: "prompt-invalid",
    description: "`prompt` must be a string (or a list of text and image_url content parts: Together's instruction format) or, for TRL conversational data, a non-empty list of {role, content} messages.",
    formats: ["prompt-completion", "trl-prompt", "trl-prompt-completion"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Record has no `prompt`",
      type: "`prompt` must be {{expected}}, found {{type}}",
      empty: "`prompt` is empty",
      notObject: "Prompt message {{index}} must be an object with `role` and `content`",
      noRole: "Prompt message {{index}} has no string `role`",
      noContent: "Prompt message {{index}} has no `content` (a string or a list of parts)",
    },
  },
  defaultOptions: {},
  create(ctx) {
    const stringOnly = ctx.format === "prompt-completion";
    return {
      raw(record: JsonObject, at) {
        const p = own(record, "prompt");
        if (p === undefined) return ctx.report({ messageId: "missing", at });
        if (typeof p === "string") {
          if (p.trim() === "" && ctx.format === "trl-prompt") ctx.report({ messageId: "empty", at, path: ["prompt"] });
          return;
        }
        // Together's instruction format: text and image_url parts (message-content-invalid checks the parts).
        if (stringOnly && isContentParts(p)) return;
        if (stringOnly || !Array.isArray(p)) {
          const hint = stringOnly && Array.isArray(p) ? "message lists are TRL conversational data: use --format trl-prompt-completion" : undefined;
          return ctx.report({ messageId: "type", at, path: ["prompt"], data: { expected: stringOnly ? "a string" : "a string or a list of messages", type: typeOf(p) }, ...(hint ? { hint } : {}) });
        }
        if (p.length === 0) return ctx.report({ messageId: "empty", at, path: ["prompt"] });
        const bad = messageListProblem(p);
        if (bad) ctx.report({ messageId: bad.problem, at, path: ["prompt", bad.index], data: { index: bad.index } });
      },
    };
  },
});
