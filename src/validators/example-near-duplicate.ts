import { defineRule } from "../core/rule.js";
import { NEAR_DUP_DEFAULT_MAX_RECORDS, contentText, exampleHash, MINHASH_PERMUTATIONS, minhashSignature, NEAR_DUP_THRESHOLD } from "../dedup/keys.js";
import { exampleMediaKey } from "../dedup/media.js";
import { NearDupIndex } from "../dedup/near.js";
import { ChunkedU32 } from "../dedup/table.js";

/**
 * Near duplicates (MinHash + LSH over the user/assistant text, system prompts left out so a shared
 * system prompt does not make everything alike). 128 bytes per record, so it runs by default only
 * up to `maxRecords` records; `--near-dup` (validate's `nearDup: true`) lifts the cap. A file is
 * skipped as soon as it is known to be over the cap, not after signing `maxRecords` records: from
 * its size, or, when its size says it might be, from its line count.
 */
export default defineRule({
  meta: {
    id: "example-near-duplicate",
    description: "Examples that are almost the same (estimated Jaccard similarity ≥ 0.8 of their word or character 5-grams); examples with images, video or audio are left out.",
    formats: "*",
    defaultSeverity: "info",
    messages: {
      near: "Near duplicate of the example on line {{firstLine}} (similarity ≈ {{similarity}})",
      skipped: "Near-duplicate detection skipped: more than {{max}} records (run with --near-dup to include it)",
      skippedLines: "Near-duplicate detection skipped: {{lines}} lines, more than {{max}} (run with --near-dup to include it)",
    },
  },
  defaultOptions: { maxRecords: NEAR_DUP_DEFAULT_MAX_RECORDS as number, threshold: NEAR_DUP_THRESHOLD },
  create(ctx) {
    const max = ctx.runtime.nearDup === true ? Number.POSITIVE_INFINITY : ctx.options.maxRecords;
    let index: NearDupIndex | undefined = new NearDupIndex(ctx.options.threshold);
    let lines = new ChunkedU32();
    let exact = new ChunkedU32();
    const sig = new Uint8Array(MINHASH_PERMUTATIONS);
    let seen = 0;
    let skippedFor: number | undefined;
    /** Lines of a file that may be over the cap (from its size so far), when they are: skip it now. */
    const linesOver = (): number | undefined => {
      const estimate = ctx.estimatedRecords?.() ?? 0;
      if (estimate > max * 1.5) return 0;
      if (estimate <= max / 2) return undefined;
      const n = ctx.lineCount?.();
      return n !== undefined && n > max ? n : undefined;
    };
    return {
      record(example, at) {
        if (example.schemaInvalid) return; // a wrong-typed field reads as no text: the schema error is the finding
        if (!index) return;
        if (seen === 200) skippedFor = linesOver();
        if (++seen > max || skippedFor !== undefined) {
          // Past the cap: free the signatures now and say so at the end.
          index = undefined;
          lines = new ChunkedU32();
          exact = new ChunkedU32();
          return;
        }
        // Text alone says nothing about the images: "<image>Who are they?" over two photos is not a near duplicate.
        if (exampleMediaKey(example) !== "") return;
        const s = minhashSignature(contentText(example), sig);
        if (!s) return;
        index.add(s);
        lines.push(at.line);
        exact.push(exampleHash(example)[0]!);
      },
      end() {
        if (!index) {
          if (skippedFor) ctx.report({ messageId: "skippedLines", data: { lines: skippedFor, max } });
          else ctx.report({ messageId: "skipped", data: { max } });
          return;
        }
        for (const members of index.clusters()) {
          const first = members[0]!;
          const firstExact = exact.get(first);
          if (members.every((m) => exact.get(m) === firstExact)) continue; // exact duplicates: example-duplicate
          let lowest = 1;
          for (const m of members.slice(1)) {
            if (exact.get(m) === firstExact) continue;
            const similarity = Math.round(index.similarity(first, m) * 100) / 100;
            lowest = Math.min(lowest, similarity);
            ctx.report({
              messageId: "near",
              at: { line: lines.get(m), record: -1 },
              data: { firstLine: lines.get(first), similarity },
              related: [{ file: ctx.file, line: lines.get(first), message: "first of the cluster" }],
            });
          }
          ctx.cluster?.({ kind: "near-duplicate", lines: members.map((m) => lines.get(m)), similarity: lowest });
        }
      },
    };
  },
});
