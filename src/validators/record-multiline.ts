import { defineRule } from "../core/rule.js";

/**
 * The file is pretty-printed JSON (records over several lines, or one object) rather than JSONL.
 * Reported once, by the reader, which still reads each record: one diagnosis instead of an
 * "Invalid JSON" error on every physical line.
 */
export default defineRule({
  meta: {
    id: "record-multiline",
    description: "JSONL holds one record per line; a pretty-printed file (records over several lines, or one JSON object) is reported once.",
    formats: "*",
    defaultSeverity: "error",
    reader: true,
    messages: {
      records: "Records span several lines (pretty-printed JSON), but JSONL needs one record per line; each record was still read and checked",
      single: "The file is one JSON object over {{lines}} lines, not JSONL (one record per line)",
      nested: "The file is one JSON object ({{lines}} lines) whose {{count|plural:record is:records are}} under \"{{key}}\", not a list of records",
      datasetInfo: "The file is a LLaMA-Factory dataset_info.json (a registry of {{count|plural:dataset}}), not a dataset",
    },
  },
  defaultOptions: {},
  create: () => ({}),
});
