import { defineRule } from "../core/rule.js";
import { isContentParts } from "../formats/prompt-completion.js";
import { messageListProblem } from "./prompt-invalid.js";
import { isObject, own, typeOf } from "./util.js";

/** `completion` matches its prompt: a string after a string prompt, assistant messages after a message list. */
export default defineRule({
  meta: {
    id: "completion-invalid",
    description: "`completion` must be a string (standard) or a list of assistant messages (TRL conversational), like its prompt.",
    formats: ["prompt-completion", "trl-prompt-completion"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Record has no `completion`",
      type: "`completion` must be {{expected}}, found {{type}}",
      mixed: "`prompt` is {{promptType}} but `completion` is {{completionType}}; TRL needs both standard or both conversational",
      empty: "`completion` has no messages",
      notObject: "Completion message {{index}} must be an object with `role` and `content`",
      noRole: "Completion message {{index}} has no string `role`",
      noContent: "Completion message {{index}} has no `content` (a string or a list of parts)",
      notAssistant: "Completion message {{index}} has role \"{{role}}\"; completions are assistant turns",
    },
  },
  defaultOptions: {},
  create(ctx) {
    const stringOnly = ctx.format === "prompt-completion";
    return {
      raw(record, at) {
        const c = own(record, "completion");
        if (c === undefined) return ctx.report({ messageId: "missing", at });
        if (typeof c === "string") {
          const p = own(record, "prompt");
          // A prompt of content parts with a string completion is Together's instruction format, not a TRL mix.
          if (Array.isArray(p) && !isContentParts(p)) ctx.report({ messageId: "mixed", at, path: ["completion"], data: { promptType: "a message list", completionType: "a string" } });
          return;
        }
        if (stringOnly && isContentParts(c)) return; // text parts (Together): message-content-invalid checks them
        if (stringOnly || !Array.isArray(c)) {
          return ctx.report({ messageId: "type", at, path: ["completion"], data: { expected: stringOnly ? "a string" : "a string or a list of messages", type: typeOf(c) } });
        }
        if (typeof own(record, "prompt") === "string") ctx.report({ messageId: "mixed", at, path: ["completion"], data: { promptType: "a string", completionType: "a message list" } });
        if (c.length === 0) return ctx.report({ messageId: "empty", at, path: ["completion"] });
        const bad = messageListProblem(c);
        if (bad) return ctx.report({ messageId: bad.problem, at, path: ["completion", bad.index], data: { index: bad.index } });
        c.forEach((m, i) => {
          const role = isObject(m) ? own(m, "role") : undefined;
          if (typeof role === "string" && role !== "assistant") ctx.report({ messageId: "notAssistant", at, path: ["completion", i, "role"], data: { index: i, role } });
        });
      },
    };
  },
});
