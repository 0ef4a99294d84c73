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
 * its line count (a plain file), or from its size read so far.
 */
/** Advice about the CLI flag stays out of the message: a library user sets `nearDup: true` instead. */
export const NEAR_DUP_HINT = "run with --near-dup (validate: nearDup: true) to include it";

export default defineRule({
  meta: {
    id: "example-near-duplicate",
    description: "Examples that are almost the same (estimated Jaccard similarity ≥ 0.8 of their word or character 5-grams); examples with images, video or audio are left out.",
    formats: "*",
    defaultSeverity: "info",
    messages: {
      near: "Near duplicate of the example on line {{firstLine}} (similarity ≈ {{similarity}})",
      skipped: "Near-duplicate detection skipped: more than {{max}} records",
      skippedLines: "Near-duplicate detection skipped: {{lines}} lines, more than {{max}}",
    },
    schema: (z) =>
      z.strictObject({
        maxRecords: z.optional(z.int().check(z.minimum(1), z.describe("Skip the check past this many records unless near-duplicate detection is asked for (`--near-dup`, `nearDup: true`)."))),
        threshold: z.optional(z.number().check(z.gt(0), z.lte(1), z.describe("Estimated Jaccard similarity from which two examples are near-duplicates, 0–1."))),
      }),
  },
  defaultOptions: { maxRecords: NEAR_DUP_DEFAULT_MAX_RECORDS as number, threshold: NEAR_DUP_THRESHOLD },
  create(ctx) {
    const max = ctx.runtime.nearDup === true ? Number.POSITIVE_INFINITY : ctx.options.maxRecords;
    let index: NearDupIndex | undefined = new NearDupIndex(ctx.options.threshold);
    let lines = new ChunkedU32();
    let exact = new ChunkedU32();
    let seen = 0;
    let skippedFor: number | undefined;
    /**
     * Lines of a file over the cap, when it is: skip it now. A plain file's line count (a fast second
     * read) decides; for other inputs, the size read so far, extrapolated.
     */
    const linesOver = (): number | undefined => {
      const n = ctx.lineCount?.();
      if (n !== undefined) return n > max ? n : undefined;
      const estimate = ctx.estimatedRecords?.() ?? 0;
      return estimate > max * 1.5 ? 0 : undefined;
    };
    /** Counts an example; false once the file is known to be over the cap (its signatures are then freed). */
    const within = (): boolean => {
      if (!index) return false;
      if (seen === 200) skippedFor = linesOver();
      if (++seen > max || skippedFor !== undefined) {
        index = undefined;
        lines = new ChunkedU32();
        exact = new ChunkedU32();
        return false;
      }
      return true;
    };
    // The key (word 0: 1 = counted without a signature, 2 = with one; word 1: the exact hash; then the
    // signature's bytes). A shard decides to skip as the file's runner does (from the line count, at
    // the 200th example), so every key the file's runner uses is made.
    const worker = { seen: 0, skipped: false };
    return {
      keyed: {
        of: "example",
        words: 2 + MINHASH_PERMUTATIONS / 4,
        key(example, _at, out, o) {
          if (example.schemaInvalid) return false; // a wrong-typed field reads as no text: the schema error is the finding
          if (worker.skipped) return false;
          out[o] = 1;
          // The example at which the cap is found passed still gives a key: the collector decides on it too.
          if ((worker.seen === 200 && linesOver() !== undefined) || ++worker.seen > max) {
            worker.skipped = true;
            return true;
          }
          // Text alone says nothing about the images: "<image>Who are they?" over two photos is not a near duplicate.
          if (exampleMediaKey(example) !== "") return true;
          const s = minhashSignature(contentText(example), new Uint8Array(out.buffer, out.byteOffset + (o + 2) * 4, MINHASH_PERMUTATIONS));
          if (!s) return true;
          out[o] = 2;
          out[o + 1] = exampleHash(example)[0]!;
          return true;
        },
        collect(k, o, at) {
          if (!within() || k[o] !== 2) return;
          index!.add(new Uint8Array(k.buffer, k.byteOffset + (o + 2) * 4, MINHASH_PERMUTATIONS));
          lines.push(at.line);
          exact.push(k[o + 1]!);
        },
      },
      end() {
        if (!index) {
          if (skippedFor) ctx.report({ messageId: "skippedLines", data: { lines: skippedFor, max }, hint: NEAR_DUP_HINT });
          else ctx.report({ messageId: "skipped", data: { max }, hint: NEAR_DUP_HINT });
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
