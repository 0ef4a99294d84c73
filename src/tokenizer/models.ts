/**
 * OpenAI models ftdata knows: encoding, per-example training limit, training price, vision method.
 * Every figure carries its source and the date it was read; unknown figures stay undefined rather
 * than guessed. Sources are the ids of /work/shared/reference/formats.md §1.5, §4, §5:
 * AZ-MODELS (Azure OpenAI fine-tuning model table), OAI-FT-GUIDE (OpenAI fine-tuning guide),
 * PRICE (OpenAI pricing page, fine-tuning section), VISION-COST (OpenAI vision guide as quoted),
 * TIKTOKEN (openai/tiktoken model.py), CB-TOK (OpenAI cookbook, counting tokens).
 */

export type Encoding = "o200k_base" | "cl100k_base";

/** How an image becomes tokens on a model. */
export type VisionMethod =
  | { kind: "tile"; base: number; tile: number }
  | { kind: "patch"; multiplier: number };

export interface ModelInfo {
  /** Canonical snapshot name, e.g. `gpt-4o-mini-2024-07-18`. */
  id: string;
  encoding: Encoding;
  /** Maximum tokens per training example; longer examples are truncated from the end. */
  limit?: number;
  limitSource?: string;
  /** USD per 1M training tokens. */
  trainPrice?: number;
  priceSource?: string;
  vision?: VisionMethod;
  /** Tool-definition constants of the cookbook estimator (CB-TOK §7). */
  funcInit: number;
}

const LIMIT_SRC = "AZ-MODELS / OpenAI fine-tuning guide, read 2026-11-29";
const PRICE_SRC = "OpenAI pricing page (fine-tuning), as transcribed 2026-11-29";

/**
 * Ordered: the first entry whose prefix matches a (base) model id wins, so more specific
 * prefixes come first (`gpt-4.1-mini` before `gpt-4.1`, `gpt-4o-mini` before `gpt-4o`).
 */
const TABLE: Array<{ prefix: string } & ModelInfo> = [
  { prefix: "gpt-4.1-nano", id: "gpt-4.1-nano-2025-04-14", encoding: "o200k_base", limit: 32_768, limitSource: LIMIT_SRC, trainPrice: 1.5, priceSource: PRICE_SRC, vision: { kind: "patch", multiplier: 2.46 }, funcInit: 7 },
  { prefix: "gpt-4.1-mini", id: "gpt-4.1-mini-2025-04-14", encoding: "o200k_base", limit: 65_536, limitSource: LIMIT_SRC, trainPrice: 5, priceSource: PRICE_SRC, vision: { kind: "patch", multiplier: 1.62 }, funcInit: 7 },
  { prefix: "gpt-4.1", id: "gpt-4.1-2025-04-14", encoding: "o200k_base", limit: 65_536, limitSource: LIMIT_SRC, trainPrice: 25, priceSource: PRICE_SRC, vision: { kind: "tile", base: 85, tile: 170 }, funcInit: 7 },
  { prefix: "gpt-4o-mini", id: "gpt-4o-mini-2024-07-18", encoding: "o200k_base", limit: 65_536, limitSource: LIMIT_SRC, trainPrice: 3, priceSource: PRICE_SRC, vision: { kind: "tile", base: 2833, tile: 5667 }, funcInit: 7 },
  { prefix: "gpt-4o", id: "gpt-4o-2024-08-06", encoding: "o200k_base", limit: 65_536, limitSource: LIMIT_SRC, trainPrice: 25, priceSource: PRICE_SRC, vision: { kind: "tile", base: 85, tile: 170 }, funcInit: 7 },
  { prefix: "chatgpt-4o", id: "chatgpt-4o-latest", encoding: "o200k_base", vision: { kind: "tile", base: 85, tile: 170 }, funcInit: 7 },
  { prefix: "gpt-4.5", id: "gpt-4.5-preview", encoding: "o200k_base", vision: { kind: "tile", base: 85, tile: 170 }, funcInit: 7 },
  // RFT is billed per hour of training, not per token: no token price on purpose.
  { prefix: "o4-mini", id: "o4-mini-2025-04-16", encoding: "o200k_base", limit: 65_536, limitSource: "AZ-MODELS (Azure figure), read 2026-11-29", vision: { kind: "patch", multiplier: 1.72 }, funcInit: 7 },
  { prefix: "o1", id: "o1", encoding: "o200k_base", vision: { kind: "tile", base: 75, tile: 150 }, funcInit: 7 },
  { prefix: "o3", id: "o3", encoding: "o200k_base", vision: { kind: "tile", base: 75, tile: 150 }, funcInit: 7 },
  { prefix: "gpt-5", id: "gpt-5", encoding: "o200k_base", funcInit: 7 },
  { prefix: "gpt-3.5-turbo-0613", id: "gpt-3.5-turbo-0613", encoding: "cl100k_base", limit: 4_096, limitSource: LIMIT_SRC, trainPrice: 8, priceSource: PRICE_SRC, funcInit: 10 },
  { prefix: "gpt-3.5-turbo", id: "gpt-3.5-turbo-0125", encoding: "cl100k_base", limit: 16_385, limitSource: LIMIT_SRC, trainPrice: 8, priceSource: PRICE_SRC, funcInit: 10 },
  { prefix: "gpt-35-turbo", id: "gpt-35-turbo-0125", encoding: "cl100k_base", limit: 16_385, limitSource: LIMIT_SRC, trainPrice: 8, priceSource: PRICE_SRC, funcInit: 10 },
  { prefix: "gpt-4", id: "gpt-4-0613", encoding: "cl100k_base", funcInit: 10 },
  { prefix: "davinci-002", id: "davinci-002", encoding: "cl100k_base", trainPrice: 6, priceSource: PRICE_SRC, funcInit: 10 },
  { prefix: "babbage-002", id: "babbage-002", encoding: "cl100k_base", trainPrice: 0.4, priceSource: PRICE_SRC, funcInit: 10 },
];

/** Model used by `ftdata stats` when none is given. */
export const DEFAULT_MODEL = "gpt-4o-mini-2024-07-18";

/**
 * The base model of a fine-tuned id: `ft:gpt-4.1-mini-2025-04-14:org::abc` → `gpt-4.1-mini-2025-04-14`.
 * tiktoken's own prefix table maps `ft:gpt-4.1…` to cl100k_base (it matches `ft:gpt-4` first), so
 * ftdata strips the `ft:` wrapper and resolves the base itself.
 */
export function baseModelId(model: string): string {
  const m = model.trim();
  if (m.startsWith("ft:")) return m.slice(3).split(":")[0] ?? "";
  return m;
}

/** The model's facts, or undefined when ftdata does not know it. */
export function resolveModel(model: string): ModelInfo | undefined {
  const base = baseModelId(model).toLowerCase();
  for (const row of TABLE) {
    if (base === row.prefix || base.startsWith(`${row.prefix}-`)) {
      const { prefix: _prefix, ...info } = row;
      // Keep the user's snapshot name when it is more specific than the table's default.
      return { ...info, id: base.length > row.prefix.length ? base : info.id };
    }
  }
  return undefined;
}

/** Known model ids, for help texts and errors. */
export function knownModels(): string[] {
  return TABLE.map((r) => r.id);
}
