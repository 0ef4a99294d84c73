import { defineRule } from "../core/rule.js";
import type { FormatId, JsonObject } from "../core/canonical.js";
import { lfLoaderProblems, presetAttr, type LfAttr } from "../formats/llamafactory.js";

function attrFor(format: FormatId | undefined, record: JsonObject): LfAttr | undefined {
  if (format === "sharegpt-ranking") return presetAttr("sharegpt-ranking", record);
  if (format === "alpaca-ranking") return presetAttr("alpaca-ranking", record);
  if (format === "llamafactory-kto") return presetAttr("kto", record);
  if (format === "llamafactory-messages") return presetAttr("messages", record);
  return undefined;
}

/**
 * Rows LLaMA-Factory skips while loading (converter.py, processor/*.py @ ff6d4d12eeb0): it logs
 * "Invalid role tag", "Invalid message count" or "Dropped invalid example" and trains on without
 * them, so a file can lose rows with no error. (Plain ShareGPT and Alpaca rows: sharegpt-role-invalid
 * and alpaca-output-missing.)
 */
export default defineRule({
  meta: {
    id: "llamafactory-example-invalid",
    description: "Rows of LLaMA-Factory's ranking, KTO and media layouts must pass its loader: alternating user/assistant turns, the right turn count, assistant answers, a boolean label.",
    formats: ["sharegpt-ranking", "alpaca-ranking", "llamafactory-kto", "llamafactory-messages"],
    defaultSeverity: "error",
    messages: {
      position: "Turn {{index}} is \"{{tag}}\" but position {{position}} must be {{expected}}; LLaMA-Factory skips this example (\"Invalid role tag\")",
      count: "The conversation has {{count}} turns; LLaMA-Factory needs {{need}} and skips this example (\"Invalid message count\")",
      sideRole: "`{{side}}` is a \"{{tag}}\" turn; LLaMA-Factory needs {{expected}} and skips this example",
      sideMissing: "`{{side}}` must be a {{type}}; LLaMA-Factory drops this example (\"Dropped invalid example\")",
      noResponse: "`{{column}}` holds no answer; LLaMA-Factory drops this example (\"Dropped invalid example\")",
      label: "`{{column}}` must be true or false, found {{value}}; LLaMA-Factory does not read this row as KTO",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const attr = attrFor(ctx.format, record);
        if (!attr) return;
        for (const p of lfLoaderProblems(record, attr)) ctx.report({ messageId: p.messageId, at, path: p.path, data: p.data });
      },
    };
  },
});
