import { defineRule } from "../core/rule.js";

/**
 * The same prompt (loose normalisation) in training and holdout: the holdout then measures recall
 * of seen prompts, not generalisation. A warning: a different answer may be intended.
 */
export default defineRule({
  meta: {
    id: "holdout-prompt-duplicate",
    description: "A prompt of the training file should not appear in the holdout (validation) file.",
    formats: "*",
    kinds: ["chat", "completion", "preference", "rft"],
    defaultSeverity: "warning",
    messages: { leak: "The same prompt is in the holdout file {{holdoutFile}} on line {{holdoutLine}}" },
  },
  defaultOptions: {},
  create(ctx) {
    const index = ctx.runtime.holdout;
    if (!index) return {};
    return {
      record(example, at) {
        if (example.schemaInvalid) return; // a wrong-typed field reads as no text: the schema error is the finding
        if (index.exampleLine(example) !== -1) return; // reported as holdout-example-duplicate
        const line = index.promptLine(example);
        if (line === -1) return;
        ctx.report({
          messageId: "leak",
          at,
          data: { holdoutFile: index.file, holdoutLine: line },
          related: [{ file: index.file, line, message: "same prompt in the holdout" }],
          hint: "ftdata split keeps each first user message on one side",
        });
      },
    };
  },
});
