import { VERSION } from "../core/report.js";
import { commands, loadCommands } from "./commands/index.js";
import { defaultIO, type CliIO } from "./io.js";
import { runCommand } from "./run-command.js";

/** `ftdata --help`: the command list, from the command definitions. */
export async function topHelp(): Promise<string> {
  const all = await loadCommands();
  const w = Math.max(...all.map((c) => c.name.length));
  return [
    "ftdata — validate and prepare fine-tuning datasets",
    "",
    "Usage: ftdata <command> [options]",
    "",
    "Commands:",
    ...all.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    "",
    "Run `ftdata <command> --help` for a command's options.",
    "Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage error or unreadable input.",
    "",
  ].join("\n");
}

/** Runs the CLI with the given arguments; returns the exit code (never calls process.exit). */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    io.stdout.write(await topHelp());
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-v") {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = Object.hasOwn(commands, first) ? commands[first] : undefined; // not "constructor"
  if (!load) {
    io.stderr.write(`ftdata: unknown command "${first}"\nRun \`ftdata --help\` for the list of commands.\n`);
    return 2;
  }
  return runCommand(first, await load(), rest, io);
}
