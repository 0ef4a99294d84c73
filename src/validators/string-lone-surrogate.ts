import { defineRule } from "../core/rule.js";
import { READER_RULE_MESSAGES } from "../formats/reader-messages.js";

/** Strings must not contain unpaired UTF-16 surrogates (\\uD800-\\uDFFF escapes); Python and most tokenizers reject them. Reported by the JSONL reader. */
export default defineRule({
  meta: {
    id: "string-lone-surrogate",
    description: "Strings must not contain unpaired UTF-16 surrogates (\\uD800-\\uDFFF escapes); Python and most tokenizers reject them.",
    formats: "*",
    defaultSeverity: "error",
    reportedBy: "reader",
    messages: READER_RULE_MESSAGES["string-lone-surrogate"],
  },
  defaultOptions: {},
});
