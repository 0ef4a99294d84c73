/**
 * The shape of `report.files[i].stats`: shared by `ftdata stats`, the json reporter and the HTML
 * report. Token figures are exact for OpenAI encodings unless `estimated` says otherwise.
 */

/** Summary of a numeric distribution (percentiles by nearest rank). */
export interface Distribution {
  count: number;
  sum: number;
  min: number;
  p5: number;
  p25: number;
  median: number;
  mean: number;
  p75: number;
  p95: number;
  max: number;
}

/** Fixed buckets [lo, hi) with counts, for terminal and SVG histograms. */
export interface Histogram {
  buckets: Array<{ lo: number; hi: number; count: number }>;
}

export interface FileStats {
  /** Model the counts and limits are for, e.g. `gpt-4o-mini-2024-07-18`. */
  model: string;
  /** Tokenizer encoding, e.g. `o200k_base`, or `hf:<path>` for a Hugging Face tokenizer. */
  encoding: string;
  /** True when some counts are estimates (remote images, unknown templates). */
  estimated: boolean;
  examples: number;
  messagesPerExample: Distribution;
  /** Tokens per example: the whole example, and the trained part (assistant weight 1, preferred answer). */
  totalTokens: Distribution;
  trainedTokens: Distribution;
  histogram: { total: Histogram; trained: Histogram };
  /** Message counts by role. */
  roles: Record<string, number>;
  missingSystem: number;
  missingUser: number;
  /** Per-example token limit of the model (undefined when unknown) and how many examples exceed it. */
  limit?: number;
  overLimit: number;
  estimates: {
    /** Σ min(limit, tokens) over examples. */
    billedTokensPerEpoch: number;
    epochs: number;
    billedTokens: number;
    /** USD; null when the price of the model is unknown. */
    costUsd: number | null;
    /** Dated source of the price used. */
    priceSource?: string;
    /** Optimizer steps when a batch size was given. */
    steps?: number;
  };
  /** Images whose size could not be read (remote URLs are never fetched): counted as 0 tokens. */
  imagesUnknown?: number;
  /** Preference datasets: token lengths of each side. */
  preference?: { chosenTokens: Distribution; rejectedTokens: Distribution };
}
