import { FtdataUsageError } from "../core/errors.js";
import { FORMAT_IDS, type FormatId, type JsonObject } from "./canonical.js";
import type { FormatModule } from "./format.js";
import { openaiChat } from "./openai-chat.js";

/** Every format ftdata reads, in detection priority order. Add new formats here and nowhere else. */
export const formats: readonly FormatModule[] = [openaiChat];

/** Older or informal names that keep working with `--format`. */
export const FORMAT_ALIASES: Record<string, FormatId> = {
  chat: "openai-chat",
  openai: "openai-chat",
  sft: "openai-chat",
};

export function getFormat(id: FormatId): FormatModule | undefined {
  return formats.find((f) => f.id === id);
}

/** Resolves a user-supplied format name (id or alias) or throws a usage error listing the choices. */
export function resolveFormat(name: string): FormatModule {
  const id = ((Object.hasOwn(FORMAT_ALIASES, name) ? FORMAT_ALIASES[name] : undefined) ?? name) as FormatId;
  const mod = getFormat(id);
  if (mod) return mod;
  const known = formats.map((f) => f.id).join(", ");
  if ((FORMAT_IDS as readonly string[]).includes(id)) {
    throw new FtdataUsageError(`format ${id} is not supported yet; supported: ${known}`);
  }
  throw new FtdataUsageError(`unknown format "${name}"; expected one of: ${known}`);
}

export interface Detection {
  format?: FormatModule;
  /** Why this format was chosen (or why none was), for `--explain-format` and the report. */
  reason: string;
  /** Formats that scored equally, when the record is ambiguous. */
  candidates: FormatId[];
}

/** Picks the format of a record by its keys. */
export function detectFormat(record: JsonObject): Detection {
  let best = 0;
  let winners: FormatModule[] = [];
  for (const f of formats) {
    const score = f.detect(record);
    if (score > best) {
      best = score;
      winners = [f];
    } else if (score === best && score > 0) {
      winners.push(f);
    }
  }
  const keys = Object.keys(record).slice(0, 8).join(", ");
  if (winners.length === 1) {
    return { format: winners[0]!, reason: `keys {${keys}} match ${winners[0]!.id}`, candidates: [winners[0]!.id] };
  }
  if (winners.length > 1) {
    return { reason: `keys {${keys}} match ${winners.map((w) => w.id).join(" and ")}`, candidates: winners.map((w) => w.id) };
  }
  return { reason: `keys {${keys}} match no known format`, candidates: [] };
}

export type { FormatModule } from "./format.js";
