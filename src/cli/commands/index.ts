import type { Command } from "../command.js";

/** Commands by name, loaded only when run. */
export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  lint: { summary: "Check datasets for schema and quality problems", load: async () => (await import("./lint.js")).default },
  stats: { summary: "Token counts, lengths, limits and cost estimates per file", load: async () => (await import("./stats.js")).default },
  plan: { summary: "Estimate GPU memory for full fine-tuning, LoRA and QLoRA", load: async () => (await import("./plan.js")).default },
};
