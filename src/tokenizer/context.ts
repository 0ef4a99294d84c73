/**
 * Builds the counting context for a model (OpenAI encodings) or a Hugging Face tokenizer.json
 * (open-weight models), loading the tokenizer only now.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { FtdataUsageError } from "../core/errors.js";
import type { CanonicalTool } from "../core/canonical.js";
import type { CountContext } from "./chat.js";
import { DEFAULT_MODEL, knownModels, resolveModel, type ModelInfo } from "./models.js";
import { CountCache, DEFAULT_BACKEND, getCounter, type BackendName, type TextCounter } from "./tokenizer.js";

const require = createRequire(import.meta.url);

export interface TokenOptions {
  /** OpenAI model id (also `ft:…` ids); default `gpt-4o-mini-2024-07-18`. */
  model?: string;
  /** Path to a Hugging Face `tokenizer.json`: count with it (and its chat template) instead. */
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
  if (options.tokenizer !== undefined) return hfSetup(resolve(cwd, options.tokenizer), options);
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

interface HfFiles {
  json: unknown;
  config: Record<string, unknown>;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new FtdataUsageError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new FtdataUsageError(`${what} ${path} is not valid JSON`);
  }
}

function hfFiles(path: string): HfFiles {
  const json = readJson(path, "tokenizer");
  const configPath = join(dirname(path), "tokenizer_config.json");
  const config = existsSync(configPath) ? (readJson(configPath, "tokenizer config") as Record<string, unknown>) : {};
  return { json, config };
}

function tokenText(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "object" && v !== null && typeof (v as { content?: unknown }).content === "string") return (v as { content: string }).content;
  return undefined;
}

function hfSetup(path: string, options: TokenOptions): TokenSetup {
  const files = hfFiles(path);
  const template = typeof files.config.chat_template === "string" ? files.config.chat_template : undefined;
  const setup: TokenSetup = {
    modelName: options.model ?? `hf:${path}`,
    encoding: `hf:${path}`,
    backend: "@huggingface/tokenizers",
    tokenizerPath: path,
    mode: template ? "template" : "plain",
    counter: () => hfCounter(path, files),
  };
  if (options.limit !== undefined) setup.limit = options.limit;
  else if (typeof files.config.model_max_length === "number" && files.config.model_max_length < 1e9) setup.limit = files.config.model_max_length;
  if (template) {
    const { Template } = require("@huggingface/jinja") as typeof import("@huggingface/jinja");
    const compiled = new Template(template);
    const bos_token = tokenText(files.config.bos_token) ?? "";
    const eos_token = tokenText(files.config.eos_token) ?? "";
    setup.render = (messages, tools: CanonicalTool[] | undefined) => {
      const vars: Record<string, unknown> = { messages, bos_token, eos_token, add_generation_prompt: false };
      if (tools) vars.tools = tools.map((t) => ({ type: "function", function: t }));
      return compiled.render(vars);
    };
  }
  return setup;
}

const hfCounters = new Map<string, TextCounter>();

/** A counter over a Hugging Face tokenizer.json (pure JS; special tokens in templates are honoured). */
export function hfCounter(path: string, files: HfFiles = hfFiles(path)): TextCounter {
  let c = hfCounters.get(path);
  if (c) return c;
  const { Tokenizer } = require("@huggingface/tokenizers") as typeof import("@huggingface/tokenizers");
  let tok: InstanceType<typeof Tokenizer>;
  try {
    tok = new Tokenizer(files.json as object, files.config);
  } catch (err) {
    throw new FtdataUsageError(`cannot load tokenizer ${path}: ${(err as Error).message}`);
  }
  c = { encoding: `hf:${path}`, backend: "@huggingface/tokenizers", count: (s) => (s.length === 0 ? 0 : tok.encode(s, { add_special_tokens: false }).ids.length) };
  hfCounters.set(path, c);
  return c;
}

/** A ready counting context (tokenizer loaded, cache attached). */
export function makeCountContext(setup: TokenSetup, cache: CountCache = new CountCache(setup.counter())): CountContext {
  const ctx: CountContext = { count: (s) => cache.count(s), modelName: setup.modelName, mode: setup.mode };
  if (setup.model) ctx.model = setup.model;
  if (setup.limit !== undefined) ctx.limit = setup.limit;
  if (setup.render) ctx.render = setup.render;
  return ctx;
}
