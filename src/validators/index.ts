import type { Rule } from "../core/rule.js";
// Reader rules: reported while reading lines.
import utf8Invalid from "./utf8-invalid.js";
import bomPresent from "./bom-present.js";
import lineBlank from "./line-blank.js";
import lineTooLong from "./line-too-long.js";
import jsonInvalid from "./json-invalid.js";
import recordNotObject from "./record-not-object.js";
import recordMultiline from "./record-multiline.js";
import jsonKeyDuplicate from "./json-key-duplicate.js";
import stringLoneSurrogate from "./string-lone-surrogate.js";
import formatUnknown from "./format-unknown.js";
import formatMixed from "./format-mixed.js";
import datasetInfoEntryInvalid from "./dataset-info-entry-invalid.js";
import datasetInfoEntryUnchecked from "./dataset-info-entry-unchecked.js";
// Grader rules: reported against the --grader file.
import graderInvalid from "./grader-invalid.js";
import graderTemplateInvalid from "./grader-template-invalid.js";
import graderModelUnknown from "./grader-model-unknown.js";
import graderOutputJsonUnavailable from "./grader-output-json-unavailable.js";
import graderPythonNotRun from "./grader-python-not-run.js";
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
import preferenceInputInvalid from "./preference-input-invalid.js";
import preferenceOutputInvalid from "./preference-output-invalid.js";
import preferenceFieldLegacy from "./preference-field-legacy.js";
import preferenceFieldInvalid from "./preference-field-invalid.js";
import graderItemFieldMissing from "./grader-item-field-missing.js";
import toolCallIdInvalid from "./tool-call-id-invalid.js";
import promptInvalid from "./prompt-invalid.js";
import completionInvalid from "./completion-invalid.js";
import textInvalid from "./text-invalid.js";
import sharegptConversationsInvalid from "./sharegpt-conversations-invalid.js";
import sharegptRoleInvalid from "./sharegpt-role-invalid.js";
import sharegptToolsInvalid from "./sharegpt-tools-invalid.js";
import mediaPlaceholderMismatch from "./media-placeholder-mismatch.js";
import llamafactoryExampleInvalid from "./llamafactory-example-invalid.js";
import llamafactoryV1MessageInvalid from "./llamafactory-v1-message-invalid.js";
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
import assistantContentRepetitive from "./assistant-content-repetitive.js";
import userContentEmpty from "./user-content-empty.js";
import conversationLastNotAssistant from "./conversation-last-not-assistant.js";
import systemMessagePosition from "./system-message-position.js";
import promptLastAssistant from "./prompt-last-assistant.js";
import preferenceSideEmpty from "./preference-side-empty.js";
import preferencePairIdentical from "./preference-pair-identical.js";
import conversationRoleAlternation from "./conversation-role-alternation.js";
import messageRoleUnsupported from "./message-role-unsupported.js";
import exampleImagesTooMany from "./example-images-too-many.js";
// Token rules: need token counts, so they run only with a model or tokenizer (lint --model, stats).
import exampleTokensOverLimit from "./example-tokens-over-limit.js";
import trainedTokensBeyondLimit from "./trained-tokens-beyond-limit.js";
import exampleTokensOutlier from "./example-tokens-outlier.js";
// Security of the data itself: credentials, personal data (opt-in), chat-template tokens.
import secretApiKey from "./secret-api-key.js";
import secretPrivateKey from "./secret-private-key.js";
import secretJwt from "./secret-jwt.js";
import secretConnectionString from "./secret-connection-string.js";
import piiEmail from "./pii-email.js";
import piiPhone from "./pii-phone.js";
import contentTemplateToken from "./content-template-token.js";
// Dataset rules: bounded state, report at the end.
import exampleDuplicate from "./example-duplicate.js";
import examplesMinCount from "./examples-min-count.js";
import examplesRecommendedCount from "./examples-recommended-count.js";
import preferenceContradiction from "./preference-contradiction.js";
import preferenceCycle from "./preference-cycle.js";
import preferenceLengthBias from "./preference-length-bias.js";
import examplesMaxCount from "./examples-max-count.js";
import formatUnsupported from "./format-unsupported.js";
import fileTooLarge from "./file-too-large.js";
import promptAnswerConflict from "./prompt-answer-conflict.js";
import answerRepeated from "./answer-repeated.js";
import exampleNearDuplicate from "./example-near-duplicate.js";
// Leakage rules: active when a holdout file is given.
import holdoutExampleDuplicate from "./holdout-example-duplicate.js";
import holdoutPromptDuplicate from "./holdout-prompt-duplicate.js";
import holdoutPromptNearDuplicate from "./holdout-prompt-near-duplicate.js";
// Split guards: reported by split().
import splitTrainTooSmall from "./split-train-too-small.js";
import splitHoldoutSmall from "./split-holdout-small.js";
import splitGroupLarge from "./split-group-large.js";
import splitStratumMissing from "./split-stratum-missing.js";

/** Every rule, in the order they run and report. */
export const rules = [
  utf8Invalid,
  bomPresent,
  lineBlank,
  lineTooLong,
  jsonInvalid,
  recordNotObject,
  recordMultiline,
  jsonKeyDuplicate,
  stringLoneSurrogate,
  formatUnknown,
  formatMixed,
  datasetInfoEntryInvalid,
  datasetInfoEntryUnchecked,
  graderInvalid,
  graderTemplateInvalid,
  graderModelUnknown,
  graderOutputJsonUnavailable,
  graderPythonNotRun,
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
  preferenceInputInvalid,
  preferenceOutputInvalid,
  preferenceFieldLegacy,
  preferenceFieldInvalid,
  graderItemFieldMissing,
  toolCallIdInvalid,
  promptInvalid,
  completionInvalid,
  textInvalid,
  sharegptConversationsInvalid,
  sharegptRoleInvalid,
  sharegptToolsInvalid,
  mediaPlaceholderMismatch,
  llamafactoryExampleInvalid,
  llamafactoryV1MessageInvalid,
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
  assistantContentRepetitive,
  userContentEmpty,
  conversationLastNotAssistant,
  systemMessagePosition,
  promptLastAssistant,
  preferenceSideEmpty,
  preferencePairIdentical,
  conversationRoleAlternation,
  messageRoleUnsupported,
  exampleImagesTooMany,
  exampleTokensOverLimit,
  trainedTokensBeyondLimit,
  exampleTokensOutlier,
  secretApiKey,
  secretPrivateKey,
  secretJwt,
  secretConnectionString,
  piiEmail,
  piiPhone,
  contentTemplateToken,
  exampleDuplicate,
  examplesMinCount,
  examplesRecommendedCount,
  preferenceContradiction,
  preferenceCycle,
  preferenceLengthBias,
  examplesMaxCount,
  formatUnsupported,
  fileTooLarge,
  promptAnswerConflict,
  answerRepeated,
  exampleNearDuplicate,
  holdoutExampleDuplicate,
  holdoutPromptDuplicate,
  holdoutPromptNearDuplicate,
  splitTrainTooSmall,
  splitHoldoutSmall,
  splitGroupLarge,
  splitStratumMissing,
] as const satisfies readonly Rule<string, any>[];

export type RuleId = (typeof rules)[number]["meta"]["id"];

export function getRule(id: string): Rule<string, any> | undefined {
  return (rules as readonly Rule<string, any>[]).find((r) => r.meta.id === id);
}
