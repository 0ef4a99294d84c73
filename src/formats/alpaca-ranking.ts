import { rankingToRecord } from "./preference-write.js";
import { alpaca } from "./alpaca.js";
import type { FormatModule } from "../core/format.js";
import { own } from "./json-utils.js";
import { lfToCanonical, presetAttr } from "./llamafactory.js";

/**
 * LLaMA-Factory Alpaca ranking (data/README.md @ ff6d4d12eeb0): `instruction`, optional `input`,
 * `system` and `history`, and two string answers `chosen` and `rejected`.
 */
export const ALPACA_RANKING_KEYS = ["instruction", "input", "chosen", "rejected", "system", "history", "images", "videos", "audios"] as const;

export const alpacaRanking: FormatModule = {
  id: "alpaca-ranking",
  kind: "preference",
  description: "Alpaca ranking (LLaMA-Factory DPO): {\"instruction\", \"input\"?, \"chosen\", \"rejected\", \"system\"?, \"history\"?}",
  keys: ALPACA_RANKING_KEYS,
  toRecord: (ex) => rankingToRecord(ex, "alpaca-ranking", alpaca.toRecord!),
  accepts: ["preference"],
  signature: "`instruction` + `chosen`/`rejected`",
  detect(record) {
    if (own(record, "instruction") === undefined) return 0;
    if (own(record, "chosen") === undefined && own(record, "rejected") === undefined) return 0;
    return 30;
  },
  toCanonical: (record) => lfToCanonical(record, presetAttr("alpaca-ranking", record), "alpaca-ranking"),
};
