/**
 * Builds the counting context for a model (OpenAI encodings) or a Hugging Face tokenizer.json
 * (open-weight models), loading the tokenizer only now.
 */
import { FtdataUsageError } from "../core/errors.js";
import { toolFunction, type CanonicalTool } from "../core/canonical.js";
import type { CountContext } from "./chat.js";
import { DEFAULT_MODEL, knownModels, resolveModel, type ModelInfo } from "./models.js";
import { hfTokenizer, resolveHfTokenizer } from "./hf.js";
import { CountCache, DEFAULT_BACKEND, getCounter, type BackendName, type TextCounter } from "./tokenizer.js";

export interface TokenOptions {
  /** OpenAI model id (also `ft:…` ids); default `gpt-4o-mini-2024-07-18`. */
  model?: string;
  /**
   * A Hugging Face tokenizer: a `tokenizer.json`, a model folder holding one, or a model id found in
   * the local Hugging Face cache (`HF_HUB_CACHE`, `HF_HOME`, `~/.cache/huggingface/hub`; never
   * downloaded). Counts with it and the chat template beside it. Loaded once per path and file times.
   */
  tokenizer?: string;
  /** Override the per-example token limit (needed for open-weight models). */
  limit?: number;
  /** Tokenizer backend for OpenAI encodings (default `js`). */
  backend?: BackendName;
}

/** What a token pass needs to know, resolved once per run. */
export interface TokenSetup {
  modelName: string;
  encoding: string;
  model?: ModelInfo;
  limit?: number;
  backend: string;
  /** Builds the string counter (loads the tokenizer). */
  counter(): TextCounter;
  mode: CountContext["mode"];
  /** Path of the tokenizer.json, for workers. */
  tokenizerPath?: string;
  render?: CountContext["render"];
}

/** Resolves options to a setup without loading anything heavy. Unknown models are usage errors. */
export function resolveTokenSetup(options: TokenOptions, cwd = process.cwd()): TokenSetup {
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit > 0)) {
    throw new FtdataUsageError(`the token limit must be a positive integer, found ${options.limit}`);
  }
  if (options.tokenizer !== undefined) return hfSetup(options.tokenizer, options, cwd);
  const name = options.model ?? DEFAULT_MODEL;
  const model = resolveModel(name);
  if (!model) {
    throw new FtdataUsageError(`unknown model "${name}"; known: ${knownModels().join(", ")} (or ft:<base>:… ids; use --tokenizer for open-weight models)`);
  }
  const backend = options.backend ?? DEFAULT_BACKEND;
  const setup: TokenSetup = {
    // The snapshot the figures are for (aliases resolved); fine-tuned ids stay as given.
    modelName: name.startsWith("ft:") ? name : model.id,
    encoding: model.encoding,
    model,
    backend,
    counter: () => getCounter(model.encoding, backend),
    mode: "openai",
  };
  const limit = options.limit ?? model.limit;
  if (limit !== undefined) setup.limit = limit;
  return setup;
}

function hfSetup(arg: string, options: TokenOptions, cwd: string): TokenSetup {
  const loc = resolveHfTokenizer(arg, cwd);
  const tok = hfTokenizer(loc.path);
  const setup: TokenSetup = {
    modelName: options.model ?? loc.id ?? `hf:${loc.path}`,
    encoding: `hf:${loc.path}`,
    backend: "@huggingface/tokenizers",
    tokenizerPath: loc.path,
    mode: tok.template ? "template" : "plain",
    counter: () => tok.counter(),
  };
  if (options.limit !== undefined) setup.limit = options.limit;
  else if (typeof tok.config.model_max_length === "number" && tok.config.model_max_length < 1e9) setup.limit = tok.config.model_max_length;
  const template = tok.template;
  if (template) {
    const { bosToken: bos_token, eosToken: eos_token } = tok;
    setup.render = (messages, tools: CanonicalTool[] | undefined) => {
      const vars: Record<string, unknown> = { bos_token, eos_token, add_generation_prompt: false };
      const fns = tools?.map(toolFunction);
      if (fns) vars.tools = fns.map((f) => ({ type: "function", function: f }));
      return template.renderChat(messages, vars, fns ? JSON.stringify(fns) : "");
    };
  }
  return setup;
}

/** A counter over a Hugging Face tokenizer.json (for worker threads: loaded once per thread). */
export function hfCounter(path: string): TextCounter {
  return hfTokenizer(path).counter();
}

/** A ready counting context (tokenizer loaded, cache attached). */
export function makeCountContext(setup: TokenSetup, cache: CountCache = new CountCache(setup.counter())): CountContext {
  const ctx: CountContext = { count: (s) => cache.count(s), modelName: setup.modelName, mode: setup.mode };
  if (setup.model) ctx.model = setup.model;
  if (setup.limit !== undefined) ctx.limit = setup.limit;
  if (setup.render) ctx.render = setup.render;
  return ctx;
}
