import type { CanonicalExample } from "../core/canonical.js";
import { contentText, MINHASH_PERMUTATIONS, minhashSignature } from "./keys.js";
import { exampleWithMediaHash as exampleHash, promptWithMediaHash as promptHash } from "./media.js";
import { NearDupIndex } from "./near.js";
import { ChunkedU32, KeyTable } from "./table.js";

/**
 * The holdout side of a leakage check: exact example keys, prompt keys and prompt MinHash
 * signatures of the (smaller) holdout file, so the training file streams through it and memory
 * grows with the holdout only.
 */
export class HoldoutIndex {
  readonly examples = new KeyTable();
  readonly prompts = new KeyTable();
  readonly near = new NearDupIndex();
  private readonly nearLines = new ChunkedU32();
  private readonly sig = new Uint8Array(MINHASH_PERMUTATIONS);
  records = 0;

  /** `near: false` skips the prompt signatures (when the near-duplicate prompt rule is off). */
  constructor(
    readonly file: string,
    readonly withNear = true,
  ) {}

  add(ex: CanonicalExample, line: number): void {
    this.records++;
    this.examples.getOrInsert(exampleHash(ex), line);
    const p = promptHash(ex);
    if (p) this.prompts.getOrInsert(p, line);
    const s = this.withNear ? minhashSignature(contentText(ex, "prompt"), this.sig) : undefined;
    if (s) {
      this.near.add(s);
      this.nearLines.push(line);
    }
  }

  /** Line of the same example in the holdout, or -1. */
  exampleLine(ex: CanonicalExample): number {
    return this.examples.get(exampleHash(ex));
  }

  /** Line of the same prompt (loose normalisation, same media) in the holdout, or -1. */
  promptLine(ex: CanonicalExample): number {
    const p = promptHash(ex);
    return p ? this.prompts.get(p) : -1;
  }

  /** The holdout line whose prompt is a near duplicate of this example's prompt. */
  nearPrompt(ex: CanonicalExample): { line: number; similarity: number } | undefined {
    const s = minhashSignature(contentText(ex, "prompt"), this.sig);
    if (!s) return undefined;
    const hit = this.near.query(s);
    return hit ? { line: this.nearLines.get(hit.index), similarity: Math.round(hit.similarity * 100) / 100 } : undefined;
  }
}
