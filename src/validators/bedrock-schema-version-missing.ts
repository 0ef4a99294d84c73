import { defineRule } from "../core/rule.js";
import { BEDROCK_SCHEMA_VERSION } from "../formats/bedrock-conversation.js";
import { own, typeOf } from "./util.js";

/** Bedrock's examples all carry `schemaVersion: "bedrock-conversation-2024"`; Nova accepts any string. */
export default defineRule({
  meta: {
    id: "bedrock-schema-version-missing",
    description: "A Bedrock conversation record should carry `schemaVersion` (\"bedrock-conversation-2024\").",
    formats: ["bedrock-conversation"],
    defaultSeverity: "warning",
    group: true,
    messages: {
      missing: "Record has no `schemaVersion`; Bedrock's format uses \"{{expected}}\"",
      type: "`schemaVersion` must be a string, found {{type}}",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const v = own(record, "schemaVersion");
        if (v === undefined) ctx.report({ messageId: "missing", at, data: { expected: BEDROCK_SCHEMA_VERSION } });
        else if (typeof v !== "string") ctx.report({ messageId: "type", at, path: ["schemaVersion"], data: { type: typeOf(v) } });
      },
    };
  },
});
