import type { CanonicalExample } from "../core/canonical.js";
import type { FormatModule } from "../core/format.js";
import { own } from "./json-utils.js";
import { chatTools, extraFields } from "./openai-chat.js";
import { trlMessages } from "./trl-common.js";
import { trlKtoToRecord } from "./preference-write.js";

/** TRL unpaired preference (KTO, BCO): one completion and a boolean verdict on it. */
export const TRL_KTO_KEYS = ["prompt", "completion", "label", "tools", "images"] as const;

export const trlKto: FormatModule = {
  id: "trl-kto",
  kind: "preference",
  description: "TRL unpaired preference (KTO): {\"prompt\", \"completion\", \"label\": true|false}",
  keys: TRL_KTO_KEYS,
  toRecord: trlKtoToRecord,
  accepts: ["preference"],
  detect(record) {
    const label = own(record, "label");
    const pc = own(record, "prompt") !== undefined && own(record, "completion") !== undefined;
    if (pc && typeof label === "boolean") return 25;
    if (pc && label !== undefined) return 15;
    // A prompt/completion row without a label still belongs to a KTO file (the label rule reports it).
    return pc ? 1 : 0;
  },
  toCanonical(record) {
    const label = own(record, "label");
    const completion = trlMessages(own(record, "completion"), ["completion"], "assistant") ?? [];
    const ex: CanonicalExample = {
      kind: "preference",
      format: "trl-kto",
      messages: trlMessages(own(record, "prompt"), ["prompt"], "user") ?? [],
      extra: extraFields(record, TRL_KTO_KEYS),
      raw: record,
    };
    // A completion labelled false is the dispreferred side; the label keeps the verdict explicit.
    if (label === false) ex.rejected = completion;
    else ex.chosen = completion;
    if (typeof label === "boolean") ex.label = label;
    const tools = chatTools(record);
    if (tools) ex.tools = tools;
    return ex;
  },
};
