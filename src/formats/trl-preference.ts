import { trlPreferenceToRecord } from "./preference-write.js";
import type { CanonicalExample } from "../core/canonical.js";
import type { FormatModule } from "../core/format.js";
import { own } from "./json-utils.js";
import { chatTools, extraFields } from "./openai-chat.js";
import { splitImplicitPrompt, trlMessages } from "./trl-common.js";

/** TRL preference columns: `prompt` is optional (implicit prompt = common prefix of the two answers). */
export const TRL_PREFERENCE_KEYS = ["prompt", "chosen", "rejected", "tools", "images"] as const;

export const trlPreference: FormatModule = {
  id: "trl-preference",
  kind: "preference",
  description: "TRL preference: {\"prompt\"?, \"chosen\", \"rejected\"} as strings or message lists (DPO, ORPO, reward models)",
  keys: TRL_PREFERENCE_KEYS,
  toRecord: trlPreferenceToRecord,
  accepts: ["preference"],
  detect(record) {
    // ShareGPT ({conversations, chosen, rejected}) and Alpaca ({instruction, chosen, rejected}) preference
    // rows carry the same two keys; they belong to those formats.
    if (own(record, "conversations") !== undefined || own(record, "instruction") !== undefined) return 0;
    const chosen = own(record, "chosen") !== undefined;
    const rejected = own(record, "rejected") !== undefined;
    if (chosen && rejected) return own(record, "prompt") !== undefined ? 25 : 20;
    return chosen || rejected ? 4 : 0;
  },
  toCanonical(record) {
    const chosenRaw = own(record, "chosen");
    const rejectedRaw = own(record, "rejected");
    let chosen = trlMessages(chosenRaw, ["chosen"], "assistant") ?? [];
    let rejected = trlMessages(rejectedRaw, ["rejected"], "assistant") ?? [];
    const promptRaw = own(record, "prompt");
    let messages = trlMessages(promptRaw, ["prompt"], "user") ?? [];
    if (promptRaw === undefined && chosen.length > 0 && rejected.length > 0) {
      const split = splitImplicitPrompt(chosen, rejected, chosenRaw, rejectedRaw);
      messages = split.prompt;
      chosen = split.chosen;
      rejected = split.rejected;
    }
    const ex: CanonicalExample = {
      kind: "preference",
      format: "trl-preference",
      messages,
      chosen,
      rejected,
      extra: extraFields(record, TRL_PREFERENCE_KEYS),
      raw: record,
    };
    const tools = chatTools(record);
    if (tools) ex.tools = tools;
    return ex;
  },
};
