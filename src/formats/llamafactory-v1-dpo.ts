import type { CanonicalExample } from "../core/canonical.js";
import type { FormatModule } from "../core/format.js";
import { own } from "./json-utils.js";
import { v1Media, v1Messages } from "./llamafactory-v1-common.js";
import { v1Tools } from "./llamafactory-v1.js";
import { extraFields } from "./openai-chat.js";
import { llamafactoryV1DpoToRecord } from "./llamafactory-write.js";
import { splitImplicitPrompt } from "./trl-common.js";

/** LLaMA-Factory v1 DPO sample (v1_dpo_demo.jsonl): two whole conversations, the prompt is their common prefix. */
export const V1_DPO_KEYS = ["chosen_messages", "rejected_messages", "tools", "extra_info", "_dataset_name"] as const;

export const llamafactoryV1Dpo: FormatModule = {
  id: "llamafactory-v1-dpo",
  kind: "preference",
  description: "LLaMA-Factory v1 DPO: {\"chosen_messages\": [v1 messages…], \"rejected_messages\": [v1 messages…]}",
  keys: V1_DPO_KEYS,
  toRecord: llamafactoryV1DpoToRecord,
  accepts: ["preference"],
  signature: "`chosen_messages` + `rejected_messages`",
  detect(record) {
    const c = own(record, "chosen_messages") !== undefined;
    const r = own(record, "rejected_messages") !== undefined;
    return c && r ? 30 : c || r ? 15 : 0;
  },
  toCanonical(record) {
    const chosen = v1Messages(own(record, "chosen_messages"), ["chosen_messages"]) ?? [];
    const rejected = v1Messages(own(record, "rejected_messages"), ["rejected_messages"]) ?? [];
    const split = splitImplicitPrompt(chosen, rejected, undefined, undefined);
    const ex: CanonicalExample = {
      kind: "preference",
      format: "llamafactory-v1-dpo",
      messages: split.prompt,
      chosen: split.chosen,
      rejected: split.rejected,
      extra: extraFields(record, V1_DPO_KEYS.filter((k) => k !== "extra_info" && k !== "_dataset_name")),
      raw: record,
    };
    const tools = v1Tools(own(record, "tools"));
    if (tools) ex.tools = tools;
    // Both sides hold the whole conversation and show the same media (LLaMA-Factory's pair converter
    // gives each side the sample's media columns): the chosen side's are the sample's.
    const media = v1Media(chosen);
    if (media) ex.media = media;
    return ex;
  },
};
