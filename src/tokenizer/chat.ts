/**
 * Tokens of one canonical example, split into prompt (context) and trained tokens.
 *
 * OpenAI chat formula (cookbook, reference/formats.md §4.2): every message costs
 * 3 + enc(role) + enc(content) (+ enc(name) + 1 when named), plus 3 for the reply priming; tool
 * definitions use the cookbook's estimator (§4.3); tool calls cost enc(name) + enc(arguments) + 3
 * (an inference: marked as an estimate); images follow the tile/patch rules (§4.4).
 * Trained tokens are the content (and tool calls) of trainable assistant messages (`trainable`:
 * weight 1), and of the preferred answer (`chosen`) for preference pairs.
 */
import type { CanonicalExample, CanonicalMessage, CanonicalTool, JsonValue } from "../core/canonical.js";
import { dataUrlImageSize, imageTokens } from "./images.js";
import type { ModelInfo } from "./models.js";

export type { ExampleTokens } from "../core/canonical.js";
import type { ExampleTokens } from "../core/canonical.js";

/** How to count: a string counter plus the model facts the formula needs. */
export interface CountContext {
  count(text: string): number;
  model?: ModelInfo;
  /** Name shown in results (model id or `hf:<path>`). */
  modelName: string;
  limit?: number;
  /** `openai`: the cookbook's chat formula; `template`: render with `render`; `plain`: text only. */
  mode: "openai" | "template" | "plain";
  /** Renders messages with a chat template (mode `template`). */
  render?: (messages: Array<{ role: string; content: string }>, tools: CanonicalTool[] | undefined) => string;
}

const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING = 3;
const TOOL_CALL_OVERHEAD = 3;

interface Acc {
  estimated: boolean;
  imagesUnknown: number;
}

function isObj(v: unknown): v is Record<string, JsonValue> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The raw message object a canonical message came from (its `path` inside the record). */
function rawAt(raw: JsonValue, path: readonly (string | number)[]): JsonValue | undefined {
  let cur: JsonValue | undefined = raw;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === "number") cur = cur[seg];
    else if (isObj(cur) && typeof seg === "string") cur = cur[seg];
    else return undefined;
  }
  return cur;
}

function imageTokensOf(msg: CanonicalMessage, ex: CanonicalExample, ctx: CountContext, acc: Acc): number {
  if (msg.images === 0) return 0;
  const raw = rawAt(ex.raw, msg.path);
  const parts = isObj(raw) && Array.isArray(raw.content) ? raw.content : [];
  let tokens = 0;
  let seen = 0;
  for (const part of parts) {
    if (!isObj(part) || part.type !== "image_url") continue;
    seen++;
    const iu = part.image_url;
    const url = isObj(iu) ? iu.url : typeof iu === "string" ? iu : undefined;
    const detail = isObj(iu) && typeof iu.detail === "string" ? iu.detail : undefined;
    const size = typeof url === "string" ? dataUrlImageSize(url) : undefined;
    const n = ctx.model?.vision ? imageTokens(ctx.model.vision, size, detail) : undefined;
    if (n === undefined) {
      acc.imagesUnknown++;
      acc.estimated = true;
    } else tokens += n;
  }
  if (seen < msg.images) {
    acc.imagesUnknown += msg.images - seen;
    acc.estimated = true;
  }
  return tokens;
}

function trimDot(s: string): string {
  return s.endsWith(".") ? s.slice(0, -1) : s;
}

/** Cookbook estimator for function definitions; nested schemas are undercounted (marked estimated). */
function toolDefinitionTokens(tools: readonly CanonicalTool[], ctx: CountContext, acc: Acc): number {
  if (tools.length === 0) return 0;
  const funcInit = ctx.model?.funcInit ?? 7;
  let n = 0;
  for (const t of tools) {
    n += funcInit + ctx.count(`${t.name}:${trimDot(t.description ?? "")}`);
    const props = isObj(t.parameters) && isObj(t.parameters.properties) ? t.parameters.properties : undefined;
    if (!props || Object.keys(props).length === 0) continue;
    n += 3;
    for (const [key, p] of Object.entries(props)) {
      n += 3;
      const prop = isObj(p) ? p : {};
      if (Array.isArray(prop.enum)) {
        n -= 3;
        for (const item of prop.enum) n += 3 + ctx.count(typeof item === "string" ? item : JSON.stringify(item));
      }
      const type = typeof prop.type === "string" ? prop.type : JSON.stringify(prop.type ?? "");
      if (isObj(prop.properties) || isObj(prop.items) || prop.anyOf !== undefined || prop.oneOf !== undefined) acc.estimated = true;
      n += ctx.count(`${key}:${type}:${trimDot(typeof prop.description === "string" ? prop.description : "")}`);
    }
  }
  return n + 12;
}

/** Tokens of one message, split into its trained part (content + tool calls) and its overhead. */
function messageTokens(msg: CanonicalMessage, ex: CanonicalExample, ctx: CountContext, acc: Acc): { overhead: number; body: number } {
  let body = ctx.count(msg.text) + imageTokensOf(msg, ex, ctx, acc);
  if (msg.toolCalls) {
    acc.estimated = true;
    for (const c of msg.toolCalls) body += ctx.count(c.name) + ctx.count(c.arguments) + TOOL_CALL_OVERHEAD;
  }
  if (ctx.mode !== "openai") return { overhead: 0, body };
  let overhead = TOKENS_PER_MESSAGE + ctx.count(msg.role);
  if (msg.name !== undefined) overhead += ctx.count(msg.name) + TOKENS_PER_NAME;
  if (msg.toolCallId !== undefined) overhead += ctx.count(msg.toolCallId);
  return { overhead, body };
}

/** Sum over a message list, tracking where the first trained token starts. */
function sequenceTokens(messages: readonly CanonicalMessage[], ex: CanonicalExample, ctx: CountContext, acc: Acc, trainAll: boolean | undefined, start: number) {
  let total = 0;
  let trained = 0;
  let trainedStart: number | undefined;
  for (const m of messages) {
    const { overhead, body } = messageTokens(m, ex, ctx, acc);
    const isTrained = trainAll ?? m.trainable;
    if (isTrained && trainedStart === undefined) trainedStart = start + total + overhead;
    total += overhead + body;
    if (isTrained) trained += body;
  }
  return { total, trained, trainedStart };
}

/**
 * Counts one example: prompt and trained tokens, the longest sequence, estimates flagged.
 * Chat: trained = trainable assistant turns. Preference: trained = the chosen answer; the rejected
 * answer adds to `total` but not to `sequence`. RFT: nothing is trained from the data.
 */
export function countExampleTokens(ex: CanonicalExample, ctx: CountContext): ExampleTokens {
  // Plain text and prompt/completion examples have no chat framing to count.
  if (ctx.mode === "openai" && (ex.kind === "text" || ex.kind === "completion")) ctx = { ...ctx, mode: "plain" };
  const acc: Acc = { estimated: ctx.mode === "plain" && ex.kind !== "text" && ex.kind !== "completion", imagesUnknown: 0 };
  let result: Omit<ExampleTokens, "model" | "estimated" | "imagesUnknown">;
  if (ctx.mode === "template" && ctx.render) {
    result = templateTokens(ex, ctx, acc);
  } else {
    const tools = ex.tools ? toolDefinitionTokens(ex.tools, ctx, acc) : 0;
    const priming = ctx.mode === "openai" ? REPLY_PRIMING : 0;
    if (ex.kind === "preference") {
      const prompt = sequenceTokens(ex.messages, ex, ctx, acc, false, tools);
      const base = tools + prompt.total + priming;
      const chosen = sequenceTokens(ex.chosen ?? [], ex, ctx, acc, true, base);
      const rejected = sequenceTokens(ex.rejected ?? [], ex, ctx, acc, false, base);
      result = {
        total: base + chosen.total + rejected.total,
        prompt: base + chosen.total - chosen.trained + rejected.total,
        trained: chosen.trained,
        sequence: base + Math.max(chosen.total, rejected.total),
        chosen: chosen.total,
        rejected: rejected.total,
      };
      if (chosen.trainedStart !== undefined) result.trainedStart = chosen.trainedStart;
    } else {
      const trainAll = ex.kind === "rft" ? false : undefined;
      const seq = sequenceTokens(ex.messages, ex, ctx, acc, trainAll, tools);
      const total = tools + seq.total + priming;
      result = { total, prompt: total - seq.trained, trained: seq.trained, sequence: total };
      if (seq.trainedStart !== undefined) result.trainedStart = seq.trainedStart;
    }
  }
  const out: ExampleTokens = { model: ctx.modelName, ...result, estimated: acc.estimated, imagesUnknown: acc.imagesUnknown };
  if (ctx.limit !== undefined) out.limit = ctx.limit;
  return out;
}

/** Open-weight models: the chat template renders the whole conversation; trained = answer text. */
function templateTokens(ex: CanonicalExample, ctx: CountContext, acc: Acc): Omit<ExampleTokens, "model" | "estimated" | "imagesUnknown"> {
  const render = ctx.render!;
  const plain = (ms: readonly CanonicalMessage[]) => ms.map((m) => ({ role: m.role, content: m.text }));
  if (ex.kind === "preference") {
    const prompt = plain(ex.messages);
    const chosenSeq = ctx.count(render([...prompt, ...plain(ex.chosen ?? [])], ex.tools));
    const rejectedSeq = ctx.count(render([...prompt, ...plain(ex.rejected ?? [])], ex.tools));
    const base = ctx.count(render(prompt, ex.tools));
    const trained = (ex.chosen ?? []).reduce((n, m) => n + ctx.count(m.text), 0);
    const out = { total: chosenSeq + rejectedSeq - base, prompt: chosenSeq + rejectedSeq - base - trained, trained, sequence: Math.max(chosenSeq, rejectedSeq), chosen: chosenSeq - base, rejected: rejectedSeq - base } as Omit<ExampleTokens, "model" | "estimated" | "imagesUnknown">;
    if (trained > 0) out.trainedStart = base;
    return out;
  }
  const all = ctx.count(render(plain(ex.messages), ex.tools));
  let trained = 0;
  let trainedStart: number | undefined;
  ex.messages.forEach((m, i) => {
    if (!m.trainable || ex.kind === "rft") return;
    // Where the answer starts: the rendered prefix before it. Template boundaries are approximate.
    if (trainedStart === undefined) {
      trainedStart = ctx.count(render(plain(ex.messages.slice(0, i)), ex.tools));
    }
    trained += ctx.count(m.text);
  });
  const out: Omit<ExampleTokens, "model" | "estimated" | "imagesUnknown"> = { total: all, prompt: all - trained, trained, sequence: all };
  if (trainedStart !== undefined) out.trainedStart = trainedStart;
  return out;
}
