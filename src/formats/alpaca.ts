import type { CanonicalExample, CanonicalMessage, JsonObject } from "../core/canonical.js";
import { commonLosses, mediaColumns, mergeRuns, textMessage, withExtra, withPlaceholders, writeMedia } from "./chat-write.js";
import type { ConversionLoss, FormatModule, ToRecordResult } from "../core/format.js";
import { own } from "./json-utils.js";
import { extraFields } from "./openai-chat.js";

/**
 * Alpaca (stanford_alpaca README; LLaMA-Factory data/README.md @ ff6d4d1): `instruction`, optional
 * `input` (joined to the instruction with "\n" into the user turn), `output`, optional `system` and
 * `history` (`[[prompt, response], …]`, whose responses LLaMA-Factory also trains), and media columns
 * (`images`, `videos`, `audios`) as LLaMA-Factory reads them.
 */
export const ALPACA_KEYS = ["instruction", "input", "output", "system", "history", "images", "videos", "audios"] as const;

function toCanonical(record: JsonObject): CanonicalExample | undefined {
  const messages: CanonicalMessage[] = [];
  const system = own(record, "system");
  if (typeof system === "string" && system !== "") messages.push({ ...textMessage("system", system, ["system"]), trainable: false });
  const history = own(record, "history");
  if (Array.isArray(history)) {
    history.forEach((pair, i) => {
      if (!Array.isArray(pair)) return;
      messages.push(textMessage("user", pair[0], ["history", i, 0]));
      messages.push(textMessage("assistant", pair[1], ["history", i, 1]));
    });
  }
  const instruction = own(record, "instruction");
  const input = own(record, "input");
  const user = textMessage("user", instruction, ["instruction"]);
  if (typeof input === "string" && input !== "") {
    user.text = user.text === "" ? input : `${user.text}\n${input}`;
    user.hasContent = true;
  }
  messages.push(user);
  // A missing output still yields a (content-less) assistant turn: alpaca-output-missing reports it, once.
  messages.push(textMessage("assistant", own(record, "output"), ["output"]));
  const ex: CanonicalExample = { kind: "chat", format: "alpaca", messages, extra: extraFields(record, ALPACA_KEYS), raw: record, messagesPath: ["output"] };
  const media = mediaColumns(record);
  if (media) ex.media = media;
  return ex;
}

function toRecord(source: CanonicalExample): ToRecordResult {
  const ex = withPlaceholders(source);
  const losses: ConversionLoss[] = commonLosses(ex, "alpaca", { media: true, images: ex.media !== undefined });
  if (ex.tools) losses.push({ what: `${ex.tools.length} tool definition(s) (alpaca has no tools)`, path: ["tools"] });
  let system: string | undefined;
  const turns: { role: string; text: string; path: (string | number)[] }[] = [];
  for (const m of ex.messages) {
    if (m.role === "system" || m.role === "developer") {
      if (turns.length === 0 && system === undefined) system = m.text;
      else losses.push({ what: `a ${m.role} message that is not first (alpaca has one system prompt)`, path: m.path });
    } else if (m.role === "tool" || m.role === "function") {
      losses.push({ what: "a tool result (alpaca has no tool turns)", path: m.path });
    } else if (m.role === "assistant" && m.toolCalls) {
      losses.push({ what: "assistant tool calls (alpaca has no tool calls)", path: m.path });
      if (m.text.trim() !== "") turns.push({ role: "assistant", text: m.text, path: m.path });
    } else if (m.role === "user" || m.role === "assistant") {
      turns.push({ role: m.role, text: m.text, path: m.path });
    } else {
      losses.push({ what: `a message with role "${m.role}"`, path: m.path });
    }
  }
  const merged = mergeRuns(turns, "alpaca", losses, () => true);
  if (merged.length > 0 && merged[merged.length - 1]!.role === "user") {
    const last = merged.pop()!;
    losses.push({ what: "a trailing user message (alpaca needs an output)", path: last.path });
  }
  if (merged.length < 2 || merged[0]!.role !== "user") return { losses, error: "alpaca needs user/assistant pairs starting with a user turn" };
  const pairs: [string, string][] = [];
  for (let k = 0; k + 1 < merged.length; k += 2) pairs.push([merged[k]!.text, merged[k + 1]!.text]);
  const [instruction, output] = pairs.pop()!;
  const record: JsonObject = {};
  if (system !== undefined) record.system = system;
  record.instruction = instruction;
  record.input = "";
  record.output = output;
  if (pairs.length > 0) record.history = pairs;
  writeMedia(record, ex);
  return { record: withExtra(record, ex.extra, ALPACA_KEYS), losses };
}

export const alpaca: FormatModule = {
  id: "alpaca",
  kind: "chat",
  description: "Alpaca: {\"instruction\", \"input\"?, \"output\", \"system\"?, \"history\"?}",
  keys: ALPACA_KEYS,
  signature: "`instruction` + `output`",
  detect(record) {
    if (!("instruction" in record)) return 0;
    if ("chosen" in record || "rejected" in record || "kto_tag" in record) return 0; // preference/KTO variants
    return "output" in record ? 10 : 5;
  },
  toCanonical,
  toRecord,
  accepts: ["chat", "completion"],
};
