/**
 * The token options of `validate()` and the checks that need no tokenizer: kept apart from tokens.ts so
 * a plain lint (the git-hook path) never loads the tokenizer's code.
 */
import { statSync } from "node:fs";
import path from "node:path";
import type { EstimateOptions } from "../stats/summary.js";
import type { BackendName } from "../tokenizer/tokenizer.js";
import type { InputSource } from "./source.js";

/** Options of `validate()` that turn on token counting. */
export interface TokenPassOptions {
  /**
   * OpenAI model to count tokens for (`gpt-4o-mini-2024-07-18`, `ft:gpt-4.1-mini-…:org::id`).
   * Enables the token rules (limit, truncation, outliers) and `files[i].stats`.
   */
  model?: string;
  /** Path to a Hugging Face tokenizer.json (open-weight models); enables tokens like `model`. */
  tokenizer?: string;
  /** Per-example token limit, overriding the model table (required for a limit on open-weight models). */
  tokenLimit?: number;
  /** Compute `files[i].stats` (default model when none is given); an object sets epochs, batch size, accumulation. */
  stats?: boolean | EstimateOptions;
  /** Worker threads for token counting: a number (0 = none) or "auto" (1 for files ≥ 16 MiB). */
  workers?: number | "auto";
  /** Tokenizer backend for OpenAI encodings: js (default), tiktoken, js-tiktoken. */
  tokenBackend?: BackendName;
  cwd?: string;
}

/** True when the options ask for tokens. */
export function wantsTokens(o: TokenPassOptions): boolean {
  return o.model !== undefined || o.tokenizer !== undefined || o.tokenLimit !== undefined || (o.stats !== undefined && o.stats !== false);
}

/** Size of a file input (for the worker decision); undefined for stdin, streams and iterables. */
export function fileBytes(input: InputSource | undefined, cwd?: string): number | undefined {
  if (typeof input !== "string" || input === "-") return undefined;
  try {
    return statSync(path.resolve(cwd ?? process.cwd(), input)).size;
  } catch {
    return undefined;
  }
}
