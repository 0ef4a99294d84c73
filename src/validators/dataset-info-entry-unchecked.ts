import { defineRule } from "../core/rule.js";

/** Datasets a `dataset_info.json` lists that ftdata does not read (hub repositories, scripts, other file types): named, so nothing passes unseen. */
export default defineRule({
  meta: {
    id: "dataset-info-entry-unchecked",
    description: "Datasets a LLaMA-Factory `dataset_info.json` lists on a hub, behind a script or in a file type ftdata does not read are listed as not checked.",
    formats: "*",
    defaultSeverity: "info",
    reader: true,
    messages: {
      remote: "{{count}} dataset(s) live on a hub or behind a script and are not checked: {{names}}",
      unread: "Dataset \"{{name}}\" ({{file}}) is not checked: {{why}}",
    },
  },
  defaultOptions: {},
  create: () => ({}),
});
