export { validate, type ValidateOptions, type ValidateProgress } from "./engine/validate.js";
export type { Report, FileReport, FileStats } from "./core/report.js";
export { VERSION } from "./core/report.js";
export type { Diagnostic, Severity, RelatedLocation } from "./core/diagnostic.js";
export { FtdataUsageError } from "./core/errors.js";
export type { RulesConfig, RuleSetting } from "./core/config.js";
export { defineRule, type Rule, type RuleMeta, type RuleContext, type RuleVisitor, type KeyedVisitor, type RecordLocation, type RuleOptionsSchema, type DefinedRule } from "./core/rule.js";
export { rules, type RuleId, type MessageIdOf } from "./validators/index.js";
export { listRules, ruleOptionsJsonSchemas, checkRuleOptions, type RuleInfo } from "./validators/options.js";
export { formats, detectFormat } from "./formats/index.js";
export { FORMAT_IDS, type FormatId, type ExampleKind, type CanonicalExample, type CanonicalMessage, type CanonicalPart, type JsonObject, type JsonValue } from "./core/canonical.js";
export type { InputSource } from "./engine/source.js";
export { toDisplayPath, toJsonPointer } from "./core/path.js";
export { formatStylish } from "./reporters/stylish.js";
export { formatJson } from "./reporters/json.js";
export { checkGrader, type GraderCheck, type GraderIssue, type ItemReference } from "./grader/check.js";
export type { GraderSource } from "./grader/load.js";
export { formatGradeText, scoreHistogram, type GradeOptions, type GradeResult, type LowRow } from "./grader/grade.js";
export { gradeRows } from "./grade/grade.js";
export { convert, convertReport, type ConvertOptions, type ConvertResult } from "./convert/index.js";
export { targets, resolveTarget, targetRules, type TargetProfile } from "./targets/index.js";
export type { FormatModule, ToRecordResult, ConversionLoss } from "./core/format.js";
export { formatHtml, type HtmlOptions } from "./reporters/html.js";
export { collectSamples, type ReportSamples, type FileSamples, type ExampleSample, type SampleOptions } from "./samples.js";
export { formatSarif, ruleDocsUrl } from "./reporters/sarif.js";
export { formatGithub, formatGithubSummary } from "./reporters/github.js";
export { formatJunit } from "./reporters/junit.js";
export {
  loadConfig,
  createSettingsResolver,
  validateWithConfig,
  resolvedConfigFor,
  configJsonSchema,
  defineConfig,
  type FtdataConfig,
  type ConfigOverride,
  type LoadedConfig,
  type ResolvedFileSettings,
  type ConfiguredOptions,
} from "./config/index.js";
export { countTokens, countChatTokens, tokenCounter, resolveModel, baseModelId, knownModels, defaultEpochs, planMemory, BACKENDS, DEFAULT_BACKEND, DEFAULT_MODEL, type ExampleTokens, type TokenOptions, type ModelInfo, type BackendName, type TextCounter, type PlanOptions, type MemoryPlan } from "./stats/index.js";
export type { Distribution, Histogram } from "./core/stats-report.js";
export { planHardware, parseGpu, knownGpus, type HardwareOptions, type HardwarePlan, type GpuSpec } from "./plan/index.js";
export { split, type SplitOptions, type SplitReport, type SplitStratum, type SplitLeakage, type SplitMethod } from "./split/split.js";
export { dedupe, type DedupeOptions, type DedupeResult } from "./dedupe/dedupe.js";
export type { Cluster, ClusterKind } from "./core/cluster.js";
export { removePendingTempFiles } from "./core/atomic.js";
