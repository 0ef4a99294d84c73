import type { Command } from "../command.js";

/** Commands by name, loaded only when run. */
export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  lint: { summary: "Check datasets for schema and quality problems", load: async () => (await import("./lint.js")).default },
  init: { summary: "Write a starter ftdata.config.json and print hook and CI snippets", load: async () => (await import("./init.js")).default },
};
