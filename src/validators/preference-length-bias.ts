import { defineRule } from "../core/rule.js";
import type { CanonicalMessage } from "../core/canonical.js";

const length = (side: readonly CanonicalMessage[]) => side.reduce((n, m) => n + m.text.length, 0);

/** DPO exploits length: if the preferred answer is usually the longer one, the model learns "longer is better" (Park et al. 2024, arXiv 2403.19159). */
export default defineRule({
  meta: {
    id: "preference-length-bias",
    description: "Warns when 70% or more of the pairs prefer the longer answer, or the median length ratio preferred/non-preferred is 1.5 or more (lengths in characters).",
    formats: "*",
    kinds: ["preference"],
    defaultSeverity: "warning",
    messages: {
      bias: "Length bias: {{share}}% of {{pairs}} pairs prefer the longer answer and the median length ratio preferred/non-preferred is {{ratio}} (thresholds: {{maxShare}}% or {{maxRatio}}); DPO may learn that longer is better",
    },
  },
  defaultOptions: { minPairs: 10, maxShare: 0.7, maxRatio: 1.5 },
  create(ctx) {
    const { minPairs, maxShare, maxRatio } = ctx.options;
    // One number per pair: bounded by the row count, like the duplicate keys.
    const ratios: number[] = [];
    let longer = 0;
    return {
      record(example) {
        if (example.label !== undefined || !example.chosen?.length || !example.rejected?.length) return;
        const c = length(example.chosen);
        const r = length(example.rejected);
        if (c === 0 || r === 0) return;
        if (c > r) longer++;
        ratios.push(c / r);
      },
      end() {
        if (ratios.length === 0 || ratios.length < minPairs) return;
        ratios.sort((a, b) => a - b);
        const mid = ratios.length >> 1;
        const median = ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
        const share = longer / ratios.length;
        if (share < maxShare && median < maxRatio) return;
        ctx.report({
          messageId: "bias",
          data: {
            share: Math.round(share * 1000) / 10,
            pairs: ratios.length,
            ratio: Math.round(median * 100) / 100,
            maxShare: Math.round(maxShare * 100),
            maxRatio,
          },
        });
      },
    };
  },
});
