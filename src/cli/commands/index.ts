import type { Command } from "../command.js";

/** Commands by name, loaded only when run. */
export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  lint: { summary: "Check datasets for schema and quality problems", load: async () => (await import("./lint.js")).default },
  split: { summary: "Write reproducible, group-aware train/holdout splits", load: async () => (await import("./split.js")).default },
  dedupe: { summary: "Write a copy of a dataset without duplicate examples", load: async () => (await import("./dedupe.js")).default },
};
