import { writeError } from "../core/errors.js";

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function defaultIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Colour only on a TTY, never under NO_COLOR or TERM=dumb; FORCE_COLOR=1 forces it (for tests). */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** Writes command output to a file (atomically) or stdout. */
export async function emit(io: CliIO, text: string, outputFile: string | undefined): Promise<void> {
  if (outputFile === undefined) {
    io.stdout.write(text);
    return;
  }
  // Loaded only when writing to a file: most runs print to stdout.
  const { writeFileAtomic } = await import("../core/atomic.js");
  try {
    await writeFileAtomic(outputFile, text, { cwd: io.cwd });
  } catch (err) {
    throw writeError(outputFile, err);
  }
}
