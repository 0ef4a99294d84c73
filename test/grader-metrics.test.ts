import { describe, expect, test } from "vitest";
import { bleu, fuzzyMatch, gleu, meteor, rougeL, rougeN, similarity } from "../src/grader/metrics.js";
import { porterStem } from "../src/grader/porter.js";
import { runGrader } from "../src/grader/run.js";

// The NLTK documentation's running example (nltk/translate/bleu_score.py, gleu_score.py, meteor_score.py docstrings).
const hyp1 = "It is a guide to action which ensures that the military always obeys the commands of the party";
const hyp2 = "It is to insure the troops forever hearing the activity guidebook that party direct";
const ref1 = "It is a guide to action that ensures that the military will forever heed Party commands";
const ref2 = "It is the guiding principle which guarantees the military forces always being under the command of the Party";
const ref3 = "It is the practical guide for the army always to heed the directions of the party";

describe("published reference values", () => {
  test("fuzzy_match = rapidfuzz fuzz.ratio / 100 (rapidfuzz docs: ratio('this is a test', 'this is a test!') = 96.55…)", () => {
    expect(fuzzyMatch("this is a test", "this is a test!")).toBeCloseTo(0.9655172413793104, 12);
    expect(fuzzyMatch("abc", "abc")).toBe(1);
    expect(fuzzyMatch("abc", "xyz")).toBe(0);
  });

  test("bleu = NLTK sentence_bleu (docstring: sentence_bleu([reference1, reference2, reference3], hypothesis1) = 0.5045…)", () => {
    expect(bleu(hyp1, [ref1, ref2, ref3])).toBeCloseTo(0.5045666840058485, 12);
    expect(bleu(ref1, ref1)).toBeCloseTo(1, 12);
    // No smoothing: a hypothesis without any matching 4-gram scores 0, as in NLTK.
    expect(bleu("the cat", "the cat sat on the mat")).toBe(0);
  });

  test("gleu = NLTK sentence_gleu (docstring: 0.4393…, 0.1206…, and 'the the the…' = 0.0909…)", () => {
    expect(gleu(hyp1, [ref1])).toBeCloseTo(0.4393939393939394, 12);
    expect(gleu(hyp2, [ref1])).toBeCloseTo(0.1206896551724138, 12);
    expect(gleu("the the the the the the the", ["the cat is on the mat"])).toBeCloseTo(0.0909090909090909, 12);
  });

  test("meteor = NLTK single_meteor_score without WordNet (docstring pair: 12 matches in 6 chunks → 0.6944)", () => {
    // NLTK prints 0.7398 for this pair because WordNet also aligns always~forever (13 matches, 7 chunks);
    // exact and stem stages give 12 matches: P = 12/18, R = 12/16, Fmean = 0.7407, penalty = 0.5 × (6/12)^3 → 0.6944.
    expect(meteor(hyp1, ref1)).toBeCloseTo(0.6944444444444445, 12);
    // The stem stage: "commanded" ~ "commands" and "ran" ≠ "run" (no WordNet): 2 of 3 words in one chunk.
    expect(meteor("they commanded troops", "they commands armies")).toBeCloseTo(((2 / 3) * (2 / 3)) / ((0.9 * 2) / 3 + (0.1 * 2) / 3) * (1 - 0.5 * (1 / 2) ** 3), 12);
    // Docstring: meteor_score(['this is a cat'], 'non matching hypothesis') = 0.0
    expect(meteor("non matching hypothesis", "this is a cat")).toBe(0);
  });

  test("rouge = google-research rouge-score (rouge_scorer_test.py: score('testing one two', 'testing'))", () => {
    expect(rougeN("testing one two", "testing", 1)).toEqual({ precision: 1, recall: 1 / 3, fmeasure: 0.5 });
    expect(rougeN("testing one two", "testing one", 2)).toEqual({ precision: 1, recall: 0.5, fmeasure: 2 / 3 });
    expect(rougeL("testing one two", "testing two")).toEqual({ precision: 1, recall: 2 / 3, fmeasure: 0.8 });
    // The default tokenizer lower-cases and splits on anything but [a-z0-9].
    expect(rougeN("Testing, ONE-two!", "testing one two", 1).fmeasure).toBe(1);
  });

  test("similarity() dispatches on evaluation_metric; cosine cannot run locally", () => {
    expect(similarity("rouge_1", "testing", "testing one two")).toBe(0.5);
    expect(similarity("rouge_l", "testing two", "testing one two")).toBeCloseTo(0.8, 12);
    expect(() => similarity("cosine", "a", "b")).toThrow(/locally/);
  });
});

describe("Porter stemmer (METEOR's stem stage)", () => {
  // Examples from M. F. Porter (1980), "An algorithm for suffix stripping", Program 14(3), carried through all steps.
  const cases: Record<string, string> = {
    caresses: "caress", ponies: "poni", ties: "ti", cats: "cat", feed: "feed", agreed: "agre", plastered: "plaster",
    bled: "bled", motoring: "motor", sing: "sing", conflated: "conflat", hopping: "hop", tanned: "tan", falling: "fall",
    hissing: "hiss", fizzed: "fizz", failing: "fail", filing: "file", happy: "happi", sky: "sky", relational: "relat",
    conditional: "condit", generalizations: "gener", oscillators: "oscil", triplicate: "triplic", electrical: "electr",
    hopeful: "hope", goodness: "good", revival: "reviv", allowance: "allow", inference: "infer", airliner: "airlin",
    adjustable: "adjust", defensible: "defens", replacement: "replac", adoption: "adopt", communism: "commun",
    activate: "activ", effective: "effect", bowdlerize: "bowdler", probate: "probat", rate: "rate", cease: "ceas", roll: "roll",
  };
  test.each(Object.entries(cases))("%s → %s", (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });
});

describe("local grader runs", () => {
  const item = { reference_answer: "Paris", meta: { alt: "paris, france" } };
  const sample = (t: string) => ({ output_text: t });
  test("string_check operations eq, ne, like, ilike", () => {
    const g = (operation: string, reference = "{{item.reference_answer}}") => ({ type: "string_check", name: "x", input: "{{sample.output_text}}", reference, operation });
    expect(runGrader(g("eq"), { item, sample: sample("Paris") })).toBe(1);
    expect(runGrader(g("eq"), { item, sample: sample("paris") })).toBe(0);
    expect(runGrader(g("ne"), { item, sample: sample("Lyon") })).toBe(1);
    expect(runGrader(g("like"), { item, sample: sample("It is Paris.") })).toBe(1);
    expect(runGrader(g("like"), { item, sample: sample("It is paris.") })).toBe(0);
    expect(runGrader(g("ilike", "{{item.meta.alt}}"), { item, sample: sample("PARIS, France") })).toBe(1);
  });
  test("multi evaluates calculate_output over its sub-graders", () => {
    const multi = {
      type: "multi",
      graders: {
        exact: { type: "string_check", name: "e", input: "{{sample.output_text}}", reference: "{{item.reference_answer}}", operation: "eq" },
        close: { type: "text_similarity", name: "c", input: "{{sample.output_text}}", reference: "{{item.reference_answer}}", evaluation_metric: "fuzzy_match" },
      },
      calculate_output: "0.5 * exact + 0.5 * close",
    };
    expect(runGrader(multi, { item, sample: sample("Paris") })).toBe(1);
    expect(runGrader(multi, { item, sample: sample("Pari") })).toBeCloseTo(0.5 * (8 / 9), 12);
  });
});
