import { defineRule } from "../core/rule.js";
import { own, typeOf } from "./util.js";

/** `history` is a list of `[prompt, response]` string pairs (LLaMA-Factory trains the responses too). */
export default defineRule({
  meta: {
    id: "alpaca-history-invalid",
    description: "Alpaca `history` must be a list of [prompt, response] string pairs.",
    formats: ["alpaca"],
    defaultSeverity: "error",
    group: true,
    messages: {
      type: "`history` must be a list of [prompt, response] pairs, found {{type}}",
      pair: "History entry {{index}} must be a [prompt, response] pair of strings",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const history = own(record, "history");
        if (history === undefined || history === null) return;
        if (!Array.isArray(history)) return ctx.report({ messageId: "type", at, path: ["history"], data: { type: typeOf(history) } });
        history.forEach((pair, i) => {
          if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" || typeof pair[1] !== "string") {
            ctx.report({ messageId: "pair", at, path: ["history", i], data: { index: i } });
          }
        });
      },
    };
  },
});
