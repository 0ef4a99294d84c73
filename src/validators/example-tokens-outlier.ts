import { defineRule } from "../core/rule.js";

export interface Options {
  /** Flag examples above this multiple of the file's median length… */
  factor: number;
  /** …and above p75 + iqr × (p75 − p25) (Tukey's far-out fence for iqr = 3). */
  iqr: number;
  /** Files with fewer examples have no meaningful "typical length". */
  minExamples: number;
  /** At most this many examples are listed; the rest are summed up in one line. */
  maxReports: number;
}

/**
 * Examples far longer than the rest of the file are often pasted logs, base64 blobs or joined
 * conversations; they also dominate the cost. Needs token counts (lint --model, stats).
 * Memory: 8 bytes per example (count and line), for the percentiles at the end.
 */
export default defineRule({
  meta: {
    id: "example-tokens-outlier",
    description: "Examples far above the file's typical token length (several times the median and beyond the far-out fence).",
    formats: "*",
    defaultSeverity: "info",
    messages: {
      outlier: "Example has {{count}} tokens, {{ratio}}× the file's median of {{median}}",
      more: "{{count|plural:more example is:more examples are}} far above the file's median of {{median}} tokens (threshold {{threshold}})",
    },
    schema: (z) =>
      z.strictObject({
        factor: z.optional(z.number().check(z.gt(0), z.describe("Flag examples above this multiple of the file's median length (default 4)…"))),
        iqr: z.optional(z.number().check(z.gte(0), z.describe("…and above p75 + iqr × (p75 − p25) (default 3)."))),
        minExamples: z.optional(z.int().check(z.minimum(1), z.describe("Files with fewer examples are not checked (default 20)."))),
        maxReports: z.optional(z.int().check(z.minimum(0), z.describe("At most this many examples are listed; the rest are summed up (default 25)."))),
      }),
  },
  defaultOptions: { factor: 4, iqr: 3, minExamples: 20, maxReports: 25 } as Options,
  create(ctx) {
    let counts = new Uint32Array(1024);
    let lines = new Uint32Array(1024);
    let records = new Uint32Array(1024);
    let n = 0;
    return {
      keyed: {
        of: "example",
        words: 1,
        key(example, _at, out, o) {
          const t = example.tokens;
          if (!t) return false;
          out[o] = t.total;
          return true;
        },
        collect(key, o, at) {
          if (n === counts.length) {
            const grow = (a: Uint32Array) => {
              const b = new Uint32Array(a.length * 2);
              b.set(a);
              return b;
            };
            counts = grow(counts);
            lines = grow(lines);
            records = grow(records);
          }
          counts[n] = key[o]!;
          lines[n] = at.line;
          records[n] = at.record;
          n++;
        },
      },
      end() {
        const o = ctx.options;
        if (n < o.minExamples) return;
        const sorted = counts.slice(0, n).sort();
        const rank = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
        const median = rank(50);
        const p25 = rank(25);
        const p75 = rank(75);
        const threshold = Math.max(o.factor * median, p75 + o.iqr * (p75 - p25));
        let reported = 0;
        let rest = 0;
        for (let i = 0; i < n; i++) {
          const c = counts[i]!;
          if (c <= threshold) continue;
          if (reported < o.maxReports) {
            reported++;
            ctx.report({ messageId: "outlier", at: { line: lines[i]!, record: records[i]! }, data: { count: c, ratio: median > 0 ? Math.round((c / median) * 10) / 10 : "∞", median } });
          } else rest++;
        }
        if (rest > 0) ctx.report({ messageId: "more", data: { count: rest, median, threshold: Math.floor(threshold) } });
      },
    };
  },
});
