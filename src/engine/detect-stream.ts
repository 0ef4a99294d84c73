import type { RecordEvent } from "./jsonl.js";
import { prepend } from "./prepend.js";
import { detectFormat, type Detection } from "../formats/index.js";

/** How many records detection may look at before giving up on a file's format. */
const MAX_RECORDS = 8;
const MAX_EVENTS = 256;

/**
 * Detects a file's format from its first rows: the first record whose keys name a format decides,
 * so one malformed first record (`{"messages": null}`) does not leave the whole file unchecked.
 * The events read are replayed, so nothing is lost; at most a few records are held.
 */
export async function detectFromFirstRecords(records: AsyncIterable<RecordEvent>): Promise<{ detection: Detection | undefined; records: AsyncIterable<RecordEvent> }> {
  const it = records[Symbol.asyncIterator]();
  const buffered: RecordEvent[] = [];
  let first: Detection | undefined;
  let seen = 0;
  let detection: Detection | undefined;
  while (buffered.length < MAX_EVENTS && seen < MAX_RECORDS) {
    const next = await it.next();
    if (next.done) break;
    buffered.push(next.value);
    const value = next.value.value;
    if (!value) continue;
    seen++;
    const d = detectFormat(value);
    first ??= d;
    if (d.format) {
      detection = seen === 1 ? d : { ...d, reason: `${d.reason} (line ${next.value.line}; earlier records match no format)` };
      break;
    }
    if (d.candidates.length > 1) break; // ambiguous keys: ask for --format rather than guess from later rows
  }
  return { detection: detection ?? first, records: prepend(buffered, it) };
}

