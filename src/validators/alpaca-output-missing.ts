import { defineRule } from "../core/rule.js";
import { own, typeOf } from "./util.js";

/** `output` is the trained answer; without a string output there is nothing to train on. */
export default defineRule({
  meta: {
    id: "alpaca-output-missing",
    description: "An Alpaca record needs a string `output` (the trained answer).",
    formats: ["alpaca"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Record has no `output`: nothing to train on",
      type: "`output` must be a string, found {{type}}",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const output = own(record, "output");
        if (output === undefined) {
          const hint = "response" in record ? "`response` is the alpaca_chat/gpteacher name; LLaMA-Factory and Alpaca read `output`" : undefined;
          ctx.report({ messageId: "missing", at, ...(hint ? { hint } : {}) });
        } else if (typeof output !== "string") {
          ctx.report({ messageId: "type", at, path: ["output"], data: { type: typeOf(output) } });
        }
      },
    };
  },
});
