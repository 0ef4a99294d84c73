import { defineRule } from "../core/rule.js";
import type { CanonicalMessage } from "../core/canonical.js";

/** Longest repeated unit looked for, in tokens (words and punctuation marks): a long sentence. */
const MAX_PERIOD = 64;
/** Characters of the repeated unit shown in the message. */
const SHOWN = 60;

// Tokens: words (letters, digits, marks, "_"), and runs of one punctuation or symbol character (a rule
// line "-----" or an ellipsis "......" is one token, not a unit repeated); whitespace separates.
// Character classes: 0 word, 1 space, 2 punctuation or symbol. ASCII is tabled; other BMP characters are
// classified the first time they are seen; astral ones (emoji, rare scripts) count as words.
const WORD = 0;
const SPACE = 1;
const MARK = 2;
const CLASS = new Uint8Array(65536).fill(255);
function classOf(c: number): number {
  let k = CLASS[c]!;
  if (k === 255) {
    const ch = String.fromCharCode(c);
    k = /[\p{L}\p{M}\p{N}_]/u.test(ch) || (c >= 0xd800 && c <= 0xdfff) ? WORD : /[\s\u0085]/.test(ch) ? SPACE : MARK;
    CLASS[c] = k;
  }
  return k;
}

// Reused between calls: token hashes and start offsets.
let ids = new Int32Array(1024);
let starts = new Int32Array(1024);

/** Splits `text` into tokens (case-folded ASCII), hashed; returns how many. */
function tokenize(text: string): number {
  if (ids.length < text.length + 1) {
    ids = new Int32Array(text.length + 1);
    starts = new Int32Array(text.length + 1);
  }
  let n = 0;
  let i = 0;
  const len = text.length;
  while (i < len) {
    const c = text.charCodeAt(i);
    const k = classOf(c);
    if (k === SPACE) {
      i++;
      continue;
    }
    starts[n] = i;
    let h = 0x811c9dc5 ^ k;
    if (k === MARK) {
      // A run of the same mark is one token.
      while (i < len && text.charCodeAt(i) === c) i++;
      h = Math.imul(h ^ c, 0x01000193);
    } else {
      while (i < len) {
        let d = text.charCodeAt(i);
        if (classOf(d) !== WORD) break;
        if (d >= 65 && d <= 90) d |= 0x20;
        h = Math.imul(h ^ d, 0x01000193);
        i++;
      }
    }
    ids[n++] = h;
  }
  starts[n] = len;
  return n;
}

export interface Repetition {
  /** The repeated unit as written (its first occurrence). */
  unit: string;
  /** Back-to-back occurrences of the unit. */
  repeats: number;
  /** Tokens the repeated stretch covers, and tokens in the text. */
  covered: number;
  tokens: number;
}

const candidate = new Uint8Array(MAX_PERIOD + 1);

/**
 * The longest stretch of `text` made of one unit of up to MAX_PERIOD tokens repeated back to back,
 * among the stretches that could count: at least `minRepeats` repeats and `minShare` of the tokens.
 * For a period p, one pass counts the positions whose token equals the token p before: a run of L
 * such positions is a unit of p tokens repeated (L + p) / p times.
 *
 * Linear time: a stretch of c tokens contains one of the probe positions 0, c-1, 2(c-1)…, and at a
 * probe q inside a stretch of period p, the token p after q or p before it is the same as q's. So
 * only the periods at which a probe's token recurs are scanned: a few, not 64. O(n + probes · 64 +
 * n · candidate periods) time, O(n) memory.
 */
export function longestRepetition(text: string, minRepeats = 2, minShare = 0): Repetition | undefined {
  const n = tokenize(text);
  let bestCovered = 0;
  let bestPeriod = 0;
  let bestStart = 0;
  // A unit of p tokens repeated minRepeats times needs p · minRepeats tokens: longer ones cannot count.
  const reps = Math.max(2, minRepeats);
  const maxPeriod = Math.min(MAX_PERIOD, Math.floor(n / reps));
  if (maxPeriod === 0) return undefined;
  const minCovered = Math.max(reps, Math.ceil(minShare * n));
  const step = Math.max(1, minCovered - 1);
  candidate.fill(0);
  for (let q = 0; q < n; q += step) {
    const t = ids[q]!;
    for (let p = 1; p <= maxPeriod; p++) if ((q + p < n && ids[q + p] === t) || (q >= p && ids[q - p] === t)) candidate[p] = 1;
  }
  for (let p = 1; p <= maxPeriod; p++) {
    if (candidate[p] === 0) continue;
    let run = 0;
    for (let i = p; i <= n; i++) {
      if (i < n && ids[i] === ids[i - p]) {
        run++;
        continue;
      }
      // positions i-run .. i-1 equal the token p before: tokens i-run-p .. i-1 repeat a unit of p.
      const covered = run + p;
      if (run >= p && covered > bestCovered) {
        bestCovered = covered;
        bestPeriod = p;
        bestStart = i - run - p;
      }
      run = 0;
    }
  }
  if (bestPeriod === 0) return undefined;
  // Any rotation of the unit repeats over the stretch: show the one that reads as written, a unit that
  // starts with a word and ends with a mark ("I hope this helps.", not ". I hope this helps").
  const isWord = (i: number) => classOf(text.charCodeAt(starts[i]!)) === WORD;
  let k = 0;
  for (let r = 0; r < bestPeriod && r + bestPeriod <= bestCovered - bestPeriod; r++) {
    if (isWord(bestStart + r) && !isWord(bestStart + r + bestPeriod - 1)) {
      k = r;
      break;
    }
  }
  const from = starts[bestStart + k]!;
  const to = starts[bestStart + k + bestPeriod]!;
  return { unit: text.slice(from, to).trim(), repeats: Math.floor((bestCovered - k) / bestPeriod), covered: bestCovered, tokens: n };
}

/**
 * Degenerate repetition inside one answer: one phrase or sentence repeated back to back, as in a
 * model that looped while generating the data (the OpenAI cookbook's toy dataset has "Eat a banana!"
 * 2,000 times in one answer). Training on it teaches the loop. Flagged when one unit of up to 64
 * words or marks repeats at least `minRepeats` times in a row and that stretch is at least `minShare`
 * of the answer; defaults (10 times, half of the answer) give no finding on LLaMA-Factory's demo data
 * or the cookbook's other examples. A warning: the text may be intended (a drill, a test string).
 */
export default defineRule({
  meta: {
    id: "assistant-content-repetitive",
    description:
      "An assistant answer should not be one phrase repeated over and over (degenerate repetition): flagged when a unit of up to 64 words or marks repeats at least 10 times in a row and covers at least half of the answer.",
    formats: "*",
    defaultSeverity: "warning",
    messages: {
      repetitive: "Assistant answer repeats \"{{unit}}\" {{repeats}} times in a row ({{percent}}% of the answer)",
    },
  },
  defaultOptions: { minRepeats: 10, minShare: 0.5 },
  create(ctx) {
    const { minRepeats, minShare } = ctx.options;
    const check = (ms: readonly CanonicalMessage[] | undefined, at: { line: number; record: number }) => {
      if (!ms) return;
      for (const m of ms) {
        if (m.role !== "assistant" || m.text.length === 0) continue;
        const r = longestRepetition(m.text, minRepeats, minShare);
        if (!r || r.repeats < minRepeats || r.covered < minShare * r.tokens) continue;
        const unit = r.unit.length > SHOWN ? r.unit.slice(0, SHOWN - 1) + "…" : r.unit;
        ctx.report({
          messageId: "repetitive",
          at,
          path: m.contentPath ?? [...m.path, "content"],
          data: { unit, repeats: r.repeats, percent: Math.round((100 * r.covered) / r.tokens) },
          hint: "regenerate or cut the answer: training on a loop teaches the model to loop",
        });
      }
    };
    return {
      record(example, at) {
        // A rejected answer, or one labelled undesirable (KTO), is meant to be bad: it may loop. LLaMA-Factory's
        // KTO layout (`messages` + `label`) is read as chat, with its label among the extra fields.
        if (example.label === false || example.extra["label"] === false || example.extra["kto_tag"] === false) return;
        check(example.messages, at);
        check(example.chosen, at);
      },
    };
  },
});
