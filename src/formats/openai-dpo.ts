import { openaiDpoToRecord } from "./preference-write.js";
import type { CanonicalExample, JsonObject } from "../core/canonical.js";
import type { FormatModule } from "../core/format.js";
import { isObject, own } from "./json-utils.js";
import { chatMessages, chatTools, extraFields } from "./openai-chat.js";

/** Top-level keys of OpenAI's preference format (FineTunePreferenceRequestInput). */
export const DPO_KEYS = ["input", "preferred_output", "non_preferred_output"] as const;
/** Names the OpenAPI spec used before 2025-07 (commit 498c71d); the guide always used *_output. */
export const DPO_LEGACY_KEYS: Record<string, string> = {
  preferred_completion: "preferred_output",
  non_preferred_completion: "non_preferred_output",
};

export const openaiDpo: FormatModule = {
  id: "openai-dpo",
  kind: "preference",
  description: "OpenAI preference (DPO): {\"input\": {\"messages\"…}, \"preferred_output\": [assistant], \"non_preferred_output\": [assistant]}",
  keys: DPO_KEYS,
  toRecord: openaiDpoToRecord,
  accepts: ["preference"],
  detect(record) {
    const hasOutputs = own(record, "preferred_output") !== undefined || own(record, "non_preferred_output") !== undefined;
    const hasLegacy = own(record, "preferred_completion") !== undefined || own(record, "non_preferred_completion") !== undefined;
    if (hasOutputs || hasLegacy) return isObject(own(record, "input")) ? 30 : 20;
    // A bare `input` object with messages is a DPO row missing its outputs more likely than anything else.
    const input = own(record, "input");
    return isObject(input) && Array.isArray(own(input, "messages")) ? 3 : 0;
  },
  toCanonical(record) {
    const input = own(record, "input");
    const inputObj: JsonObject = isObject(input) ? input : {};
    const messages = chatMessages(own(inputObj, "messages"), ["input", "messages"]) ?? [];
    const outKey = (name: "preferred_output" | "non_preferred_output") => {
      if (own(record, name) !== undefined) return name;
      const legacy = Object.keys(DPO_LEGACY_KEYS).find((k) => DPO_LEGACY_KEYS[k] === name)!;
      return own(record, legacy) !== undefined ? legacy : name;
    };
    const pk = outKey("preferred_output");
    const nk = outKey("non_preferred_output");
    const chosen = chatMessages(own(record, pk), [pk]);
    const rejected = chatMessages(own(record, nk), [nk]);
    if (!chosen && !rejected && messages.length === 0) return undefined;
    const ex: CanonicalExample = {
      kind: "preference",
      format: "openai-dpo",
      messages,
      chosen: chosen ?? [],
      rejected: rejected ?? [],
      extra: extraFields(record, [...DPO_KEYS, ...Object.keys(DPO_LEGACY_KEYS)]),
      raw: record,
    };
    const tools = chatTools(inputObj);
    if (tools) ex.tools = tools;
    return ex;
  },
};
