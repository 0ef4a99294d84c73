/**
 * An error the user can fix without a stack trace: a missing file, a bad flag, an unknown format.
 * The CLI prints its message on one line and exits with code 2.
 */
export class FtdataUsageError extends Error {
  override readonly name = "FtdataUsageError";
  constructor(
    message: string,
    readonly code: string = "usage",
  ) {
    super(message);
  }
}

const FS_REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a parent is not a directory",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "name too long",
  EMFILE: "too many open files",
  ENOSPC: "no space left on device",
  EROFS: "read-only file system",
  EEXIST: "file exists (use --force to replace it)",
};

/** `cannot read data.jsonl: no such file` from a Node fs error. */
export function readError(file: string, err: unknown): FtdataUsageError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code && FS_REASONS[code]) ?? (err instanceof Error ? err.message : String(err));
  return new FtdataUsageError(`cannot read ${file}: ${reason}`, code ?? "read");
}

/** `cannot write out.json: permission denied` from a Node fs error; usage errors pass through. */
export function writeError(file: string, err: unknown): FtdataUsageError {
  if (err instanceof FtdataUsageError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code && FS_REASONS[code]) ?? code ?? (err instanceof Error ? err.message : String(err));
  return new FtdataUsageError(`cannot write ${file}: ${reason}`, code ?? "write");
}
