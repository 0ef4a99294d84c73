import { randomBytes } from "node:crypto";
import { constants, type Stats } from "node:fs";
import { link, open, realpath, rename, rm, stat, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { FtdataUsageError } from "./errors.js";
import { idOf, readInputs, track, untrack } from "./tracked-files.js";

export { clearRegisteredInputs, pendingTempFiles, registerInput, removePendingTempFiles, trackTempFile, untrackTempFile } from "./tracked-files.js";

/*
 * Output safety, in one place for every command that writes (lint --output-file, split, convert,
 * report): outputs never replace an input (by path, symlink or hard link), are written to a temp
 * file and renamed into place, and a temp file is removed on error (and, by the CLI's handlers, on
 * SIGINT, SIGTERM or SIGHUP), so no half-written file is ever left behind.
 */

async function statOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return await stat(p);
  } catch {
    return undefined;
  }
}

/**
 * Throws a usage error when `target` is one of `inputs` or a file this process has read: the same
 * path, a symlink to it, another path to it (`./a/../data.jsonl`) or a hard link (same device and
 * inode). `-` (stdin) is skipped.
 */
export async function assertNotInput(target: string, inputs: readonly string[] = [], cwd = process.cwd(), shown = target): Promise<void> {
  const abs = path.resolve(cwd, target);
  const st = await statOrUndefined(abs);
  if (!st) return; // a file that does not exist yet cannot be an input
  const refuse = (input: string): never => {
    throw new FtdataUsageError(`refusing to write ${shown}: it is the input ${input}; write the output to a new file`, "EINPUT");
  };
  const known = readInputs.get(idOf(st));
  if (known) refuse(known.name);
  const real = await realpath(abs).catch(() => abs);
  for (const input of inputs) {
    if (input === "-") continue;
    const inAbs = path.resolve(cwd, input);
    if (inAbs === abs) refuse(input);
    const ist = await statOrUndefined(inAbs);
    if (!ist) continue;
    if (ist.dev === st.dev && ist.ino === st.ino) refuse(input);
    if ((await realpath(inAbs).catch(() => inAbs)) === real) refuse(input);
  }
}

// Test-only: stretch a write so a test can interrupt it (an env hook, as a signal cannot be timed).
function testDelayMs(): number {
  const v = Number(process.env.FTDATA_TEST_SLOW_WRITE_MS);
  return Number.isFinite(v) && v > 0 ? v : 0;
}

// ---------------------------------------------------------------------------------------------
// Writers

export interface AtomicWriteOptions {
  /** Replace an existing target (default true). With false an existing target is refused atomically. */
  overwrite?: boolean;
  /** Paths the output must not replace, besides every file this process has read. */
  inputs?: readonly string[];
  /** Base for relative paths (default: the working directory). */
  cwd?: string;
}

/** An output being written: append with `write`, then `commit` (rename into place) or `abort`. */
export interface AtomicWriter {
  /** The file that `commit` creates or replaces. */
  readonly target: string;
  write(data: string | Uint8Array): Promise<void>;
  commit(): Promise<void>;
  /** Removes the temp file; the target is left as it was. Safe to call twice or after commit. */
  abort(): Promise<void>;
}

/**
 * Opens an output for writing. Regular targets get a temp file beside them (same file system, so
 * the final rename is atomic); a symlinked target is resolved so the link survives; FIFOs and
 * devices (`/dev/stdout`) are written directly, as there is nothing to rename over.
 */
export async function openAtomic(target: string, opts: AtomicWriteOptions = {}): Promise<AtomicWriter> {
  const cwd = opts.cwd ?? process.cwd();
  await assertNotInput(target, opts.inputs ?? [], cwd);
  let dest = path.resolve(cwd, target);
  const st = await statOrUndefined(dest);
  if (st?.isDirectory()) throw new FtdataUsageError(`cannot write ${target}: is a directory`, "EISDIR");
  if (st && !st.isFile()) return directWriter(target, await open(dest, "w"));
  if (st) dest = await realpath(dest);
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  track(tmp);
  let fh: FileHandle;
  try {
    fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (err) {
    untrack(tmp);
    throw err;
  }
  let done = false;
  const delay = testDelayMs();
  const abort = async () => {
    if (done) return;
    done = true;
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    untrack(tmp);
  };
  return {
    target,
    async write(data) {
      if (done) throw new Error(`output ${target} is already closed`);
      try {
        await fh.writeFile(data);
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      } catch (err) {
        await abort();
        throw err;
      }
    },
    async commit() {
      if (done) throw new Error(`output ${target} is already closed`);
      try {
        await fh.sync();
        await fh.close();
        // Checked again: an input may have been opened since (or the target replaced by a link to one).
        await assertNotInput(target, opts.inputs ?? [], cwd);
        if (opts.overwrite === false) {
          await link(tmp, dest);
          await rm(tmp, { force: true });
        } else {
          await rename(tmp, dest);
        }
        done = true;
        untrack(tmp);
      } catch (err) {
        await abort();
        throw err;
      }
    },
    abort,
  };
}

function directWriter(target: string, fh: FileHandle): AtomicWriter {
  let done = false;
  return {
    target,
    async write(data) {
      await fh.writeFile(data);
    },
    async commit() {
      if (done) return;
      done = true;
      await fh.close();
    },
    async abort() {
      if (done) return;
      done = true;
      await fh.close().catch(() => undefined);
    },
  };
}

/**
 * Writes a file so that readers see either the old content or the whole new content: a temp file
 * in the same directory, fsync, then rename. With `overwrite: false` an existing target is refused
 * (link() fails atomically with EEXIST instead of replacing it). Never replaces an input.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const w = await openAtomic(target, opts);
  await w.write(data);
  await w.commit();
}
