import type { FormatModule } from "../core/format.js";
import { own } from "./json-utils.js";
import { lfToCanonical, presetAttr, turnsColumn } from "./llamafactory.js";
import { llamafactoryKtoToRecord } from "./llamafactory-write.js";

/**
 * LLaMA-Factory KTO (data/README.md, kto_en_demo.json @ ff6d4d12eeb0): a conversation (`messages` of
 * role/content, or ShareGPT `conversations`, or Alpaca columns) whose last assistant turn is judged by a
 * boolean `label` (LLaMA-Factory's `kto_tag` column). The label is part of the example: the same
 * answer labelled true and false is a contradiction, not a duplicate.
 */
export const LLAMAFACTORY_KTO_KEYS = ["messages", "conversations", "instruction", "input", "output", "history", "label", "kto_tag", "system", "tools", "images", "videos", "audios"] as const;

export const llamafactoryKto: FormatModule = {
  id: "llamafactory-kto",
  kind: "preference",
  description: "LLaMA-Factory KTO: {\"messages\" | \"conversations\": [...], \"label\" | \"kto_tag\": true|false}",
  keys: LLAMAFACTORY_KTO_KEYS,
  toRecord: llamafactoryKtoToRecord,
  accepts: ["preference"],
  signature: "a conversation + boolean `label`/`kto_tag`",
  detect(record) {
    const tag = own(record, "kto_tag") ?? own(record, "label");
    if (tag === undefined) return 0;
    const conv = turnsColumn(record) !== undefined || (own(record, "instruction") !== undefined && own(record, "output") !== undefined);
    if (!conv) return 0;
    if (typeof tag === "boolean") return 30;
    // A `label` that is not a boolean: too weak to claim a file, enough to keep the row in a KTO file
    // (where llamafactory-example-invalid reports the label) rather than call it another format.
    return own(record, "kto_tag") !== undefined ? 20 : 1;
  },
  toCanonical: (record) => lfToCanonical(record, presetAttr("kto", record), "llamafactory-kto"),
};
