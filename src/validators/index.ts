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
// Quality rules: canonical examples, any format.
import toolCallUndefined from "./tool-call-undefined.js";
import assistantMissing from "./assistant-missing.js";
import assistantWeightAllZero from "./assistant-weight-all-zero.js";
import assistantContentEmpty from "./assistant-content-empty.js";
import userContentEmpty from "./user-content-empty.js";
import conversationLastNotAssistant from "./conversation-last-not-assistant.js";
import systemMessagePosition from "./system-message-position.js";
// Dataset rules: bounded state, report at the end.
import exampleDuplicate from "./example-duplicate.js";
import examplesMinCount from "./examples-min-count.js";
import examplesRecommendedCount from "./examples-recommended-count.js";
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
  toolCallUndefined,
  assistantMissing,
  assistantWeightAllZero,
  assistantContentEmpty,
  userContentEmpty,
  conversationLastNotAssistant,
  systemMessagePosition,
  exampleDuplicate,
  examplesMinCount,
  examplesRecommendedCount,
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
