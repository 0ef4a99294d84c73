/**
 * Process concerns, in the CLI only: signals, exit codes on a signal, and a stdout whose reader went
 * away. The library never installs a handler or exits the process.
 */
import { removePendingTempFiles } from "../core/tracked-files.js";

/** Exit codes of the signals handled, as a shell reports them (128 + signal number). */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

const cleanups = new Set<() => void>();

/** Runs `fn` (synchronously) if the process is interrupted; returns a function that unregisters it. */
export function onInterrupt(fn: () => void): () => void {
  cleanups.add(fn);
  return () => void cleanups.delete(fn);
}

function interrupted(signal: NodeJS.Signals): void {
  for (const fn of cleanups) {
    try {
      fn();
    } catch {
      // best effort: the process is going away
    }
  }
  removePendingTempFiles();
  process.exit(SIGNAL_EXIT[signal] ?? 1);
}

/** Whether an output stream error means only that its reader is gone (`| head`, `| less` quit early). */
function readerGone(err: NodeJS.ErrnoException): boolean {
  return err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED";
}

/**
 * Installs the CLI's process handlers: on SIGINT, SIGTERM and SIGHUP, temp files are removed
 * (no half-written output is left) and the process exits with the shell's code for the signal; when
 * the reader of stdout or stderr goes away, writing to it stops quietly and the command finishes
 * with the exit code its findings give.
 */
export function installProcessHandlers(): void {
  for (const s of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) process.on(s, interrupted);
  process.on("exit", removePendingTempFiles);
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (!readerGone(err)) throw err;
      stream.destroy(); // later writes are dropped: nobody reads them
    });
  }
}

/**
 * Runs the CLI's work under the process handlers and sets the exit code from its result (never
 * process.exit(), which would truncate piped output); an unexpected error is one line, exit code 2
 * (the stack with FTDATA_DEBUG=1).
 */
export function runProcess(run: () => Promise<number>): void {
  installProcessHandlers();
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`ftdata: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      if (process.env.FTDATA_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
      process.exitCode = 2;
    },
  );
}
