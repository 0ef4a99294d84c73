import type { Command } from "../command.js";

/** Commands by name, loaded only when run. */
export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  lint: { summary: "Check datasets for schema and quality problems", load: async () => (await import("./lint.js")).default },
  grade: { summary: "Dry-run an RFT grader on the data, with a field as the model answer", load: async () => (await import("./grade.js")).default },
};
