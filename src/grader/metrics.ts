import { porterStem } from "./porter.js";

/**
 * Text similarity metrics of OpenAI's text_similarity grader that need no model, implemented after
 * the libraries the graders guide names: rapidfuzz (fuzzy_match), NLTK (bleu, gleu, meteor) and
 * Google's rouge-score (rouge_1…rouge_5, rouge_l). All return a score in [0, 1].
 */

/** Length of the longest common subsequence of two sequences (two rows of the DP table). */
function lcs<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** rapidfuzz `fuzz.ratio` / 100: normalised Indel similarity, 1 - indel / (len(a) + len(b)). */
export function fuzzyMatch(input: string, reference: string): number {
  const a = [...input];
  const b = [...reference];
  const total = a.length + b.length;
  if (total === 0) return 1;
  return (2 * lcs(a, b)) / total;
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join("\x00");
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function total(m: Map<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let s = 0;
  for (const [k, v] of a) s += Math.min(v, b.get(k) ?? 0);
  return s;
}

const words = (s: string) => s.split(/\s+/).filter((w) => w !== "");

/**
 * NLTK `sentence_bleu` with its defaults: uniform weights over 1-4-grams, clipped counts against
 * the references, brevity penalty against the closest reference length, no smoothing (a zero
 * n-gram precision makes the score 0). Tokens are whitespace-separated words.
 */
export function bleu(hypothesis: string, references: string | readonly string[], maxN = 4): number {
  const hyp = words(hypothesis);
  const refs = (typeof references === "string" ? [references] : references).map(words);
  if (hyp.length === 0) return 0;
  let logSum = 0;
  for (let n = 1; n <= maxN; n++) {
    const h = ngrams(hyp, n);
    const maxRef = new Map<string, number>();
    for (const r of refs) for (const [k, v] of ngrams(r, n)) maxRef.set(k, Math.max(maxRef.get(k) ?? 0, v));
    const clipped = overlap(h, maxRef);
    if (clipped === 0) return 0;
    logSum += Math.log(clipped / Math.max(1, total(h))) / maxN;
  }
  const c = hyp.length;
  // Closest reference length; ties go to the shorter one (NLTK closest_ref_length).
  const r = refs.map((x) => x.length).reduce((best, len) => (Math.abs(len - c) < Math.abs(best - c) || (Math.abs(len - c) === Math.abs(best - c) && len < best) ? len : best), Infinity);
  const bp = c > r ? 1 : Math.exp(1 - r / c);
  return bp * Math.exp(logSum);
}

/** NLTK `sentence_gleu`: min(precision, recall) over all 1-4-grams, best reference. */
export function gleu(hypothesis: string, references: string | readonly string[], minN = 1, maxN = 4): number {
  const hyp = words(hypothesis);
  const everygrams = (t: string[]) => {
    const m = new Map<string, number>();
    for (let n = minN; n <= maxN; n++) for (const [k, v] of ngrams(t, n)) m.set(`${n}:${k}`, v);
    return m;
  };
  const h = everygrams(hyp);
  const tpfp = total(h);
  let best: [number, number, number] | undefined;
  for (const ref of (typeof references === "string" ? [references] : references).map(words)) {
    const r = everygrams(ref);
    const nAll = Math.max(tpfp, total(r));
    if (nAll === 0) continue;
    const tp = overlap(r, h);
    const cand: [number, number, number] = [tp / nAll, tp, nAll];
    // Python's max() over (score, tp, n_all) tuples.
    if (!best || cand[0] > best[0] || (cand[0] === best[0] && (cand[1] > best[1] || (cand[1] === best[1] && cand[2] > best[2])))) best = cand;
  }
  return best ? best[1] / best[2] : 0;
}

/** NLTK's _match_enums: from the last hypothesis word back, match the last equal reference word; matched words leave both lists. */
function matchEnums(hyp: Array<[number, string]>, ref: Array<[number, string]>, key: (w: string) => string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = hyp.length - 1; i >= 0; i--) {
    const h = key(hyp[i]![1]);
    for (let j = ref.length - 1; j >= 0; j--) {
      if (h === key(ref[j]![1])) {
        out.push([hyp[i]![0], ref[j]![0]]);
        hyp.splice(i, 1);
        ref.splice(j, 1);
        break;
      }
    }
  }
  return out;
}

/**
 * METEOR after NLTK `single_meteor_score` (alpha 0.9, beta 3, gamma 0.5, lower-cased words) with its
 * exact and Porter-stem alignment stages. NLTK's third stage (WordNet synonyms) is not shipped, so
 * paraphrases with synonyms score lower than with NLTK.
 */
export function meteor(hypothesis: string, reference: string, alpha = 0.9, beta = 3, gamma = 0.5): number {
  const hyp = words(hypothesis.toLowerCase()).map((w, i) => [i, w] as [number, string]);
  const ref = words(reference.toLowerCase()).map((w, i) => [i, w] as [number, string]);
  const hypLen = hyp.length;
  const refLen = ref.length;
  const matches = [...matchEnums(hyp, ref, (w) => w), ...matchEnums(hyp, ref, porterStem)];
  const m = matches.length;
  if (m === 0 || hypLen === 0 || refLen === 0) return 0;
  matches.sort((a, b) => a[0] - b[0]);
  let chunks = 1;
  for (let k = 0; k < matches.length - 1; k++) {
    if (!(matches[k + 1]![0] === matches[k]![0] + 1 && matches[k + 1]![1] === matches[k]![1] + 1)) chunks++;
  }
  const precision = m / hypLen;
  const recall = m / refLen;
  const fmean = (precision * recall) / (alpha * precision + (1 - alpha) * recall);
  const penalty = gamma * (chunks / m) ** beta;
  return (1 - penalty) * fmean;
}

/** rouge-score's default tokenizer: lower-case, anything but [a-z0-9] separates tokens, no stemming. */
export function rougeTokens(s: string): string[] {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, " ").split(" ").filter((t) => t !== "");
}

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

function fscore(precision: number, recall: number): RougeScore {
  return { precision, recall, fmeasure: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** rouge-score `RougeScorer(["rougeN"]).score(target, prediction)`. */
export function rougeN(target: string, prediction: string, n: number): RougeScore {
  const t = ngrams(rougeTokens(target), n);
  const p = ngrams(rougeTokens(prediction), n);
  const o = overlap(t, p);
  const tt = total(t);
  const pt = total(p);
  return fscore(pt > 0 ? o / pt : 0, tt > 0 ? o / tt : 0);
}

/** rouge-score `RougeScorer(["rougeL"]).score(target, prediction)`: longest common subsequence. */
export function rougeL(target: string, prediction: string): RougeScore {
  const t = rougeTokens(target);
  const p = rougeTokens(prediction);
  if (t.length === 0 || p.length === 0) return fscore(0, 0);
  const l = lcs(t, p);
  return fscore(l / p.length, l / t.length);
}

/** Metrics `ftdata grade` can compute locally; cosine needs an embedding model. */
export const LOCAL_METRICS = ["fuzzy_match", "bleu", "gleu", "meteor", "rouge_1", "rouge_2", "rouge_3", "rouge_4", "rouge_5", "rouge_l"] as const;

/** Score of a text_similarity grader: `input` is the sample side, `reference` the expected text. */
export function similarity(metric: string, input: string, reference: string): number {
  switch (metric) {
    case "fuzzy_match":
      return fuzzyMatch(input, reference);
    case "bleu":
      return bleu(input, reference);
    case "gleu":
      return gleu(input, reference);
    case "meteor":
      return meteor(input, reference);
    case "rouge_l":
      return rougeL(reference, input).fmeasure;
    default: {
      const m = /^rouge_([1-5])$/.exec(metric);
      if (m) return rougeN(reference, input, Number(m[1])).fmeasure;
      throw new Error(`metric ${metric} cannot be computed locally`);
    }
  }
}
