import type { CanonicalExample } from "../core/canonical.js";
import { toolsFromFunctions } from "./chat-write.js";
import type { FormatModule } from "../core/format.js";
import { isObject, own } from "./json-utils.js";
import { looksV1, v1Media, v1Messages } from "./llamafactory-v1-common.js";
import { extraFields } from "./openai-chat.js";
import { llamafactoryV1ToRecord } from "./llamafactory-write.js";
import type { JsonValue } from "../core/canonical.js";

/** LLaMA-Factory v1 SFT sample (`extra_info` and `_dataset_name` are its metadata: kept in `extra`, so conversion carries them) (v1_sft_demo.jsonl, reason_tool_use_demo_50.jsonl, v1_multimodal_demo.jsonl). */
export const V1_KEYS = ["messages", "tools", "extra_info", "_dataset_name"] as const;

/** `tools`: a JSON string of OpenAI-style function definitions (or the parsed list). */
export function v1Tools(v: JsonValue | undefined) {
  let parsed: JsonValue | undefined = v;
  if (typeof v === "string" && v.trim() !== "") {
    try {
      parsed = JSON.parse(v) as JsonValue;
    } catch {
      return undefined;
    }
  }
  return toolsFromFunctions(isObject(parsed) ? [parsed] : parsed);
}

export const llamafactoryV1: FormatModule = {
  id: "llamafactory-v1",
  kind: "chat",
  description: "LLaMA-Factory v1: {\"messages\": [{\"role\", \"content\": [{\"type\": \"text\", \"value\"}…], \"loss_weight\"?}…], \"tools\"?}",
  keys: V1_KEYS,
  toRecord: llamafactoryV1ToRecord,
  accepts: ["chat", "completion"],
  signature: "`messages` with content parts {type, value} / `loss_weight`",
  detect(record) {
    return looksV1(own(record, "messages")) ? 25 : 0;
  },
  toCanonical(record) {
    const messages = v1Messages(own(record, "messages"), ["messages"]);
    if (!messages) return undefined;
    const ex: CanonicalExample = { kind: "chat", format: "llamafactory-v1", messages, extra: extraFields(record, V1_KEYS.filter((k) => k !== "extra_info" && k !== "_dataset_name")), raw: record };
    const tools = v1Tools(own(record, "tools"));
    if (tools) ex.tools = tools;
    const media = v1Media(messages);
    if (media) ex.media = media;
    return ex;
  },
};
