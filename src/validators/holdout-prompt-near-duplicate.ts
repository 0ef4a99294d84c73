import { defineRule } from "../core/rule.js";
import { NEAR_DUP_DEFAULT_MAX_RECORDS } from "../dedup/keys.js";

/**
 * A near-duplicate prompt (MinHash, estimated Jaccard ≥ 0.8) in training and holdout. One MinHash
 * signature per training prompt, so like `example-near-duplicate` it runs by default up to
 * `maxRecords` training records and `nearDup: true` (`--near-dup`) lifts the cap.
 */
export default defineRule({
  meta: {
    id: "holdout-prompt-near-duplicate",
    description: "A prompt of the training file should not have a near duplicate in the holdout (validation) file.",
    formats: "*",
    kinds: ["chat", "completion", "preference", "rft"],
    defaultSeverity: "warning",
    messages: {
      leak: "A near-duplicate prompt (similarity ≈ {{similarity}}) is in the holdout file {{holdoutFile}} on line {{holdoutLine}}",
      skipped: "Near-duplicate prompt check against the holdout skipped past {{max}} records (run with --near-dup to include it)",
    },
  },
  defaultOptions: { maxRecords: NEAR_DUP_DEFAULT_MAX_RECORDS as number },
  create(ctx) {
    const index = ctx.runtime.holdout;
    if (!index) return {};
    const max = ctx.runtime.nearDup === true ? Number.POSITIVE_INFINITY : ctx.options.maxRecords;
    let seen = 0;
    return {
      record(example, at) {
        if (example.schemaInvalid) return; // a wrong-typed field reads as no text: the schema error is the finding
        if (++seen > max) return;
        if (index.promptLine(example) !== -1) return; // same prompt: reported by the exact rules
        const hit = index.nearPrompt(example);
        if (!hit) return;
        ctx.report({
          messageId: "leak",
          at,
          data: { holdoutFile: index.file, holdoutLine: hit.line, similarity: hit.similarity },
          related: [{ file: index.file, line: hit.line, message: "near-duplicate prompt in the holdout" }],
        });
      },
      end() {
        if (seen > max) ctx.report({ messageId: "skipped", data: { max } });
      },
    };
  },
});
