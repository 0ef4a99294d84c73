import type { Command } from "../command.js";

/** Commands by name, loaded only when run. */
export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  lint: { summary: "Check datasets for schema and quality problems", load: async () => (await import("./lint.js")).default },
  grade: { summary: "Dry-run an RFT grader on the data, with a field as the model answer", load: async () => (await import("./grade.js")).default },
  convert: { summary: "Convert a dataset to another format", load: async () => (await import("./convert.js")).default },
  targets: { summary: "List platform profiles for --target", load: async () => (await import("./targets.js")).default },
  report: { summary: "Write a self-contained HTML report of datasets", load: async () => (await import("./report.js")).default },
  init: { summary: "Write a starter ftdata.config.json and print hook and CI snippets", load: async () => (await import("./init.js")).default },
  stats: { summary: "Token counts, lengths, limits and cost estimates per file", load: async () => (await import("./stats.js")).default },
  plan: { summary: "GPU, CPU RAM and disk per method; batch and accumulation for your GPU", load: async () => (await import("./plan.js")).default },
  split: { summary: "Write reproducible, group-aware train/holdout splits", load: async () => (await import("./split.js")).default },
  dedupe: { summary: "Write a copy of a dataset without duplicate examples", load: async () => (await import("./dedupe.js")).default },
};
