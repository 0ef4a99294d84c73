import type { RuleSetting, RulesConfig } from "../core/config.js";
import { FtdataUsageError } from "../core/errors.js";
import type { FormatId } from "../core/canonical.js";

/**
 * Platform profiles for `--target`. A target is data, not code: the values below become rule settings
 * (severity and options) over the same rules every target shares. Each value names its source and
 * the date it was read; docs/targets.md renders this table.
 */
export interface TargetProfile {
  id: string;
  /** Who trains with it. */
  title: string;
  /** Formats the platform accepts; "*" for any. */
  formats: readonly FormatId[] | "*";
  /** Fewest examples per training file the platform accepts. */
  minExamples: number;
  /** The platform's advice on how many examples to start with (0: none given). */
  recommendedExamples: number;
  /** Most examples per training file (0: no documented limit). */
  maxExamples: number;
  /** Roles accepted in messages (empty: whatever the format allows). */
  roles: readonly string[];
  /** Role order: none, strict user/assistant alternation, or a transition table (role → allowed next roles). */
  alternation: "none" | "strict" | Readonly<Record<string, readonly string[]>>;
  /** With a transition table: roles the conversation may start with. */
  firstRoles?: readonly string[];
  /** Whether a conversation that does not end with an assistant turn is rejected (error) or only wasteful (warning). */
  lastMustBeAssistant: boolean;
  /** Whether a system message anywhere but first is rejected (error) or only suspicious (warning). */
  systemMustBeFirst: boolean;
  /** How keys the format does not define are treated. */
  extraKeys: "allowed" | "warning" | "error";
  /** How unknown keys inside messages are treated, when not like `extraKeys`. */
  messageExtraKeys?: "allowed" | "warning" | "error";
  /** Roles whose messages may carry `weight` (default: assistant only). */
  weightRoles?: readonly string[];
  /**
   * Image parts (`image_url.url`) the platform takes: URL kinds (http(s) URLs, `data:image/…;base64,`
   * URIs), image formats of data URIs (MIME subtypes), decoded size limit in bytes (0: none).
   * Undefined: no check.
   */
  imageUrls?: { readonly kinds: readonly ("http" | "data")[]; readonly formats: readonly string[]; readonly maxBytes: number };
  /** Whether all messages of a conversation must use the same content form (all strings or all parts). */
  sameContentKind?: boolean;
  /** Upload size limit in bytes (0: none documented). */
  maxFileBytes: number;
  /** A soft limit is a warning (OpenAI: larger files go through the Uploads API). */
  maxFileBytesSoft?: boolean;
  /** Images per example (0: no limit checked). */
  maxImagesPerExample: number;
  /** Tool call id pattern, when the platform constrains it. */
  toolCallIdPattern?: string;
  /** Training-example token limit per model (tokens beyond it are truncated or rejected). */
  tokenLimits: Readonly<Record<string, number>>;
  /** Where each value comes from (document or code, with the date read). */
  sources: readonly string[];
}

const MB = 1000 * 1000;
const GB = 1000 * MB;

// Mistral's role transitions for fine-tuning data (mistral-common validator.py, as cited in the project reference notes, 2026-07).
const MISTRAL_TRANSITIONS = {
  system: ["user", "assistant", "system"],
  user: ["assistant", "system", "user"],
  assistant: ["assistant", "user", "tool"],
  tool: ["assistant", "tool"],
};

const OPENAI_TOKENS = {
  "gpt-4.1-2025-04-14": 65_536,
  "gpt-4.1-mini-2025-04-14": 65_536,
  "gpt-4.1-nano-2025-04-14": 32_768,
  "gpt-4o-2024-08-06": 65_536,
  "gpt-4o-mini-2024-07-18": 65_536,
  "gpt-3.5-turbo-0125": 16_385,
  "gpt-3.5-turbo-1106": 16_385,
  "gpt-3.5-turbo-0613": 4_096,
  "o4-mini-2025-04-16": 65_536,
};

// OpenAI vision fine-tuning: HTTP URLs or base64 data URLs; JPEG, PNG or WEBP; at most 10 MB per image.
const OPENAI_IMAGES = { kinds: ["http", "data"], formats: ["jpeg", "png", "webp"], maxBytes: 10 * 1000 * 1000 } as const;

/** Every target, in the order `ftdata targets` lists them. */
export const targets: readonly TargetProfile[] = [
  {
    id: "openai",
    title: "OpenAI fine-tuning API (the default behaviour)",
    formats: ["openai-chat", "openai-dpo", "openai-rft", "prompt-completion"],
    minExamples: 10,
    recommendedExamples: 50,
    maxExamples: 0,
    roles: [],
    alternation: "none",
    lastMustBeAssistant: false,
    systemMustBeFirst: false,
    extraKeys: "warning",
    maxFileBytes: 512 * MB,
    maxFileBytesSoft: true,
    maxImagesPerExample: 10,
    imageUrls: OPENAI_IMAGES,
    tokenLimits: OPENAI_TOKENS,
    sources: [
      "min 10, recommended 50: developers.openai.com/api/docs/guides/supervised-fine-tuning (as cited in the project reference notes, 2026-07)",
      "512 MB per file (Files API; the Uploads API takes up to 8 GB in parts, so a warning): openai-openapi f85dbe2 /files, /uploads (2025)",
      "10 images per example: developers.openai.com/api/docs/guides/vision-fine-tuning (as cited in the project reference notes, 2026-07)",
      "token limits: platform.openai.com/docs/guides/fine-tuning (late-2024 revision); o4-mini from Azure model table",
      "no alternation rule: the vision guide's own example has two user turns in a row",
      "images as HTTP URLs or base64 data URLs, JPEG, PNG or WEBP, 10 MB each: developers.openai.com/api/docs/guides/vision-fine-tuning (read 2026-12)",
    ],
  },
  {
    id: "azure",
    title: "Azure OpenAI / Foundry fine-tuning",
    formats: ["openai-chat", "openai-dpo", "openai-rft"],
    minExamples: 10,
    recommendedExamples: 50,
    maxExamples: 0,
    roles: ["system", "developer", "user", "assistant", "tool"],
    alternation: "none",
    lastMustBeAssistant: false,
    systemMustBeFirst: false,
    extraKeys: "warning",
    maxFileBytes: 512 * MB,
    maxImagesPerExample: 64,
    imageUrls: OPENAI_IMAGES,
    tokenLimits: OPENAI_TOKENS,
    sources: [
      "64 images per example: learn.microsoft.com/azure/ai-services/openai/how-to/fine-tuning-vision (as cited in the project reference notes, 2026-07)",
      "512 MB per training file: learn.microsoft.com/azure/ai-services/openai/how-to/fine-tuning (value from ftdata reference notes quality.md §3.2, 2026-07; not re-read here)",
      "no `function` role: MicrosoftDocs/azure-docs#120001 (2024)",
      "token limits: MicrosoftDocs/azure-ai-docs includes/fine-tune-models.md (2025)",
    ],
  },
  {
    id: "together",
    title: "Together AI fine-tuning",
    formats: ["openai-chat", "prompt-completion", "text", "openai-dpo"],
    minExamples: 1,
    recommendedExamples: 0,
    maxExamples: 0,
    roles: ["system", "user", "assistant"],
    alternation: "strict",
    lastMustBeAssistant: false,
    systemMustBeFirst: true,
    extraKeys: "error",
    messageExtraKeys: "warning",
    weightRoles: ["system", "user", "assistant"],
    maxFileBytes: 50.1 * 2 ** 30, // MAX_FILE_SIZE_GB = 50.1 with NUM_BYTES_IN_GB = 2**30: GiB
    maxImagesPerExample: 10,
    imageUrls: { kinds: ["data"], formats: ["jpeg", "png", "webp"], maxBytes: 10 * 1024 * 1024 },
    sameContentKind: true,
    tokenLimits: {},
    sources: [
      "formats, no extra columns, roles, strict alternation, 10 images: together-python eba5e5f src/together/utils/files.py (Dec 2025)",
      "`weight` (integer 0 or 1) on any message, message keys beyond role/content not checked: together-python eba5e5f utils/files.py _check_message_weight, tests/unit/test_files_checks.py valid_weights_* (Dec 2025)",
      "all messages of a conversation strings or all content parts (\"must be either all in multimodal or all in text-only format\"): together-python eba5e5f utils/files.py validate_messages (Dec 2025)",
      "images only as data:image/{jpeg,png,webp};base64, URIs of at most 10 MiB, user messages only: together-python eba5e5f utils/files.py _check_message_content; docs.together.ai/docs/fine-tuning/vision (\"If your data references URLs, download and encode the images first\", read 2026-12)",
      "system first (\"must start with system or user\"): docs.together.ai/docs/fine-tuning/data-preparation (as cited in the project reference notes, 2026-07)",
      "50.1 GiB (MAX_FILE_SIZE_GB 50.1 × NUM_BYTES_IN_GB 2**30): together-python eba5e5f src/together/constants.py (Dec 2025); docs say 100 GB",
      "docs.together.ai/docs/fine-tuning/data-preparation (as cited in the project reference notes, 2026-07)",
    ],
  },
  {
    id: "mistral",
    title: "Mistral fine-tuning (mistral-finetune, La Plateforme)",
    formats: ["openai-chat", "text"],
    minExamples: 10,
    recommendedExamples: 0,
    maxExamples: 0,
    roles: ["system", "user", "assistant", "tool"],
    alternation: MISTRAL_TRANSITIONS,
    firstRoles: ["system", "user"],
    lastMustBeAssistant: true,
    systemMustBeFirst: false,
    extraKeys: "warning",
    maxFileBytes: 0,
    maxImagesPerExample: 0,
    toolCallIdPattern: "^[a-zA-Z0-9]{9}$",
    tokenLimits: {},
    sources: [
      "roles, transitions, first message system or user, last message assistant, 9-character tool call ids: mistral-common src/mistral_common/protocol/instruct/validator.py (as cited in the project reference notes, 2026-07)",
      "formats and min 10 lines: mistral-finetune 1943535 finetune/data (repository archived)",
    ],
  },
  {
    id: "fireworks",
    title: "Fireworks AI fine-tuning",
    formats: ["openai-chat", "openai-dpo"],
    minExamples: 3,
    recommendedExamples: 0,
    maxExamples: 3_000_000,
    roles: ["system", "user", "assistant"],
    alternation: "none",
    lastMustBeAssistant: false,
    systemMustBeFirst: true,
    extraKeys: "warning",
    maxFileBytes: 0,
    maxImagesPerExample: 0,
    imageUrls: { kinds: ["data"], formats: ["jpeg", "jpg", "png"], maxBytes: 0 },
    tokenLimits: {},
    sources: [
      "images base64 data URIs with a MIME type prefix, PNG, JPG, JPEG: docs.fireworks.ai/fine-tuning/fine-tuning-vlm (read 2026-12)",
      "roles, system optional and first, min 3, max 3,000,000: docs.fireworks.ai/fine-tuning/fine-tuning-models (as cited in the project reference notes, 2026-07)",
      "DPO limits: docs.fireworks.ai/fine-tuning/dpo-fine-tuning (as cited in the project reference notes, 2026-07)",
    ],
  },
  {
    id: "vertex",
    title: "Google Vertex AI Gemini supervised tuning",
    formats: ["gemini"],
    minExamples: 1,
    recommendedExamples: 100,
    maxExamples: 1_000_000,
    roles: [],
    alternation: "none",
    lastMustBeAssistant: false,
    systemMustBeFirst: false,
    extraKeys: "warning",
    maxFileBytes: 1 * GB,
    maxImagesPerExample: 0,
    tokenLimits: { "gemini-2.5-flash": 131_072, "gemini-2.5-flash-lite": 131_072 },
    sources: [
      "format, recommended 100: cloud.google.com/vertex-ai/generative-ai/docs/models/gemini-supervised-tuning-prepare (as cited in the project reference notes, 2026-07)",
      "1 GB file, 1M text-only examples, 131,072 tokens: cloud.google.com/vertex-ai/generative-ai/docs/models/tune-text-models-supervised (as cited in the project reference notes, 2026-07)",
    ],
  },
  {
    id: "bedrock",
    title: "Amazon Bedrock model customization (Nova and text models)",
    formats: ["bedrock-conversation", "prompt-completion", "openai-rft"],
    minExamples: 1,
    recommendedExamples: 100,
    maxExamples: 0,
    roles: [],
    alternation: "strict",
    lastMustBeAssistant: true,
    systemMustBeFirst: false,
    extraKeys: "warning",
    maxFileBytes: 0,
    maxImagesPerExample: 0,
    tokenLimits: {},
    sources: [
      "first turn user, last turn assistant, at least 100 samples recommended: docs.aws.amazon.com/nova/latest/userguide/fine-tune-prepare-data-understanding.html (as cited in the project reference notes, 2026-07)",
      "prompt/completion for text models: docs.aws.amazon.com/bedrock/latest/userguide/preparing-text-data.html (as cited in the project reference notes, 2026-07)",
      "alternation: the Converse API message format the Nova data follows",
    ],
  },
  {
    id: "generic",
    title: "Open-source trainers (TRL, axolotl, LLaMA-Factory): permissive",
    formats: "*",
    minExamples: 1,
    recommendedExamples: 0,
    maxExamples: 0,
    roles: [],
    alternation: "none",
    lastMustBeAssistant: false,
    systemMustBeFirst: false,
    extraKeys: "allowed",
    maxFileBytes: 0,
    maxImagesPerExample: 0,
    tokenLimits: {},
    sources: [
      "TRL ignores unsupported columns (trl f2cd577 trl/data_utils.py); LLaMA-Factory maps columns by dataset_info.json",
    ],
  },
];

/** Aliases that keep working with `--target`. */
export const TARGET_ALIASES: Record<string, string> = {
  "azure-openai": "azure",
  foundry: "azure",
  "together-ai": "together",
  gemini: "vertex",
  "vertex-ai": "vertex",
  nova: "bedrock",
  trl: "generic",
  axolotl: "generic",
  "llama-factory": "generic",
  llamafactory: "generic",
};

/** Resolves a `--target` name or throws a usage error listing the choices. */
export function resolveTarget(name: string): TargetProfile {
  const id = TARGET_ALIASES[name] ?? name;
  const t = targets.find((x) => x.id === id);
  if (!t) throw new FtdataUsageError(`unknown target "${name}"; expected one of: ${targets.map((x) => x.id).join(", ")}`);
  return t;
}

/** The rule settings a target stands for. */
export function targetRules(t: TargetProfile): RulesConfig {
  const rules: RulesConfig = {
    "examples-min-count": ["error", { min: t.minExamples }],
    "examples-recommended-count": t.recommendedExamples > 0 ? ["info", { recommended: t.recommendedExamples, min: t.minExamples }] : "off",
    "examples-max-count": t.maxExamples > 0 ? ["error", { max: t.maxExamples }] : "off",
    "format-unsupported": t.formats === "*" ? "off" : ["error", { formats: [...t.formats], target: t.id }],
    "message-role-unsupported": t.roles.length > 0 ? ["error", { roles: [...t.roles] }] : "off",
    "conversation-role-alternation": t.alternation === "none" ? "off" : ["error", { transitions: t.alternation === "strict" ? null : t.alternation, first: [...(t.firstRoles ?? [])] }],
    "conversation-last-not-assistant": t.lastMustBeAssistant ? "error" : "warning",
    "system-message-position": t.systemMustBeFirst ? "error" : "warning",
    "record-key-unknown": t.extraKeys === "allowed" ? "off" : t.extraKeys,
    "message-key-unknown": messageKeysSetting(t),
    "file-too-large": t.maxFileBytes > 0 ? [t.maxFileBytesSoft ? "warning" : "error", { maxBytes: t.maxFileBytes }] : "off",
    "example-images-too-many": t.maxImagesPerExample > 0 ? ["error", { max: t.maxImagesPerExample }] : "off",
  };
  if (t.toolCallIdPattern) rules["tool-call-id-invalid"] = ["error", { pattern: t.toolCallIdPattern }];
  if (t.weightRoles) rules["assistant-weight-invalid"] = ["error", { roles: [...t.weightRoles] }];
  rules["message-content-invalid"] = ["error", { images: t.imageUrls ? { kinds: [...t.imageUrls.kinds], formats: [...t.imageUrls.formats], maxBytes: t.imageUrls.maxBytes } : null, sameContentKind: t.sameContentKind === true }];
  return rules;
}

function messageKeysSetting(t: TargetProfile): RuleSetting {
  const level = t.messageExtraKeys ?? t.extraKeys;
  if (level === "allowed") return "off";
  const more = (t.weightRoles ?? []).filter((r) => r !== "assistant");
  return more.length > 0 ? [level, { allow: Object.fromEntries(more.map((r) => [r, ["weight"]])) }] : level;
}

/**
 * User settings win over the target's; a bare severity keeps the target's options
 * (`"examples-min-count": "warning"` under `--target together` still means min 1).
 */
export function mergeRuleSettings(base: RulesConfig, over: RulesConfig | undefined): RulesConfig {
  const out: RulesConfig = { ...base };
  for (const [id, setting] of Object.entries(over ?? {})) {
    const prev = base[id];
    const prevOptions = Array.isArray(prev) ? prev[1] : undefined;
    if (!Array.isArray(setting) && setting !== "off" && prevOptions) out[id] = [setting, prevOptions] as RuleSetting;
    else if (Array.isArray(setting) && prevOptions) out[id] = [setting[0], { ...prevOptions, ...(setting[1] ?? {}) }];
    else out[id] = setting;
  }
  return out;
}
