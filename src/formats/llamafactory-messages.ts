import type { FormatModule } from "../core/format.js";
import { isObject, own } from "./json-utils.js";
import { lfToCanonical, presetAttr } from "./llamafactory.js";
import { llamafactoryMessagesToRecord } from "./llamafactory-write.js";

/**
 * LLaMA-Factory role/content messages with media columns (mllm_demo.json, mllm_video_demo.json,
 * mllm_audio_demo.json @ ff6d4d12eeb0, declared in dataset_info.json as sharegpt with role/content
 * tags): `<image>`/`<video>`/`<audio>` placeholders in the text, one file per placeholder in
 * `images`/`videos`/`audios`.
 */
export const LLAMAFACTORY_MESSAGES_KEYS = ["messages", "system", "tools", "images", "videos", "audios"] as const;

export const llamafactoryMessages: FormatModule = {
  id: "llamafactory-messages",
  kind: "chat",
  description: "LLaMA-Factory messages with media: {\"messages\": [{\"role\", \"content\"}…], \"images\"?, \"videos\"?, \"audios\"?}",
  keys: LLAMAFACTORY_MESSAGES_KEYS,
  toRecord: llamafactoryMessagesToRecord,
  accepts: ["chat", "completion"],
  signature: "`messages` of {role, content} + `images`/`videos`/`audios`",
  detect(record) {
    const messages = own(record, "messages");
    if (!Array.isArray(messages)) return 0;
    if (own(record, "images") === undefined && own(record, "videos") === undefined && own(record, "audios") === undefined) return 0;
    if ("chosen" in record || "rejected" in record || "label" in record || "kto_tag" in record) return 0;
    const first = messages[0];
    return first === undefined || (isObject(first) && "role" in first) ? 20 : 0;
  },
  toCanonical: (record) => lfToCanonical(record, presetAttr("messages", record), "llamafactory-messages"),
};
