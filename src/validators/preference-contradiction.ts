import { defineRule } from "../core/rule.js";
import { key20, preferenceKeys } from "./preference-keys.js";

/** A over B in one row and B over A in another (or a KTO completion labelled both ways) cancel out. */
export default defineRule({
  meta: {
    id: "preference-contradiction",
    description: "The same prompt must not prefer A over B in one row and B over A in another (KTO: the same completion labelled true and false).",
    formats: "*",
    kinds: ["preference"],
    defaultSeverity: "error",
    // It remembers every pair seen so far and reports at the record that contradicts one: one thread, in file order.
    sequential: true,
    messages: {
      pair: "Contradicts line {{otherLine}}: the same prompt prefers the opposite answer there",
      label: "Contradicts line {{otherLine}}: the same prompt and completion are labelled {{otherLabel}} there",
    },
  },
  defaultOptions: {},
  create(ctx) {
    // One fixed-size key per row: memory grows with the row count, never with row size.
    const seen = new Map<string, number>();
    return {
      record(example, at) {
        if (example.schemaInvalid) return; // a wrong-typed field reads as no text: the schema error is the finding
        const k = preferenceKeys(example);
        let own: string;
        let opposite: string;
        if (example.label !== undefined) {
          const completion = k.chosen ?? k.rejected ?? "";
          own = key20(k.prompt + completion + (example.label ? "1" : "0"));
          opposite = key20(k.prompt + completion + (example.label ? "0" : "1"));
        } else {
          if (!k.chosen || !k.rejected || k.chosen === k.rejected) return; // identical pair: its own rule
          // Hashed again: a concatenation kept as a Map key would hold three strings per row.
          own = key20(k.prompt + k.chosen + k.rejected);
          opposite = key20(k.prompt + k.rejected + k.chosen);
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
