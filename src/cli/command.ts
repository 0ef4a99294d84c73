import type { CliIO } from "./io.js";

/** A CLI command: its help text and a run function returning the exit code. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(argv: string[], io: CliIO): Promise<number>;
}
