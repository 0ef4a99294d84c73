import { defineRule } from "../core/rule.js";

/**
 * "The same data should not be present in both train and validation files" (OpenAI API reference,
 * `validation_file`): an example on both sides makes the validation loss measure memorisation.
 * Active when a holdout file is given (`lint --holdout`, `validate({ holdout })`, `split`).
 */
export default defineRule({
  meta: {
    id: "holdout-example-duplicate",
    description: "The same example must not be in both the training file and the holdout (validation) file.",
    formats: "*",
    defaultSeverity: "error",
    messages: { leak: "The same example is in the holdout file {{holdoutFile}} on line {{holdoutLine}}" },
  },
  defaultOptions: {},
  create(ctx) {
    const index = ctx.runtime.holdout;
    if (!index) return {};
    return {
      record(example, at) {
        if (example.schemaInvalid) return; // a wrong-typed field reads as no text: the schema error is the finding
        const line = index.exampleLine(example);
        if (line === -1) return;
        ctx.report({
          messageId: "leak",
          at,
          data: { holdoutFile: index.file, holdoutLine: line },
          related: [{ file: index.file, line, message: "same example in the holdout" }],
          hint: "remove it from one side",
        });
      },
    };
  },
});
