import type { Rule } from "../core/rule.js";
// Reader rules: reported while reading lines.
import utf8Invalid from "./utf8-invalid.js";
import bomPresent from "./bom-present.js";
import lineBlank from "./line-blank.js";
import lineTooLong from "./line-too-long.js";
import jsonInvalid from "./json-invalid.js";
import recordNotObject from "./record-not-object.js";
import stringLoneSurrogate from "./string-lone-surrogate.js";
import formatUnknown from "./format-unknown.js";
// Schema rules: the raw record of their format.
import messagesInvalid from "./messages-invalid.js";
import messageRoleInvalid from "./message-role-invalid.js";
import messageRoleDeveloper from "./message-role-developer.js";
import messageContentInvalid from "./message-content-invalid.js";
import messageKeyUnknown from "./message-key-unknown.js";
import recordKeyUnknown from "./record-key-unknown.js";
import assistantWeightInvalid from "./assistant-weight-invalid.js";
import toolCallInvalid from "./tool-call-invalid.js";
import toolCallArgumentsInvalid from "./tool-call-arguments-invalid.js";
import toolMessageUnmatched from "./tool-message-unmatched.js";
import toolsInvalid from "./tools-invalid.js";
import toolCallIdInvalid from "./tool-call-id-invalid.js";
import promptInvalid from "./prompt-invalid.js";
import completionInvalid from "./completion-invalid.js";
import textInvalid from "./text-invalid.js";
import sharegptConversationsInvalid from "./sharegpt-conversations-invalid.js";
import sharegptRoleInvalid from "./sharegpt-role-invalid.js";
import sharegptToolsInvalid from "./sharegpt-tools-invalid.js";
import mediaPlaceholderMismatch from "./media-placeholder-mismatch.js";
import alpacaInstructionInvalid from "./alpaca-instruction-invalid.js";
import alpacaOutputMissing from "./alpaca-output-missing.js";
import alpacaHistoryInvalid from "./alpaca-history-invalid.js";
import geminiContentsInvalid from "./gemini-contents-invalid.js";
import geminiRoleInvalid from "./gemini-role-invalid.js";
import geminiPartInvalid from "./gemini-part-invalid.js";
import bedrockMessagesInvalid from "./bedrock-messages-invalid.js";
import bedrockRoleInvalid from "./bedrock-role-invalid.js";
import bedrockSchemaVersionMissing from "./bedrock-schema-version-missing.js";
// Quality rules: canonical examples, any format.
import toolCallUndefined from "./tool-call-undefined.js";
import assistantMissing from "./assistant-missing.js";
import assistantWeightAllZero from "./assistant-weight-all-zero.js";
import assistantContentEmpty from "./assistant-content-empty.js";
import userContentEmpty from "./user-content-empty.js";
import conversationLastNotAssistant from "./conversation-last-not-assistant.js";
import systemMessagePosition from "./system-message-position.js";
import conversationRoleAlternation from "./conversation-role-alternation.js";
import messageRoleUnsupported from "./message-role-unsupported.js";
import exampleImagesTooMany from "./example-images-too-many.js";
// Dataset rules: bounded state, report at the end.
import exampleDuplicate from "./example-duplicate.js";
import examplesMinCount from "./examples-min-count.js";
import examplesRecommendedCount from "./examples-recommended-count.js";
import examplesMaxCount from "./examples-max-count.js";
import formatUnsupported from "./format-unsupported.js";
import fileTooLarge from "./file-too-large.js";

/** Every rule, in the order they run and report. */
export const rules = [
  utf8Invalid,
  bomPresent,
  lineBlank,
  lineTooLong,
  jsonInvalid,
  recordNotObject,
  stringLoneSurrogate,
  formatUnknown,
  messagesInvalid,
  messageRoleInvalid,
  messageRoleDeveloper,
  messageContentInvalid,
  messageKeyUnknown,
  recordKeyUnknown,
  assistantWeightInvalid,
  toolCallInvalid,
  toolCallArgumentsInvalid,
  toolMessageUnmatched,
  toolsInvalid,
  toolCallIdInvalid,
  promptInvalid,
  completionInvalid,
  textInvalid,
  sharegptConversationsInvalid,
  sharegptRoleInvalid,
  sharegptToolsInvalid,
  mediaPlaceholderMismatch,
  alpacaInstructionInvalid,
  alpacaOutputMissing,
  alpacaHistoryInvalid,
  geminiContentsInvalid,
  geminiRoleInvalid,
  geminiPartInvalid,
  bedrockMessagesInvalid,
  bedrockRoleInvalid,
  bedrockSchemaVersionMissing,
  toolCallUndefined,
  assistantMissing,
  assistantWeightAllZero,
  assistantContentEmpty,
  userContentEmpty,
  conversationLastNotAssistant,
  systemMessagePosition,
  conversationRoleAlternation,
  messageRoleUnsupported,
  exampleImagesTooMany,
  exampleDuplicate,
  examplesMinCount,
  examplesRecommendedCount,
  examplesMaxCount,
  formatUnsupported,
  fileTooLarge,
] as const satisfies readonly Rule<string, any>[];

export type RuleId = (typeof rules)[number]["meta"]["id"];

export function getRule(id: string): Rule<string, any> | undefined {
  return (rules as readonly Rule<string, any>[]).find((r) => r.meta.id === id);
}
