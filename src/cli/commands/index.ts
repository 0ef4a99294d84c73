import type { Command } from "../command.js";

/**
 * Commands by name, each loaded only when run (the hook path loads lint alone). Their summaries live
 * in the command definitions; `ftdata --help` and docs/cli.md load them all.
 */
export const commands: Record<string, () => Promise<Command>> = {
  lint: async () => (await import("./lint.js")).default,
  stats: async () => (await import("./stats.js")).default,
  report: async () => (await import("./report.js")).default,
  split: async () => (await import("./split.js")).default,
  dedupe: async () => (await import("./dedupe.js")).default,
  convert: async () => (await import("./convert.js")).default,
  grade: async () => (await import("./grade.js")).default,
  plan: async () => (await import("./plan.js")).default,
  rules: async () => (await import("./rules.js")).default,
  targets: async () => (await import("./targets.js")).default,
  init: async () => (await import("./init.js")).default,
};

/** Every command, in the order of `ftdata --help`. */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(commands).map((load) => load()));
}
