import { defineRule } from "../core/rule.js";

/** Strings must not contain unpaired UTF-16 surrogates (\\uD800-\\uDFFF escapes); Python and most tokenizers reject them. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "string-lone-surrogate",
    description: "Strings must not contain unpaired UTF-16 surrogates (\\uD800-\\uDFFF escapes); Python and most tokenizers reject them.",
    formats: "*",
    defaultSeverity: "error",
    reader: true,
    messages: { lone: "String contains a lone surrogate escape; it cannot be encoded as UTF-8" },
  },
  defaultOptions: {},
  create: () => ({}),
});
