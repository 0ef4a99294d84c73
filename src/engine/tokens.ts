/**
 * Wires token counting into `validate()`: only when a model, a tokenizer or stats are asked for, so
 * a plain `lint` (the git-hook path) never loads a tokenizer. Each counted example gets its figures
 * in `example.tokens` (read by the token rules) and feeds the file's `stats`.
 */
import { statSync } from "node:fs";
import path from "node:path";
import type { CanonicalExample } from "../core/canonical.js";
import type { InputSource } from "./source.js";
import { resolveTokenSetup, type TokenOptions, type TokenSetup } from "../tokenizer/context.js";
import { createTokenPass } from "./token-pass.js";
import { StatsCollector, type EstimateOptions } from "../stats/summary.js";
import type { BackendName } from "../tokenizer/tokenizer.js";
import type { FileStats } from "../core/stats-report.js";

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

export interface FileTokens {
  push(ex: CanonicalExample, done: () => void): Promise<void> | undefined;
  flush(): Promise<void>;
  close(): Promise<void>;
  stats(): FileStats;
}

export interface TokenRun {
  setup: TokenSetup;
  start(bytes?: number): FileTokens;
}

/** True when the options ask for tokens. */
export function wantsTokens(o: TokenPassOptions): boolean {
  return o.model !== undefined || o.tokenizer !== undefined || o.tokenLimit !== undefined || (o.stats !== undefined && o.stats !== false);
}

/** Resolves the model (usage error when unknown) without loading the tokenizer yet. */
export function prepareTokens(o: TokenPassOptions): TokenRun | undefined {
  if (!wantsTokens(o)) return undefined;
  const tokenOptions: TokenOptions = {};
  if (o.model !== undefined) tokenOptions.model = o.model;
  if (o.tokenizer !== undefined) tokenOptions.tokenizer = o.tokenizer;
  if (o.tokenLimit !== undefined) tokenOptions.limit = o.tokenLimit;
  if (o.tokenBackend !== undefined) tokenOptions.backend = o.tokenBackend;
  const setup = resolveTokenSetup(tokenOptions, o.cwd);
  const estimate: EstimateOptions = typeof o.stats === "object" ? o.stats : {};
  return {
    setup,
    start(bytes) {
      const pass = createTokenPass(setup, o.workers ?? "auto", bytes);
      const collector = new StatsCollector(setup.modelName, setup.encoding, setup.limit, setup.model);
      return {
        push(ex, done) {
          return pass.push(ex, (t) => {
            ex.tokens = t;
            collector.add(ex, t);
            done();
          });
        },
        flush: () => pass.flush(),
        close: () => pass.close(),
        stats: () => collector.finish(estimate),
      };
    },
  };
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
