/**
 * Library API for tokens: `countTokens(text, { model })` and `countChatTokens(example, { model })`.
 * The tokenizer loads on first use; later calls reuse it.
 */
import { FtdataUsageError } from "../core/errors.js";
import type { CanonicalExample, JsonObject } from "../core/canonical.js";
import { detectFormat, resolveFormat } from "../formats/index.js";
import { countExampleTokens, type ExampleTokens } from "../tokenizer/chat.js";
import { makeCountContext, resolveTokenSetup, type TokenOptions } from "../tokenizer/context.js";
import type { TextCounter } from "../tokenizer/tokenizer.js";

export type { ExampleTokens } from "../tokenizer/chat.js";
export type { TokenOptions } from "../tokenizer/context.js";
export { resolveModel, baseModelId, knownModels, DEFAULT_MODEL, type ModelInfo, type Encoding } from "../tokenizer/models.js";
export { BACKENDS, DEFAULT_BACKEND, type BackendName, type TextCounter } from "../tokenizer/tokenizer.js";
export { defaultEpochs } from "./summary.js";
export { planMemory, type PlanOptions, type MemoryPlan } from "../plan/plan.js";

/**
 * A reusable counter for plain text (the tokenizer loads now, once): `tokenCounter({ model }).count(text)`.
 * Faster than `countTokens` in a loop: the model is resolved once.
 */
export function tokenCounter(options: TokenOptions = {}): TextCounter {
  return resolveTokenSetup(options).counter();
}

/**
 * Exact token count of plain text for a model's encoding (default model gpt-4o-mini → o200k_base),
 * or for a Hugging Face tokenizer.json (`{ tokenizer: "path/tokenizer.json" }`). Text that looks like
 * a special token (`<|endoftext|>`) is counted as ordinary text.
 *
 * @example countTokens("Hello world", { model: "gpt-4.1-mini" }) // 2
 */
export function countTokens(text: string, options: TokenOptions = {}): number {
  return resolveTokenSetup(options).counter().count(text);
}

function isCanonical(v: unknown): v is CanonicalExample {
  return typeof v === "object" && v !== null && typeof (v as CanonicalExample).kind === "string" && Array.isArray((v as CanonicalExample).messages) && "raw" in v;
}

/**
 * Tokens of one training example: total, prompt, trained (assistant turns with weight 1, or the
 * preferred answer of a DPO pair), the longest sequence and where training starts. Accepts a
 * record as it appears in a JSONL file (format detected, or `options.format`) or a canonical example.
 *
 * @example countChatTokens({ messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello!" }] }, { model: "gpt-4o-mini" })
 */
export function countChatTokens(example: CanonicalExample | JsonObject, options: TokenOptions & { format?: string } = {}): ExampleTokens {
  let ex: CanonicalExample | undefined;
  if (isCanonical(example)) ex = example;
  else {
    const format = options.format !== undefined ? resolveFormat(options.format) : detectFormat(example as JsonObject).format;
    if (!format) throw new FtdataUsageError("countChatTokens: the record matches no known dataset format; pass { format }");
    ex = format.toCanonical(example as JsonObject);
    if (!ex) throw new FtdataUsageError(`countChatTokens: the record is not a valid ${format.id} example`);
  }
  const setup = resolveTokenSetup(options);
  return countExampleTokens(ex, makeCountContext(setup));
}
