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
};

/** `cannot read data.jsonl: no such file` from a Node fs error. */
export function readError(file: string, err: unknown): FtdataUsageError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code && FS_REASONS[code]) ?? (err instanceof Error ? err.message : String(err));
  return new FtdataUsageError(`cannot read ${file}: ${reason}`, code ?? "read");
}
