import { FtdataUsageError } from "../core/errors.js";
import type { Command } from "./command.js";
import type { CliIO } from "./io.js";

/** Runs one command: its --help, or the command, with usage errors as exit code 2. */
export async function runCommand(name: string, command: Command, rest: string[], io: CliIO): Promise<number> {
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(command.help());
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof FtdataUsageError || isParseArgsError(err)) {
      io.stderr.write(`ftdata ${name}: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: string } | undefined)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}
