import { defineRule } from "../core/rule.js";

/**
 * Upload limits per file: OpenAI Files API 512 MB (larger files go through the Uploads API, up to
 * 8 GB), Vertex 1 GB, Together 50.1 GB (SDK constant). Reported by `validate()` from the bytes read
 * (after gzip decompression).
 */
export default defineRule({
  meta: {
    id: "file-too-large",
    description: "The file must not exceed the platform's upload size limit (512 MB for the OpenAI Files API).",
    formats: "*",
    defaultSeverity: "warning",
    reader: true,
    messages: { tooLarge: "The file is {{size}} ({{bytes}} bytes); the limit is {{limit}}" },
  },
  defaultOptions: { maxBytes: 512 * 1024 * 1024 },
  create: () => ({}),
});
