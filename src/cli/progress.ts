import { onInterrupt } from "./process.js";
import { statSync } from "node:fs";
import { resolve } from "node:path";

/** What the progress line shows. `bytesTotal` is known for plain files, not for stdin or gzip. */
export interface ProgressState {
  file: string;
  bytesRead: number;
  bytesTotal?: number;
  records: number;
}

export interface Progress {
  /** False when nothing is ever shown (not a TTY, CI…): callers may skip the updates. */
  readonly active: boolean;
  update(state: ProgressState): void;
  /** Erases the line; call before printing results (and on SIGINT). */
  done(): void;
}

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/**
 * Progress only where a person watches: stderr is a TTY, and not under CI, a pre-commit hook
 * (pre-commit runs hooks under a pty when colour is on, ecosystem.md §1.1), NO_COLOR (lint-staged sets it) or TERM=dumb.
 */
export function progressEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const set = (name: string) => env[name] !== undefined && env[name] !== "" && env[name] !== "0" && env[name] !== "false";
  if (set("CI") || set("PRE_COMMIT") || (env.NO_COLOR !== undefined && env.NO_COLOR !== "")) return false;
  return stream.isTTY === true && env.TERM !== "dumb";
}

const NOOP: Progress = { active: false, update() {}, done() {} };

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${Math.ceil(s)}s`;
  return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, "0")}s`;
}

/**
 * A single redrawn line on stderr: `file  records  read/total MB  rate  ETA`. It appears only after
 * `delayMs` (small files never flicker) and is redrawn at most every `intervalMs`.
 */
export function createProgress(
  stream: Stream,
  env: NodeJS.ProcessEnv,
  options: { enabled?: boolean; delayMs?: number; intervalMs?: number; now?: () => number } = {},
): Progress {
  if (options.enabled === false || !progressEnabled(stream, env)) return NOOP;
  const now = options.now ?? Date.now;
  const start = now();
  const delay = options.delayMs ?? 500;
  const interval = options.intervalMs ?? 200;
  let last = 0;
  let shown = false;
  let fileStart = start;
  let currentFile = "";
  // Ctrl-C must not leave a half-drawn line behind (the CLI's handler then exits with 130).
  const offInterrupt = onInterrupt(() => {
    if (shown) stream.write("\r\x1b[2K");
  });
  return {
    active: true,
    update(s) {
      const t = now();
      if (s.file !== currentFile) {
        currentFile = s.file;
        fileStart = t;
      }
      if (t - start < delay || t - last < interval) return;
      last = t;
      const elapsed = Math.max((t - fileStart) / 1000, 0.001);
      const rate = s.bytesRead / elapsed;
      const parts = [s.file, `${s.records.toLocaleString("en-US")} records`];
      if (s.bytesTotal !== undefined && s.bytesTotal > 0) {
        const read = Math.min(s.bytesRead, s.bytesTotal);
        parts.push(`${mb(read)}/${mb(s.bytesTotal)} MB (${Math.floor((100 * read) / s.bytesTotal)}%)`, `${mb(rate)} MB/s`, `ETA ${duration((s.bytesTotal - read) / rate)}`);
      } else {
        parts.push(`${mb(s.bytesRead)} MB`, `${mb(rate)} MB/s`);
      }
      let line = parts.join("  ");
      const width = stream.columns || 80;
      if (line.length > width - 1) line = `…${line.slice(line.length - width + 2)}`;
      stream.write(`\r\x1b[2K${line}`);
      shown = true;
    },
    done() {
      offInterrupt();
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}

/**
 * Adapts `validate()`'s `onProgress` to the progress line; file sizes (for the ETA) are known for plain
 * files only, not for stdin or gzip (the reader counts decompressed bytes).
 */
export function progressCallback(progress: Progress, inputs: readonly string[], cwd: string): (p: { fileIndex: number; file: string; bytesRead: number; records: number; done: boolean }) => void {
  const sizes = new Map<number, number | undefined>();
  const sizeOf = (i: number): number | undefined => {
    if (!sizes.has(i)) {
      const input = inputs[i];
      let size: number | undefined;
      if (input !== undefined && input !== "-" && !/\.gz$/i.test(input)) {
        try {
          size = statSync(resolve(cwd, input)).size;
        } catch {
          size = undefined;
        }
      }
      sizes.set(i, size);
    }
    return sizes.get(i);
  };
  return (p) => {
    if (p.done) return;
    const state: ProgressState = { file: p.file, bytesRead: p.bytesRead, records: p.records };
    const total = sizeOf(p.fileIndex);
    if (total !== undefined) state.bytesTotal = total;
    progress.update(state);
  };
}
