import { defineRule } from "../core/rule.js";

/**
 * `ftdata lint data/dataset_info.json` checks every dataset the file lists; entries it cannot check
 * are reported against the dataset_info.json itself. Reported by validate(), not per record.
 */
export default defineRule({
  meta: {
    id: "dataset-info-entry-invalid",
    description: "Every dataset a LLaMA-Factory `dataset_info.json` lists must be readable: its file present and its entry well-formed.",
    formats: "*",
    defaultSeverity: "error",
    reader: true,
    messages: {
      json: "dataset_info.json cannot be read: {{problem}}",
      missing: "Dataset \"{{name}}\": file {{file}} does not exist",
      invalid: "Dataset \"{{name}}\" is not checked: {{problem}}",
    },
  },
  defaultOptions: {},
  create: () => ({}),
});
