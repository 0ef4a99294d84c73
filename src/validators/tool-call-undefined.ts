import { defineRule } from "../core/rule.js";

/** When an example defines tools, every call names one of them. */
export default defineRule({
  meta: {
    id: "tool-call-undefined",
    description: "A tool call must name a function defined in the example's `tools` (when it defines any).",
    formats: "*",
    kinds: ["chat", "preference", "rft"],
    defaultSeverity: "error",
    group: true,
    messages: { undefined: "Tool call names \"{{name}}\", which is not in `tools` (defined: {{defined}})" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        if (!example.tools || example.tools.length === 0) return;
        const defined = new Set(example.tools.map((t) => t.name));
        for (const m of [...example.messages, ...(example.chosen ?? []), ...(example.rejected ?? [])]) {
          m.toolCalls?.forEach((c, j) => {
            if (c.name !== "" && !defined.has(c.name)) {
              ctx.report({ messageId: "undefined", at, path: c.namePath ?? [...m.path, "tool_calls", j, "function", "name"], data: { name: c.name, defined: [...defined].join(", ") } });
            }
          });
        }
      },
    };
  },
});
