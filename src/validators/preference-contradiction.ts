import { defineRule } from "../core/rule.js";
import { hashKey, messagesText } from "../dedup/keys.js";
import type { CanonicalExample } from "../formats/canonical.js";

/** A over B in one row and B over A in another (or a KTO completion labelled both ways) cancel out. */
export default defineRule({
  meta: {
    id: "preference-contradiction",
    description: "The same prompt must not prefer A over B in one row and B over A in another (KTO: the same completion labelled true and false).",
    formats: "*",
    kinds: ["preference"],
    defaultSeverity: "error",
    messages: {
      pair: "Contradicts line {{otherLine}}: the same prompt prefers the opposite answer there",
      label: "Contradicts line {{otherLine}}: the same prompt and completion are labelled {{otherLabel}} there",
    },
  },
  defaultOptions: {},
  create(ctx) {
    // One fixed-size key per row: memory grows with the row count, never with row size.
    const seen = new Map<string, number>();
    const sep = "\x1d";
    const prompt = (ex: CanonicalExample) => messagesText(ex.messages, "standard") + sep + JSON.stringify(ex.tools ?? null);
    return {
      record(example, at) {
        const p = prompt(example);
        let own: string;
        let opposite: string;
        if (example.label !== undefined) {
          const completion = messagesText(example.chosen ?? example.rejected, "standard");
          own = hashKey(p + sep + completion + sep + example.label);
          opposite = hashKey(p + sep + completion + sep + !example.label);
        } else {
          if (!example.chosen?.length || !example.rejected?.length) return;
          const c = messagesText(example.chosen, "standard");
          const r = messagesText(example.rejected, "standard");
          if (c === r) return; // identical pair: its own rule
          own = hashKey(p + sep + c + sep + r);
          opposite = hashKey(p + sep + r + sep + c);
        }
        const other = seen.get(opposite);
        if (other !== undefined) {
          ctx.report({
            messageId: example.label !== undefined ? "label" : "pair",
            at,
            data: example.label !== undefined ? { otherLine: other, otherLabel: String(!example.label) } : { otherLine: other },
            related: [{ file: ctx.file, line: other, message: "the opposite preference" }],
          });
        }
        if (!seen.has(own)) seen.set(own, at.line);
      },
    };
  },
});
