import { defineRule } from "../core/rule.js";
import { DPO_LEGACY_KEYS } from "../formats/openai-dpo.js";
import { own } from "./util.js";

/** The OpenAPI spec named the outputs *_completion until 2025-07; OpenAI now reads only *_output. */
export default defineRule({
  meta: {
    id: "preference-field-legacy",
    description: "OpenAI preference rows use `preferred_output` / `non_preferred_output`; the old `*_completion` names are not read.",
    formats: ["openai-dpo"],
    defaultSeverity: "error",
    group: true,
    messages: { legacy: "`{{old}}` is the old name of `{{current}}`; rename the key to `{{current}}`" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        for (const [old, current] of Object.entries(DPO_LEGACY_KEYS)) {
          if (own(record, old) !== undefined) ctx.report({ messageId: "legacy", at, path: [old], data: { old, current } });
        }
      },
    };
  },
});
