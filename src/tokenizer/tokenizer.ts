/**
 * Token counting behind one small interface. Encoders load lazily (synchronously, via require, so
 * the CLI bundle never inlines them) and only when something asks for tokens.
 *
 * Backends (counts are identical; bench/stats.bench.mjs measures their speed):
 * - `js`: ftdata's own pure-JS BPE (src/tokenizer/bpe.ts) over js-tiktoken's rank files: O(n log n) on
 *   long pre-tokens, a piece cache, no WASM.
 * - `tiktoken`: the WASM build of OpenAI's tiktoken (optional package: install it to use it).
 * - `js-tiktoken`: the pure-JS port; portable fallback, slowest.
 * The WASM and js-tiktoken backends send strings that may hold a very long pre-token to the `js`
 * merger, since both are quadratic in the length of one pre-token.
 */
import { createRequire } from "node:module";
import { FtdataUsageError } from "../core/errors.js";
import { JsBpe, loadRankFile, mayHaveLongPiece, type RankTable } from "./bpe.js";

const require = createRequire(import.meta.url);

export type BackendName = "js" | "tiktoken" | "js-tiktoken";
export const BACKENDS: readonly BackendName[] = ["js", "tiktoken", "js-tiktoken"];
/** Chosen by measurement (README "Token counting"): exact like the others and the fastest here. */
export const DEFAULT_BACKEND: BackendName = "js";

/** Counts tokens of plain text: special-token look-alikes (`<|endoftext|>`) count as text. */
export interface TextCounter {
  /** `o200k_base`, `cl100k_base` or `hf:<path>`. */
  readonly encoding: string;
  readonly backend: string;
  count(text: string): number;
}

const jsBpes = new Map<string, JsBpe>();
function jsBpe(encoding: string): JsBpe {
  let bpe = jsBpes.get(encoding);
  if (!bpe) {
    bpe = new JsBpe(encoding);
    jsBpes.set(encoding, bpe);
  }
  return bpe;
}

/** Loads an encoding's `js` encoder from a table built in another thread (instead of the rank file). */
export function useRankTable(table: RankTable): void {
  if (!jsBpes.has(table.encoding)) jsBpes.set(table.encoding, new JsBpe(table.encoding, table));
}

/** The `js` encoder's ranks of an encoding as a shareable table (builds the encoder if needed). */
export function rankTable(encoding: string): RankTable {
  return jsBpe(encoding).rankTable();
}

function guarded(encoding: string, backend: string, fast: (s: string) => number): TextCounter {
  return {
    encoding,
    backend,
    count: (s) => (mayHaveLongPiece(s) ? jsBpe(encoding).count(s) : fast(s)),
  };
}

function makeCounter(encoding: string, backend: BackendName): TextCounter {
  if (encoding !== "o200k_base" && encoding !== "cl100k_base") throw new FtdataUsageError(`unknown encoding "${encoding}"; expected o200k_base or cl100k_base`);
  switch (backend) {
    case "js": {
      const bpe = jsBpe(encoding);
      return { encoding, backend, count: (s) => bpe.count(s) };
    }
    case "tiktoken": {
      // Optional: a dev dependency of ftdata (the reference in its tests), not installed for users.
      let mod: typeof import("tiktoken");
      try {
        mod = require("tiktoken") as typeof import("tiktoken");
      } catch {
        throw new FtdataUsageError('backend "tiktoken" needs the tiktoken package: npm install tiktoken (or use the default js backend)');
      }
      const { get_encoding } = mod;
      const enc = get_encoding(encoding);
      return guarded(encoding, backend, (s) => enc.encode_ordinary(s).length);
    }
    case "js-tiktoken": {
      const { Tiktoken } = require("js-tiktoken/lite") as typeof import("js-tiktoken/lite");
      const t = new Tiktoken(loadRankFile(encoding));
      // Empty allowed and disallowed lists: special-token text is ordinary text and never throws.
      return guarded(encoding, backend, (s) => t.encode(s, [], []).length);
    }
    default:
      throw new FtdataUsageError(`unknown tokenizer backend "${String(backend)}"; expected one of: ${BACKENDS.join(", ")}`);
  }
}

const counters = new Map<string, TextCounter>();

/** The (shared, lazily built) counter for an encoding and backend. */
export function getCounter(encoding: string, backend: BackendName = DEFAULT_BACKEND): TextCounter {
  const key = `${encoding}\0${backend}`;
  let c = counters.get(key);
  if (!c) {
    c = makeCounter(encoding, backend);
    counters.set(key, c);
  }
  return c;
}

const CACHE_MAX_LEN = 65_536;
const CACHE_MAX_CHARS = 4 * 1024 * 1024;
const CACHE_MAX_ENTRIES = 65_536;

/**
 * Remembers counts of strings already seen (system prompts and tool definitions repeat across a
 * dataset). Bounded: cleared when it holds more than 4 Mi characters or 65,536 strings.
 */
export class CountCache {
  private readonly map = new Map<string, number>();
  private chars = 0;
  hits = 0;
  constructor(readonly counter: TextCounter) {}
  get(s: string): number | undefined {
    const n = this.map.get(s);
    if (n !== undefined) this.hits++;
    return n;
  }
  set(s: string, n: number): void {
    if (s.length > CACHE_MAX_LEN) return;
    if (this.chars + s.length > CACHE_MAX_CHARS || this.map.size >= CACHE_MAX_ENTRIES) {
      this.map.clear();
      this.chars = 0;
    }
    this.map.set(s, n);
    this.chars += s.length;
  }
  count(s: string): number {
    if (s.length === 0) return 0;
    const hit = this.get(s);
    if (hit !== undefined) return hit;
    const n = this.counter.count(s);
    this.set(s, n);
    return n;
  }
}
