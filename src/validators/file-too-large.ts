import { defineRule } from "../core/rule.js";

function human(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/**
 * Upload limits per file: OpenAI Files API 512 MB (larger files go through the Uploads API, up to
 * 8 GB), Vertex 1 GB, Together 50.1 GB (SDK constant). Checked at the end of the file from the bytes
 * read (after gzip decompression).
 */
export default defineRule({
  meta: {
    id: "file-too-large",
    description: "The file must not exceed the platform's upload size limit (512 MB for the OpenAI Files API).",
    formats: "*",
    defaultSeverity: "warning",
    messages: { tooLarge: "The file is {{size}} ({{bytes}} bytes); the limit is {{limit}}" },
    schema: (z) =>
      z.strictObject({
        maxBytes: z.optional(z.int().check(z.minimum(0), z.describe("Largest file in bytes, after decompression (default 512 MiB; 0: no limit)."))),
      }),
  },
  defaultOptions: { maxBytes: 512 * 1024 * 1024 },
  create(ctx) {
    return {
      end() {
        const max = ctx.options.maxBytes;
        const bytes = ctx.bytesRead?.() ?? 0;
        if (max > 0 && bytes > max) ctx.report({ messageId: "tooLarge", data: { bytes, size: human(bytes), limit: human(max) } });
      },
    };
  },
});
