import { rankingToRecord } from "./preference-write.js";
import { sharegpt } from "./sharegpt.js";
import type { FormatModule } from "../core/format.js";
import { isObject, own } from "./json-utils.js";
import { lfToCanonical, presetAttr, turnsColumn } from "./llamafactory.js";

/**
 * LLaMA-Factory ShareGPT ranking (data/README.md, dpo_en_demo.json @ ff6d4d12eeb0): the prompt turns in
 * `conversations` (odd count, ending with human) and one `chosen` and one `rejected` gpt turn.
 * Role/content turns (`messages`, `{"role", "content"}`) read the same way.
 */
export const SHAREGPT_RANKING_KEYS = ["conversations", "messages", "chosen", "rejected", "system", "tools", "images", "videos", "audios"] as const;

export const sharegptRanking: FormatModule = {
  id: "sharegpt-ranking",
  kind: "preference",
  description: "ShareGPT ranking (LLaMA-Factory DPO): {\"conversations\": [{\"from\", \"value\"}…], \"chosen\": {\"from\": \"gpt\", \"value\"}, \"rejected\": {…}}",
  keys: SHAREGPT_RANKING_KEYS,
  toRecord: (ex) => rankingToRecord(ex, "sharegpt-ranking", sharegpt.toRecord!),
  accepts: ["preference"],
  signature: "`conversations` + `chosen`/`rejected` turns",
  detect(record) {
    if (turnsColumn(record) === undefined) return 0;
    const ch = own(record, "chosen");
    const rj = own(record, "rejected");
    if (ch === undefined && rj === undefined) return 0;
    // Turn objects on either side (TRL keeps message lists or strings there).
    return isObject(ch) || isObject(rj) ? 30 : own(record, "conversations") !== undefined ? 20 : 0;
  },
  toCanonical: (record) => lfToCanonical(record, presetAttr("sharegpt-ranking", record), "sharegpt-ranking"),
};
