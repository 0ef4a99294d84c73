import type { PathSegment } from "./path.js";

/** Dataset format ids, used by `--format`, `--to`, the report and the docs. */
export const FORMAT_IDS = [
  "openai-chat",
  "openai-dpo",
  "openai-rft",
  "prompt-completion",
  "text",
  "trl-prompt",
  "trl-prompt-completion",
  "trl-preference",
  "trl-kto",
  "sharegpt",
  "alpaca",
  "gemini",
  "bedrock-conversation",
  "sharegpt-ranking",
  "alpaca-ranking",
  "llamafactory-kto",
  "llamafactory-messages",
  "llamafactory-v1",
  "llamafactory-v1-dpo",
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** What an example trains: every format maps to one of these. */
export type ExampleKind = "chat" | "preference" | "rft" | "completion" | "text" | "prompt";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface CanonicalToolCall {
  id?: string;
  name: string;
  /** The arguments as written: a JSON string in OpenAI's format. */
  arguments: string;
  /**
   * Where the call's name is written in the record, when not at OpenAI's
   * `<message>.tool_calls[j].function.name` (ShareGPT: the function_call turn's `value` string,
   * Gemini: `parts[k].functionCall.name`): diagnostics point into the record as written.
   */
  namePath?: PathSegment[];
}

/** One message of a conversation, whatever the source format called its parts. */
export interface CanonicalMessage {
  /** Normalised role: system, developer, user, assistant, tool, function (or the unknown role as written). */
  role: string;
  /** All text of the message, parts joined with "\n". Empty string when there is none. */
  text: string;
  /** Whether the source had any text content at all (null/absent content is not the same as ""). */
  hasContent: boolean;
  /** Number of image parts. */
  images: number;
  /** Whether this message is a training target (assistant turns unless weight 0). */
  trainable: boolean;
  name?: string;
  toolCalls?: CanonicalToolCall[];
  toolCallId?: string;
  /** Where the message sits in the raw record, for diagnostics. */
  path: PathSegment[];
  /** Where its text sits, when not at `path` + "content" (ShareGPT `value`, Alpaca `output`…). */
  contentPath?: PathSegment[];
  /**
   * The content parts in their order, when the source keeps text, reasoning, tool calls and media
   * apart (LLaMA-Factory v1: `text`, `reasoning`, `tool_call`, `image_url`, `video_url`, `audio_url`).
   * `text` above still holds the text and reasoning parts joined; writers read `parts` to put media
   * placeholders where the media stood and to report reasoning that their format cannot hold.
   */
  parts?: CanonicalPart[];
}

/** One content part of a message, as LLaMA-Factory v1 types them. */
export interface CanonicalPart {
  type: "text" | "reasoning" | "tool_call" | "image_url" | "video_url" | "audio_url";
  value: string;
}

export interface CanonicalTool {
  name: string;
  description?: string;
  parameters?: JsonValue;
  /**
   * Other keys of the function definition as written (`strict`, a `required` beside `parameters`),
   * in their order: written back by the formats that hold OpenAI-style function objects, reported by the others.
   */
  extra?: JsonObject;
}

/** A tool as the OpenAI-style function object it was read from: name, description, parameters, then its other keys. */
export function toolFunction(t: CanonicalTool): JsonObject {
  const fn: JsonObject = { name: t.name };
  if (t.description !== undefined) fn.description = t.description;
  if (t.parameters !== undefined) fn.parameters = t.parameters;
  if (t.extra) for (const [k, v] of Object.entries(t.extra)) if (!(k in fn)) fn[k] = v;
  return fn;
}

/**
 * The small model every format maps to. Quality rules and stats are written once against it.
 * - chat: `messages` is the whole conversation; trainable turns are flagged.
 * - preference: `messages` is the prompt; `chosen`/`rejected` the two answers.
 * - rft: `messages` is the prompt; the reference answer lives in `extra`.
 * - completion: `messages` is [user prompt, assistant completion].
 * - text: `messages` is one trainable assistant-like message holding the text.
 * - prompt: `messages` is a prompt only (TRL prompt-only, for online RL trainers).
 */
export interface CanonicalExample {
  kind: ExampleKind;
  format: FormatId;
  messages: CanonicalMessage[];
  chosen?: CanonicalMessage[];
  rejected?: CanonicalMessage[];
  /** KTO-style unpaired preference label. */
  label?: boolean;
  tools?: CanonicalTool[];
  /** Fields that are not part of the training content (ids, metadata, grader fields). */
  extra: JsonObject;
  raw: JsonObject;
  /** LLaMA-Factory media columns (`images`, `videos`, `audios`): file references, carried by formats that have them. */
  media?: { images?: JsonValue[]; videos?: JsonValue[]; audios?: JsonValue[] };
  /** Where the message list sits in the raw record, when not at `messages`. */
  messagesPath?: PathSegment[];
  /**
   * Set by validate() when a schema rule reported an error on the record: its fields may have been
   * mapped from values of the wrong type (a number read as no text), so the duplicate rules leave it out.
   */
  schemaInvalid?: boolean;
  /** Token figures, set by validate() when a model or tokenizer is given (token rules read them). */
  tokens?: ExampleTokens;
}

/** Token figures of one example. */
export interface ExampleTokens {
  /** Model (or tokenizer) the counts are for. */
  model: string;
  /** Per-example limit of the model, when known. */
  limit?: number;
  /** Every token of the example: prompt + trained (+ the rejected answer of a preference pair). */
  total: number;
  /** Context tokens: everything that is not trained. */
  prompt: number;
  /** Tokens the model is trained to produce. */
  trained: number;
  /** The longest sequence the model sees at once (compared with the limit): prompt + the longer answer. */
  sequence: number;
  /** Tokens before the first trained token; undefined when nothing is trained. */
  trainedStart?: number;
  /** Preference pairs: tokens of each answer (message overhead included). */
  chosen?: number;
  rejected?: number;
  /** True when some figure is an estimate (remote images, tool calls, nested tool schemas, no chat template). */
  estimated: boolean;
  /** Images whose size could not be read (remote URLs): counted as 0 tokens. */
  imagesUnknown: number;
}
