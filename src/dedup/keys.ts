import type { CanonicalExample, CanonicalMessage, JsonValue } from "../core/canonical.js";
import { repeatsAcrossExamples, textMemo } from "../core/text-memo.js";
import { fmix32, KeyBuilder, looseHash, normalizedHash, normalizedHashes, textHash } from "./text-hash.js";

/**
 * Duplicate keys live here so validators, `dedupe` and `split` agree on what "the same example",
 * "the same prompt" and "the same answer" mean. Keys cover the training content only: metadata
 * (ids, sources, timestamps: the canonical example's `extra`) never makes two otherwise identical
 * examples different. Normalisation applies to keys, never to the data that is written out.
 */

const SEP_FIELD = "\x1f";
const SEP_MESSAGE = "\x1e";
const SEP_PART = "\x1d";

export type Normalization = "none" | "standard" | "loose";

const NON_ASCII = /[^\x00-\x7f]/;
// U+FEFF is in JS \s, so zero-width characters go before whitespace is collapsed.
const ZERO_WIDTH = /[\uFEFF\u200B-\u200D\u2060]/g;
// replace(/\s{2,}|[^\S ]/g) was measured 2x faster than replace(/\s+/g) with the same result;
// U+0085 (NEL) is a line break for Python's splitlines() but not JS whitespace, so it is added.
const WS = /[\s\u0085]{2,}|[^\S ]|\u0085/g;
const ASCII_WS = /\s{2,}|[^\S ]/g;
const ASCII_PUNCT = /[!-/:-@[-`{-~]+/g;
const PUNCT = /[\p{P}\p{S}]+/gu;
const SPACES = / {2,}/g;

/**
 * Key normalisation.
 * - `standard`: NFKC, drop U+FEFF/U+200B–U+200D/U+2060, every whitespace run (CR, LF, U+2028,
 *   U+2029, U+0085, tabs…) to one space, trim. Case is kept.
 * - `loose`: standard, then lower-case, every run of Unicode punctuation or symbols (`\p{P}`,
 *   `\p{S}`) to one space, spaces collapsed, trim. Digits are kept: "What is 2+2?" and "What is
 *   3+3?" are different prompts, and mapping numbers away made them conflicting answers.
 */
export function normalizeText(text: string, level: Normalization): string {
  if (level === "none") return text;
  // Several key rules normalise the same message texts of a record in a row: remember the last few.
  // V8 caches a string's hash in the string itself, so a hit costs a lookup, not a rescan.
  const cache = level === "standard" ? standardCache : looseCache;
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const out = normalizeUncached(text, level);
  if (cache.size >= CACHE_ENTRIES) cache.clear();
  cache.set(text, out);
  return out;
}

const CACHE_ENTRIES = 256;
const standardCache = new Map<string, string>();
const looseCache = new Map<string, string>();

function normalizeUncached(text: string, level: "standard" | "loose"): string {
  if (level === "loose") {
    // loose = standard, then case and punctuation: start from the (cached) standard form.
    const std = normalizeText(text, "standard");
    const ascii = !NON_ASCII.test(std);
    const s = std.toLowerCase();
    return (ascii ? s.replace(ASCII_PUNCT, " ") : s.replace(PUNCT, " ")).replace(SPACES, " ").trim();
  }
  let s = text;
  const ascii = !NON_ASCII.test(s);
  if (!ascii) s = s.normalize("NFKC").replace(ZERO_WIDTH, "");
  return s.replace(ascii ? ASCII_WS : WS, " ").trim();
}

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` give the same key. */
export function canonicalJson(v: JsonValue | undefined): string {
  if (v === undefined) return "";
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return "[" + v.map((x) => canonicalJson(x)).join(",") + "]";
  const keys = Object.keys(v).sort();
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonicalJson(v[k])).join(",") + "}";
}

/** Tool-call arguments as written are a JSON string: compare their parsed, key-sorted form. */
function argumentsKey(args: string): string {
  if (args === "") return "";
  try {
    return canonicalJson(JSON.parse(args) as JsonValue);
  } catch {
    return args;
  }
}

function messageText(m: CanonicalMessage, level: Normalization): string {
  let out = m.role + SEP_FIELD + normalizeText(m.text, level);
  if (m.name !== undefined) out += SEP_FIELD + "name=" + m.name;
  if (m.toolCalls) for (const c of m.toolCalls) out += SEP_FIELD + c.name + SEP_FIELD + argumentsKey(c.arguments);
  if (m.role === "assistant" && !m.trainable) out += SEP_FIELD + "w0";
  if (m.images > 0) out += SEP_FIELD + `img${m.images}`;
  return out + SEP_MESSAGE;
}

export function messagesText(messages: readonly CanonicalMessage[] | undefined, level: Normalization): string {
  if (!messages) return "";
  let out = "";
  for (const m of messages) out += messageText(m, level);
  return out;
}

/** The whole example: prompt, answers, tools, label. Metadata (`extra`) is left out. */
export function exampleKeyText(ex: CanonicalExample, level: Normalization = "none"): string {
  let s = ex.kind + SEP_MESSAGE + messagesText(ex.messages, level);
  if (ex.chosen) s += SEP_PART + "chosen" + messagesText(ex.chosen, level);
  if (ex.rejected) s += SEP_PART + "rejected" + messagesText(ex.rejected, level);
  if (ex.label !== undefined) s += `${SEP_PART}label${ex.label}`;
  if (ex.tools) s += SEP_PART + "tools" + canonicalJson(ex.tools as unknown as JsonValue);
  return s;
}

/** Index of the trained answer of a chat/completion example: its last trainable assistant turn. */
function answerIndex(ex: CanonicalExample): number {
  if (ex.kind !== "chat" && ex.kind !== "completion") return -1;
  for (let i = ex.messages.length - 1; i >= 0; i--) {
    const m = ex.messages[i]!;
    if (m.role === "assistant" && m.trainable) return i;
  }
  return -1;
}

/** Messages before the trained answer (the prompt), or undefined when the example has no prompt. */
export function promptMessages(ex: CanonicalExample): readonly CanonicalMessage[] | undefined {
  if (ex.kind === "text") return undefined;
  if (ex.kind === "preference" || ex.kind === "rft") return ex.messages;
  const i = answerIndex(ex);
  return i === -1 ? ex.messages : ex.messages.slice(0, i);
}

/** The trained answer: the last trainable assistant turn, or the chosen answer of a preference pair. */
export function answerMessages(ex: CanonicalExample): readonly CanonicalMessage[] | undefined {
  if (ex.kind === "preference") return ex.chosen;
  const i = answerIndex(ex);
  return i === -1 ? undefined : [ex.messages[i]!];
}

/** Prompt key text (loose): the system prompt and tools count, since they change what is asked. */
export function promptKeyText(ex: CanonicalExample, level: Normalization = "loose"): string | undefined {
  const p = promptMessages(ex);
  if (!p || p.length === 0) return undefined;
  let s = messagesText(p, level);
  if (ex.tools) s += SEP_PART + "tools" + canonicalJson(ex.tools as unknown as JsonValue);
  return s;
}

/** Answer key text (standard): what the model is trained to say. */
export function answerKeyText(ex: CanonicalExample, level: Normalization = "standard"): string | undefined {
  const a = answerMessages(ex);
  if (!a || a.length === 0) return undefined;
  return messagesText(a, level);
}

/**
 * The default split group: the loose-normalised text of the first user message (so multi-turn
 * expansions, repeated questions and case/punctuation variants stay on one side). Falls back to
 * the whole prompt, then to the text of a `text` example.
 */
export function firstUserText(ex: CanonicalExample): string {
  for (const m of ex.messages) if (m.role === "user") return normalizeText(m.text, "loose");
  const p = promptKeyText(ex, "loose");
  if (p !== undefined) return p;
  return normalizeText(ex.messages.map((m) => m.text).join("\n"), "loose");
}

/** The text near-duplicate detection looks at: every non-system message and both answers. */
export function contentText(ex: CanonicalExample, part: "example" | "prompt" = "example"): string {
  const parts: string[] = [];
  const push = (ms: readonly CanonicalMessage[] | undefined) => {
    if (ms) for (const m of ms) if (m.role !== "system" && m.role !== "developer" && m.text !== "") parts.push(m.text);
  };
  if (part === "prompt") {
    push(promptMessages(ex));
  } else {
    push(ex.messages);
    push(ex.chosen);
    push(ex.rejected);
  }
  return parts.join("\n");
}

// Rules see one example after another, so a one-entry cache shares the keys between them
// (measured cheaper than a WeakMap, which costs more than computing a key).
let cachedFor: CanonicalExample | undefined;
/** A key not computed yet for the cached example. */
const NOT_YET = null;
let cachedExample: Uint32Array | null = NOT_YET;
let cachedPrompt: Uint32Array | undefined | null = NOT_YET;
let cachedAnswer: Uint32Array | undefined | null = NOT_YET;
let cachedLooseAnswer: number | undefined | null = NOT_YET;
/**
 * Lanes of each message text of the cached example, 6 words per message index: standard (the
 * example and answer keys), then loose (the prompt key, the loose answer key). Both forms of a text
 * come from one pass over it, whichever key asks first. Indexes: the messages, then the chosen
 * answer's, then the rejected one's. A slot holds lanes of the cached example when its epoch is
 * the current one (so nothing is cleared from one example to the next).
 */
let messageLaneCache = new Uint32Array(6 * 16);
let slotEpoch = new Int32Array(16);
let epoch = 0;

function cacheFor(ex: CanonicalExample): void {
  if (cachedFor === ex) return;
  cachedFor = ex;
  cachedExample = cachedPrompt = cachedAnswer = cachedLooseAnswer = NOT_YET;
  epoch++;
}

const builder = new KeyBuilder();
// Seeds keep the three kinds of key apart, and the parts of an example.
const SEED_EXAMPLE = 1;
const SEED_PROMPT = 2;
const SEED_ANSWER = 3;
const PART_CHOSEN = 0x43484f53;
const PART_REJECTED = 0x52454a45;
const PART_LABEL = 0x4c41424c;
const PART_TOOLS = 0x544f4f4c;
const PART_END = 0x454e4421;
const KIND_CODE: Record<CanonicalExample["kind"], number> = { chat: 1, completion: 2, text: 3, preference: 4, rft: 5, prompt: 6 };

/** Both forms' lanes of a text: standard h1, h2, length, then loose h1, h2, length. */
function bothForms(text: string): readonly [number, number, number, number, number, number] {
  normalizedHashes(text);
  return [textHash.h1, textHash.h2, textHash.length, looseHash.h1, looseHash.h2, looseHash.length];
}

// System prompts repeat across most examples of a dataset: their lanes are remembered (bounded).
const repeatedLanes = textMemo(bothForms, 2_000_000);

/**
 * Sets `textHash` to the lanes of a message text at `level`. `index` names a message of the cached
 * example (see messageLaneCache): both forms of its text are hashed in one pass and remembered.
 */
function messageLanes(m: CanonicalMessage, level: Normalization, index: number): void {
  if (level === "none") return normalizedHash(m.text, "none");
  let lanes: ArrayLike<number>;
  let o = level === "standard" ? 0 : 3;
  if (repeatsAcrossExamples(m.role)) lanes = repeatedLanes(m.text);
  else {
    if (index >= slotEpoch.length) growLaneCache(index + 1);
    lanes = messageLaneCache;
    const at = index * 6;
    if (slotEpoch[index] !== epoch) {
      slotEpoch[index] = epoch;
      normalizedHashes(m.text);
      messageLaneCache[at] = textHash.h1;
      messageLaneCache[at + 1] = textHash.h2;
      messageLaneCache[at + 2] = textHash.length;
      messageLaneCache[at + 3] = looseHash.h1;
      messageLaneCache[at + 4] = looseHash.h2;
      messageLaneCache[at + 5] = looseHash.length;
    }
    o += at;
  }
  textHash.h1 = lanes[o]!;
  textHash.h2 = lanes[o + 1]!;
  textHash.length = lanes[o + 2]!;
}

function growLaneCache(slots: number): void {
  const n = Math.max(slots, slotEpoch.length * 2);
  const lanes = new Uint32Array(6 * n);
  lanes.set(messageLaneCache);
  const epochs = new Int32Array(n);
  epochs.set(slotEpoch);
  messageLaneCache = lanes;
  slotEpoch = epochs;
}

// The lanes of the last few roles seen (`b.raw(role)` without hashing "assistant" once per key).
const ROLES_KEPT = 8;
const roleNames: string[] = [];
const roleLanes: number[] = [];

/** `b.raw(role)`, from the roles remembered. */
function addRole(b: KeyBuilder, role: string): void {
  let k = roleNames.indexOf(role);
  if (k === -1) {
    normalizedHash(role, "none");
    if (roleNames.length === ROLES_KEPT) (roleNames.length = 0), (roleLanes.length = 0);
    k = roleNames.push(role) - 1;
    roleLanes.push(textHash.h1, textHash.h2, textHash.length);
  }
  b.word(roleLanes[3 * k]!).word(roleLanes[3 * k + 1]!).word(roleLanes[3 * k + 2]!);
}

/**
 * One message into the key: the same fields as `messageText` (role, normalised text, name, tool
 * calls with arguments compared as parsed JSON, untrained assistant turns, image count).
 * `index` names the message in the cached example (see messageLaneCache).
 */
function addMessage(b: KeyBuilder, m: CanonicalMessage, level: Normalization, index: number): void {
  addRole(b, m.role);
  messageLanes(m, level, index);
  b.word(textHash.h1).word(textHash.h2).word(textHash.length);
  const untrained = m.role === "assistant" && !m.trainable;
  b.word((m.name !== undefined ? 1 : 0) | (untrained ? 2 : 0) | (m.images << 2));
  if (m.name !== undefined) b.raw(m.name);
  if (m.toolCalls) {
    b.word(m.toolCalls.length);
    for (const c of m.toolCalls) b.raw(c.name).raw(argumentsKey(c.arguments));
  } else b.word(0);
}

/** `ms` into the key; `first` is the cache index of its first message (see messageIndex). */
function addMessages(b: KeyBuilder, ms: readonly CanonicalMessage[], level: Normalization, first: number): void {
  b.word(ms.length);
  for (let i = 0; i < ms.length; i++) addMessage(b, ms[i]!, level, first + i);
}

function addTools(b: KeyBuilder, ex: CanonicalExample): void {
  if (ex.tools) b.word(PART_TOOLS).raw(canonicalJson(ex.tools as unknown as JsonValue));
}

/** The example key (standard): equal exactly when `exampleKeyText(ex, "standard")` is equal. */
export function exampleHash(ex: CanonicalExample): Uint32Array {
  cacheFor(ex);
  return (cachedExample ??= makeExampleHash(ex));
}

function makeExampleHash(ex: CanonicalExample): Uint32Array {
  const b = builder.reset(SEED_EXAMPLE).word(KIND_CODE[ex.kind]);
  addMessages(b, ex.messages, "standard", 0);
  if (ex.chosen) addMessages(b.word(PART_CHOSEN), ex.chosen, "standard", ex.messages.length);
  if (ex.rejected) addMessages(b.word(PART_REJECTED), ex.rejected, "standard", ex.messages.length + (ex.chosen?.length ?? 0));
  if (ex.label !== undefined) b.word(PART_LABEL).word(ex.label ? 1 : 0);
  addTools(b, ex);
  return b.word(PART_END).finish();
}

/** The prompt key (loose): equal exactly when `promptKeyText(ex)` is equal. */
export function promptHash(ex: CanonicalExample): Uint32Array | undefined {
  cacheFor(ex);
  if (cachedPrompt === NOT_YET) cachedPrompt = makePromptHash(ex);
  return cachedPrompt;
}

function makePromptHash(ex: CanonicalExample): Uint32Array | undefined {
  const p = promptMessages(ex);
  if (!p || p.length === 0) return undefined;
  const b = builder.reset(SEED_PROMPT);
  // The prompt is always the example's first messages: their lanes are shared with the example key.
  addMessages(b, p, "loose", 0);
  addTools(b, ex);
  return b.word(PART_END).finish();
}

/** The answer key (standard): equal exactly when `answerKeyText(ex)` is equal. */
export function answerHash(ex: CanonicalExample): Uint32Array | undefined {
  cacheFor(ex);
  if (cachedAnswer === NOT_YET) cachedAnswer = makeAnswerHash(ex);
  return cachedAnswer;
}

function makeAnswerHash(ex: CanonicalExample): Uint32Array | undefined {
  const b = builder.reset(SEED_ANSWER);
  if (ex.kind === "preference") {
    if (!ex.chosen || ex.chosen.length === 0) return undefined;
    addMessages(b, ex.chosen, "standard", ex.messages.length);
  } else {
    const i = answerIndex(ex);
    if (i === -1) return undefined;
    b.word(1);
    addMessage(b, ex.messages[i]!, "standard", i);
  }
  return b.word(PART_END).finish();
}

/**
 * The answer under loose normalisation, as prompt-answer-conflict compares answers ("Yes." and "Yes!"
 * agree): role, loose text, image count, tool calls with parsed arguments; 32 bits. Its text lanes are
 * the ones the other keys of the example already hashed.
 */
export function looseAnswerHash(ex: CanonicalExample): number | undefined {
  cacheFor(ex);
  if (cachedLooseAnswer === NOT_YET) cachedLooseAnswer = makeLooseAnswerHash(ex);
  return cachedLooseAnswer;
}

function makeLooseAnswerHash(ex: CanonicalExample): number | undefined {
  const chosen = ex.kind === "preference";
  const i = chosen ? ex.messages.length : answerIndex(ex); // cache index of the first answer message
  const answer = chosen ? ex.chosen : i === -1 ? undefined : [ex.messages[i]!];
  if (!answer || answer.length === 0) return undefined;
  const b = builder.reset(answer.length);
  for (let j = 0; j < answer.length; j++) {
    const m = answer[j]!;
    addRole(b, m.role);
    messageLanes(m, "loose", i + j);
    b.word(textHash.h1).word(textHash.h2).word(textHash.length).word(m.images);
    if (m.toolCalls) for (const c of m.toolCalls) b.raw(c.name).raw(argumentsKey(c.arguments));
  }
  return b.finish()[0]!;
}

// ---------------------------------------------------------------------------------------------
// MinHash

/** Permutations per signature and their LSH banding: 16 bands × 8 rows. */
export const MINHASH_PERMUTATIONS = 128;
export const LSH_BANDS = 16;
export const LSH_ROWS = 8;
/** Candidates are kept when their estimated Jaccard similarity reaches this. */
export const NEAR_DUP_THRESHOLD = 0.8;
/** Word 5-grams; texts with fewer words, or in scripts written without spaces, use character 5-grams. */
export const SHINGLE_SIZE = 5;
export const MIN_WORDS_FOR_WORD_SHINGLES = 30;
/**
 * Near-duplicate detection runs by default on files up to this many records (`--near-dup` lifts it).
 * Measured with bench/split.bench.mjs on 1M short records: MinHash + LSH cost ~8x the read-and-parse
 * time, 85-130 µs per record on this 2-core machine, and more on long records (it was 38% of a default
 * lint of the 20 MiB bench corpus). 10k records keep its cost near a second, so the default lint (the
 * hook path) stays fast; larger files ask for it with --near-dup.
 */
export const NEAR_DUP_DEFAULT_MAX_RECORDS = 10_000;

const SEEDS = (() => {
  const s = new Uint32Array(MINHASH_PERMUTATIONS);
  let x = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    x = (x + 0x6d2b79f5) >>> 0;
    s[i] = fmix32(x);
  }
  return s;
})();

// Han, Hiragana, Katakana, Hangul syllables, Thai, Lao, Khmer, Myanmar: written without spaces between words.
const UNSPACED = /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]/g;

function strHash(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// Permutation i maps a shingle hash y (already mixed by fmix32) to (A_i·y + B_i) mod 2^32 with A_i odd:
// one multiply-add per permutation. Measured 2–3x faster than fmix32(x ^ seed_i) per permutation,
// with the same bias (< 0.002) and spread (≈ √(J(1−J)/128)) of the Jaccard estimate on test sets.
const MUL = (() => {
  const a = new Uint32Array(MINHASH_PERMUTATIONS);
  for (let i = 0; i < a.length; i++) a[i] = (fmix32(SEEDS[i]! ^ 0x5bd1e995) | 1) >>> 0;
  return a;
})();

/**
 * Shingle hashes (fmix32-mixed) are collected in blocks and folded into the minima one permutation at
 * a time: its multiplier, offset and running minimum stay in registers. Measured 98 → 72 µs per record
 * of the 20 MiB bench corpus against updating all 128 minima per shingle; the minima are the same.
 */
const BLOCK = 4096;
const block = new Uint32Array(BLOCK);
let blockCount = 0;
const mins = new Uint32Array(MINHASH_PERMUTATIONS);

function addShingle(x: number): void {
  if (blockCount === BLOCK) foldBlock();
  block[blockCount++] = fmix32(x);
}

function foldBlock(): void {
  const n = blockCount;
  for (let i = 0; i < MINHASH_PERMUTATIONS; i++) {
    const a = MUL[i]!;
    const b = SEEDS[i]!;
    let min = mins[i]!;
    for (let j = 0; j < n; j++) {
      const h = (Math.imul(block[j]!, a) + b) >>> 0;
      if (h < min) min = h;
    }
    mins[i] = min;
  }
  blockCount = 0;
}

/**
 * The MinHash signature of a text, or undefined for a text with nothing to compare (empty after
 * loose normalisation). 128 hash functions ((A_i·y + B_i) mod 2^32) over the shingles; only 8 bits
 * of each minimum are kept (b-bit MinHash: the low byte of the mixed minimum): 128 bytes per record instead of 512, and the Jaccard
 * estimate is corrected for the 1/256 chance that two different minima share their low byte.
 */
export function minhashSignature(text: string, out: Uint8Array = new Uint8Array(MINHASH_PERMUTATIONS)): Uint8Array | undefined {
  const s = normalizeText(text, "loose");
  if (s === "") return undefined;
  mins.fill(0xffffffff);
  blockCount = 0;
  const words = s.split(" ");
  const unspaced = s.length > 0 && (s.match(UNSPACED)?.length ?? 0) * 2 > s.length - words.length + 1;
  if (words.length < MIN_WORDS_FOR_WORD_SHINGLES || unspaced) {
    const n = s.length - SHINGLE_SIZE + 1;
    if (n <= 1) addShingle(strHash(s, 0, s.length));
    else for (let i = 0; i < n; i++) addShingle(strHash(s, i, i + SHINGLE_SIZE));
  } else {
    const wh = new Uint32Array(words.length);
    for (let i = 0; i < words.length; i++) wh[i] = strHash(words[i]!, 0, words[i]!.length);
    for (let i = 0; i + SHINGLE_SIZE <= wh.length; i++) {
      let h = 0x2545f491;
      for (let k = 0; k < SHINGLE_SIZE; k++) h = fmix32((h ^ wh[i + k]!) + k);
      addShingle(h);
    }
  }
  foldBlock();
  // The byte kept must depend on all 32 bits of the minimum. The low byte of A_i·y + B_i depends only
  // on the low byte of y, the same for every i: two texts of one shingle each (five characters or
  // fewer) whose hashes shared a low byte agreed on all 128 bytes (similarity 1, 1 pair in 256).
  for (let i = 0; i < MINHASH_PERMUTATIONS; i++) out[i] = fmix32(mins[i]!) & 0xff;
  return out;
}

/** Estimated Jaccard similarity of two 8-bit MinHash signatures (b-bit correction applied). */
export function estimateJaccard(a: Uint8Array, aOff: number, b: Uint8Array, bOff: number): number {
  let eq = 0;
  for (let i = 0; i < MINHASH_PERMUTATIONS; i++) if (a[aOff + i] === b[bOff + i]) eq++;
  const m = eq / MINHASH_PERMUTATIONS;
  const c = 1 / 256;
  return Math.max(0, (m - c) / (1 - c));
}

/** 32-bit hash of one LSH band (8 signature bytes read as two uint32 words). */
export function bandHash(w0: number, w1: number, band: number): number {
  return fmix32((fmix32(w0 ^ SEEDS[band]!) ^ w1) + band);
}
