/**
 * OpenAI's default number of epochs (cookbook replica of the server default, formats.md §4.5):
 * 3, raised so that small files see ≥100 examples (at most 25), lowered so that big ones see
 * ≤25,000 (at least 1). 10 examples → 10 epochs; 5 → 20; 20,000 → 1.
 *
 * It lives with the planner, the lower room: `stats` re-exports it, so both commands pick the same
 * number of epochs for the same data and neither imports the other's operations.
 */
export function defaultEpochs(examples: number): number {
  if (examples <= 0) return 3;
  if (examples * 3 < 100) return Math.min(25, Math.floor(100 / examples));
  if (examples * 3 > 25_000) return Math.max(1, Math.floor(25_000 / examples));
  return 3;
}
