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
import formatMixed from "./format-mixed.js";
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
// Quality rules: canonical examples, any format.
import toolCallUndefined from "./tool-call-undefined.js";
import assistantMissing from "./assistant-missing.js";
import assistantWeightAllZero from "./assistant-weight-all-zero.js";
import assistantContentEmpty from "./assistant-content-empty.js";
import userContentEmpty from "./user-content-empty.js";
import conversationLastNotAssistant from "./conversation-last-not-assistant.js";
import systemMessagePosition from "./system-message-position.js";
import promptLastAssistant from "./prompt-last-assistant.js";
import preferenceSideEmpty from "./preference-side-empty.js";
import preferencePairIdentical from "./preference-pair-identical.js";
// Dataset rules: bounded state, report at the end.
import exampleDuplicate from "./example-duplicate.js";
import examplesMinCount from "./examples-min-count.js";
import examplesRecommendedCount from "./examples-recommended-count.js";
import preferenceContradiction from "./preference-contradiction.js";
import preferenceCycle from "./preference-cycle.js";
import preferenceLengthBias from "./preference-length-bias.js";

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
  formatMixed,
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
  toolCallUndefined,
  assistantMissing,
  assistantWeightAllZero,
  assistantContentEmpty,
  userContentEmpty,
  conversationLastNotAssistant,
  systemMessagePosition,
  promptLastAssistant,
  preferenceSideEmpty,
  preferencePairIdentical,
  exampleDuplicate,
  examplesMinCount,
  examplesRecommendedCount,
  preferenceContradiction,
  preferenceCycle,
  preferenceLengthBias,
] as const satisfies readonly Rule<string, any>[];

export type RuleId = (typeof rules)[number]["meta"]["id"];

export function getRule(id: string): Rule<string, any> | undefined {
  return (rules as readonly Rule<string, any>[]).find((r) => r.meta.id === id);
}
