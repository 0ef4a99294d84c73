/**
 * Wires token counting into `validate()`: only when a model, a tokenizer or stats are asked for, so
 * a plain `lint` (the git-hook path) never loads a tokenizer. Each counted example gets its figures
 * in `example.tokens` (read by the token rules) and feeds the file's `stats`.
 */
import type { CanonicalExample } from "../core/canonical.js";
import { resolveTokenSetup, type TokenOptions, type TokenSetup } from "../tokenizer/context.js";
import { createTokenPass } from "./token-pass.js";
import { StatsCollector, type EstimateOptions, type StatsState } from "../stats/summary.js";
import { wantsTokens, type TokenPassOptions } from "./token-options.js";

export { fileBytes, wantsTokens, type TokenPassOptions } from "./token-options.js";
import type { FileStats } from "../core/stats-report.js";


export interface FileTokens {
  push(ex: CanonicalExample, done: () => void): Promise<void> | undefined;
  flush(): Promise<void>;
  close(): Promise<void>;
  stats(): FileStats;
  /** The figures gathered so far, for another thread's `TokenRun.merge` (a shard of the parallel lint). */
  state(): StatsState;
}

export interface TokenRun {
  setup: TokenSetup;
  start(bytes?: number): FileTokens;
  /** The stats of a file counted in shards: their states, in file order. */
  merge(states: readonly StatsState[]): FileStats;
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
  const newCollector = () => new StatsCollector(setup.modelName, setup.encoding, setup.limit, setup.model);
  return {
    setup,
    merge(states) {
      const collector = newCollector();
      for (const s of states) collector.absorb(s);
      return collector.finish(estimate);
    },
    start(bytes) {
      const pass = createTokenPass(setup, o.workers ?? "auto", bytes);
      const collector = newCollector();
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
        state: () => collector.state(),
      };
    },
  };
}

