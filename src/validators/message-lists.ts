import type { PathSegment } from "../core/path.js";
import type { FormatId, JsonObject, JsonValue } from "../core/canonical.js";
import { isObject, own } from "../formats/json-utils.js";

/** Where a format keeps its OpenAI-style message arrays, so chat schema rules check them all. */
export interface MessageList {
  list: JsonValue[];
  /** Path of the array inside the record. */
  path: PathSegment[];
}

/** The OpenAI-style message arrays of a record: chat/RFT `messages`; DPO `input.messages` and both outputs. */
export function messageLists(record: JsonObject, format: FormatId | undefined): MessageList[] {
  const out: MessageList[] = [];
  const add = (v: JsonValue | undefined, path: PathSegment[]) => {
    if (Array.isArray(v)) out.push({ list: v, path });
  };
  if (format === "openai-dpo") {
    const input = own(record, "input");
    if (isObject(input)) add(own(input, "messages"), ["input", "messages"]);
    for (const key of ["preferred_output", "non_preferred_output", "preferred_completion", "non_preferred_completion"]) add(own(record, key), [key]);
  } else add(own(record, "messages"), ["messages"]);
  return out;
}

let cachedRecord: JsonObject | undefined;
let cachedFormat: FormatId | undefined;
let cachedMessages: ReadonlyArray<[JsonObject, PathSegment[]]> = [];

/**
 * Every message object of those arrays with its path (e.g. ["input", "messages", 2]). Several rules
 * walk the same record in a row, so the last answer is kept: one list per record, not one per rule.
 */
export function formatMessages(record: JsonObject, format: FormatId | undefined): ReadonlyArray<[JsonObject, PathSegment[]]> {
  if (record === cachedRecord && format === cachedFormat) return cachedMessages;
  const out: Array<[JsonObject, PathSegment[]]> = [];
  for (const { list, path } of messageLists(record, format)) {
    for (let i = 0; i < list.length; i++) {
      const m = list[i];
      if (isObject(m)) out.push([m, [...path, i]]);
    }
  }
  cachedRecord = record;
  cachedFormat = format;
  cachedMessages = out;
  return out;
}

/** The object holding `tools` / `parallel_tool_calls`: the record, or `input` for DPO. */
export function toolsHolder(record: JsonObject, format: FormatId | undefined): [JsonObject, PathSegment[]] | undefined {
  if (format !== "openai-dpo") return [record, []];
  const input = own(record, "input");
  return isObject(input) ? [input, ["input"]] : undefined;
}
