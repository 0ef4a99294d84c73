import { defineRule } from "../core/rule.js";

/** The target platform does not train on this dataset format (e.g. ShareGPT for OpenAI). */
export default defineRule({
  meta: {
    id: "format-unsupported",
    description: "The dataset format must be one the target platform accepts (set by `--target`; off by default).",
    formats: "*",
    defaultSeverity: "off",
    group: true,
    messages: { unsupported: "Format {{format}} is not accepted by {{target}} (accepted: {{formats}})" },
  },
  defaultOptions: { formats: [] as string[], target: "the target" },
  create(ctx) {
    return {
      end() {
        const { formats, target } = ctx.options;
        if (ctx.format && formats.length > 0 && !formats.includes(ctx.format)) {
          const hint = `convert it with \`ftdata convert <file> --to ${formats[0]}\``;
          ctx.report({ messageId: "unsupported", data: { format: ctx.format, target, formats: formats.join(", ") }, hint });
        }
      },
    };
  },
});
