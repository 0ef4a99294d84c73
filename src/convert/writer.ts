import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, link, open, rename, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { FtdataUsageError } from "../core/errors.js";

const FLUSH_BYTES = 1024 * 1024;

/**
 * Streams lines into a temp file beside the target and makes it appear only on `commit()` (fsync,
 * then link — which refuses an existing file atomically — or rename with `force`). `abort()` leaves
 * no trace. The streaming counterpart of `writeFileAtomic`.
 */
export class AtomicLineWriter {
  private buffer: string[] = [];
  private buffered = 0;
  private done = false;

  private constructor(
    private readonly target: string,
    private readonly tmp: string,
    private readonly fh: FileHandle,
    private readonly force: boolean,
    private readonly display: string,
  ) {}

  static async open(target: string, opts: { force: boolean; display: string }): Promise<AtomicLineWriter> {
    if (!opts.force) {
      const exists = await access(target).then(() => true, () => false);
      if (exists) throw new FtdataUsageError(`${opts.display} already exists; use --force to replace it`, "EEXIST");
    }
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    let fh: FileHandle;
    try {
      fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    } catch (err) {
      throw new FtdataUsageError(`cannot write ${opts.display}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    return new AtomicLineWriter(target, tmp, fh, opts.force, opts.display);
  }

  async write(text: string): Promise<void> {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join("");
    this.buffer = [];
    this.buffered = 0;
    await this.fh.write(chunk);
  }

  async commit(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await this.flush();
      await this.fh.sync();
      await this.fh.close();
      if (this.force) {
        await rename(this.tmp, this.target);
      } else {
        await link(this.tmp, this.target);
        await rm(this.tmp, { force: true });
      }
    } catch (err) {
      await this.fh.close().catch(() => undefined);
      await rm(this.tmp, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST") throw new FtdataUsageError(`${this.display} already exists; use --force to replace it`, "EEXIST");
      throw new FtdataUsageError(`cannot write ${this.display}: ${code ?? (err as Error).message}`);
    }
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.fh.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }
}
