import { rmSync, type Stats } from "node:fs";

/*
 * What this process reads and what it is writing, apart from the writers in atomic.ts: the reader
 * registers every input here and the CLI's exit handler removes pending temp files from here, and
 * neither should load atomic.ts (node:crypto, node:fs/promises) on a lint that writes nothing.
 */

// ---------------------------------------------------------------------------------------------
// Inputs

interface InputId {
  dev: number;
  ino: number;
  /** Where it was read from, for the message. */
  name: string;
}

/** Every file this process has read as input; outputs are checked against it. */
export const readInputs = new Map<string, InputId>();

export const idOf = (st: Pick<Stats, "dev" | "ino">) => `${st.dev}:${st.ino}`;

/**
 * Records a file this process reads, so that no later write in the process can replace it (the
 * reader calls this for every path it opens, so commands get the check without wiring it).
 */
export function registerInput(name: string, st: Pick<Stats, "dev" | "ino" | "isFile">): void {
  if (!st.isFile()) return; // FIFOs and devices cannot be overwritten by a rename
  readInputs.set(idOf(st), { dev: st.dev, ino: st.ino, name });
}

/** Forgets registered inputs (tests; long-running library users). */
export function clearRegisteredInputs(): void {
  readInputs.clear();
}

// ---------------------------------------------------------------------------------------------
// Temp files being written, so that whoever owns the process (the CLI) can remove them on a signal.
// The library itself installs no signal handler and never exits the process.

const pending = new Set<string>();

export function track(tmp: string): void {
  pending.add(tmp);
}

export function untrack(tmp: string): void {
  pending.delete(tmp);
}

/**
 * Removes every temp file still being written, synchronously: for a signal or exit handler of the
 * program that uses the library (the CLI installs one).
 */
export function removePendingTempFiles(): void {
  for (const tmp of pending) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // best effort: the process is going away
    }
  }
  pending.clear();
}

/**
 * Counts `file` among the temp files `removePendingTempFiles` removes, until untracked (scratch
 * files of other modules, such as the duplicate index's spill file).
 */
export function trackTempFile(file: string): void {
  track(file);
}

export function untrackTempFile(file: string): void {
  untrack(file);
}

/** Temp files currently being written (for tests). */
export function pendingTempFiles(): readonly string[] {
  return [...pending];
}

