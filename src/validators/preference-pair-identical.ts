import { defineRule } from "../core/rule.js";
import { messagesText } from "../dedup/keys.js";

/** chosen == rejected gives DPO no signal: the loss sits at ln 2 with zero gradient (OpenRLHF #1311). */
export default defineRule({
  meta: {
    id: "preference-pair-identical",
    description: "The preferred and non-preferred answers of a pair must differ (compared after whitespace normalisation).",
    formats: "*",
    kinds: ["preference"],
    defaultSeverity: "error",
    messages: { identical: "Preferred and non-preferred answers are identical after whitespace normalisation: the pair teaches nothing" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        if (example.schemaInvalid) return; // a wrong-typed field reads as no text: the schema error is the finding
        const { chosen, rejected } = example;
        if (!chosen?.length || !rejected?.length) return;
        const a = messagesText(chosen, "standard");
        if (a !== messagesText(rejected, "standard")) return;
        // Two empty answers are the empty-side rule's finding.
        if (chosen.every((m) => m.text.trim() === "" && !m.toolCalls && m.images === 0)) return;
        const path = rejected[0]!.path.length === 1 ? rejected[0]!.path : [...rejected[0]!.path, "content"];
        ctx.report({ messageId: "identical", at, path, related: [{ file: ctx.file, line: at.line, path: "/" + chosen[0]!.path.join("/"), message: "preferred answer" }] });
      },
    };
  },
});
