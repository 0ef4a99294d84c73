import { FtdataUsageError } from "../core/errors.js";
import { FORMAT_IDS, type FormatId, type JsonObject } from "../core/canonical.js";
import type { FormatModule } from "../core/format.js";
import { openaiChat } from "./openai-chat.js";
import { openaiDpo } from "./openai-dpo.js";
import { openaiRft } from "./openai-rft.js";
import { trlPreference } from "./trl-preference.js";
import { trlKto } from "./trl-kto.js";

import { promptCompletion } from "./prompt-completion.js";
import { text } from "./text.js";
import { trlPrompt } from "./trl-prompt.js";
import { trlPromptCompletion } from "./trl-prompt-completion.js";
import { sharegpt } from "./sharegpt.js";
import { alpaca } from "./alpaca.js";
import { gemini } from "./gemini.js";
import { bedrockConversation } from "./bedrock-conversation.js";
import { sharegptRanking } from "./sharegpt-ranking.js";
import { alpacaRanking } from "./alpaca-ranking.js";
import { llamafactoryKto } from "./llamafactory-kto.js";
import { llamafactoryMessages } from "./llamafactory-messages.js";
import { llamafactoryV1 } from "./llamafactory-v1.js";
import { llamafactoryV1Dpo } from "./llamafactory-v1-dpo.js";

/** Every format ftdata reads, in detection priority order. Add new formats here and nowhere else. */
export const formats: readonly FormatModule[] = [
  openaiChat,
  openaiDpo,
  openaiRft,
  trlPreference,
  trlKto,
  promptCompletion,
  text,
  trlPrompt,
  trlPromptCompletion,
  sharegpt,
  alpaca,
  gemini,
  bedrockConversation,
  sharegptRanking,
  alpacaRanking,
  llamafactoryKto,
  llamafactoryMessages,
  llamafactoryV1,
  llamafactoryV1Dpo,
];

/** Older or informal names that keep working with `--format`. */
export const FORMAT_ALIASES: Record<string, FormatId> = {
  chat: "openai-chat",
  openai: "openai-chat",
  sft: "openai-chat",
  dpo: "openai-dpo",
  rft: "openai-rft",
  preference: "trl-preference",
  kto: "trl-kto",
  completion: "prompt-completion",
  "prompt-only": "trl-prompt",
  pretrain: "text",
  llamafactory: "sharegpt",
  "share-gpt": "sharegpt",
  "sharegpt-dpo": "sharegpt-ranking",
  "alpaca-dpo": "alpaca-ranking",
  "llamafactory-dpo": "sharegpt-ranking",
  "mllm": "llamafactory-messages",
  v1: "llamafactory-v1",
  vertex: "gemini",
  bedrock: "bedrock-conversation",
  nova: "bedrock-conversation",
};

export function getFormat(id: FormatId): FormatModule | undefined {
  return formats.find((f) => f.id === id);
}

/** Resolves a user-supplied format name (id or alias) or throws a usage error listing the choices. */
export function resolveFormat(name: string): FormatModule {
  const id = ((Object.hasOwn(FORMAT_ALIASES, name) ? FORMAT_ALIASES[name] : undefined) ?? name) as FormatId;
  const mod = getFormat(id);
  if (mod) return mod;
  const known = formats.map((f) => f.id).join(", ");
  if ((FORMAT_IDS as readonly string[]).includes(id)) {
    throw new FtdataUsageError(`format ${id} is not supported yet; supported: ${known}`);
  }
  throw new FtdataUsageError(`unknown format "${name}"; expected one of: ${known}`);
}

export interface Detection {
  format?: FormatModule;
  /** Why this format was chosen (or why none was), for `--explain-format` and the report. */
  reason: string;
  /** Formats that scored equally, when the record is ambiguous. */
  candidates: FormatId[];
  /**
   * What the user can do when no format was chosen. Only ambiguous keys get "name the format with
   * --format": for a layout ftdata does not read, no --format would help, so none is suggested.
   */
  hint?: string;
}

/** Shapes people train with that no format module reads yet: named in the reason instead of "no known format". */
const KNOWN_UNSUPPORTED: { name: string; test: (r: JsonObject) => boolean }[] = [
  { name: "Vertex AI preference tuning (contents + completions)", test: (r) => "contents" in r && "completions" in r },
  { name: "TRL stepwise supervision (prompt + completions + labels)", test: (r) => "completions" in r && "labels" in r },
  { name: "axolotl input_output (segments)", test: (r) => "segments" in r },
  { name: "pre-tokenized data (input_ids)", test: (r) => "input_ids" in r },
];

/** Picks the format of a record by its keys; the reason names the keys that decided it. */
export function detectFormat(record: JsonObject): Detection {
  let best = 0;
  let winners: FormatModule[] = [];
  for (const f of formats) {
    const score = f.detect(record);
    if (score > best) {
      best = score;
      winners = [f];
    } else if (score === best && score > 0) {
      winners.push(f);
    }
  }
  const all = Object.keys(record);
  const keys = all.slice(0, 8).join(", ") + (all.length > 8 ? ", …" : "");
  const why = (f: FormatModule) => (f.signature ? `${f.id} (${f.signature})` : f.id);
  if (winners.length === 1) {
    const w = winners[0]!;
    return { format: w, reason: `keys {${keys}} match ${why(w)}`, candidates: [w.id] };
  }
  if (winners.length > 1) {
    const ids = winners.map((w) => w.id);
    return { reason: `keys {${keys}} match ${winners.map(why).join(" and ")} equally`, candidates: ids, hint: `name the format with --format ${ids.join(" or --format ")}` };
  }
  const shape = KNOWN_UNSUPPORTED.find((k) => k.test(record));
  if (shape) return { reason: `keys {${keys}} look like ${shape.name}, which ftdata does not read yet`, candidates: [] };
  return { reason: `keys {${keys}} match no known format (known: ${formats.map((f) => f.id).join(", ")})`, candidates: [] };
}

/** Whether a record has the shape of some dataset record: a format reads it, or it is a known layout ftdata does not read yet. */
export function looksLikeRecord(record: JsonObject): boolean {
  return formats.some((f) => f.detect(record) > 0) || KNOWN_UNSUPPORTED.some((k) => k.test(record));
}

/** The best-scoring format of a record without building an explanation: cheap enough for every record. */
export function detectFormatId(record: JsonObject): FormatId | undefined {
  let best = 0;
  let winner: FormatModule | undefined;
  for (const f of formats) {
    const score = f.detect(record);
    if (score > best) {
      best = score;
      winner = f;
    } else if (score === best && score > 0) winner = undefined;
  }
  return winner?.id;
}

export type { FormatModule } from "../core/format.js";
