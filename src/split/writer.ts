import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { link, open, rename, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";

const FLUSH_BYTES = 1024 * 1024;

/**
 * Streams lines into a temp file beside the target, then publishes it atomically: readers see no
 * file or the whole file. `writeFileAtomic` (core/atomic.ts) needs the whole content in memory;
 * split outputs can be larger than memory, hence this streaming variant with the same guarantees.
 */
export class AtomicLineWriter {
  private buf = Buffer.allocUnsafe(FLUSH_BYTES);
  private used = 0;
  bytes = 0;
  lines = 0;

  private constructor(
    readonly target: string,
    readonly tmp: string,
    private fh: FileHandle,
    private readonly overwrite: boolean,
  ) {}

  static async open(target: string, overwrite: boolean): Promise<AtomicLineWriter> {
    const dir = path.dirname(path.resolve(target));
    const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    return new AtomicLineWriter(target, tmp, fh, overwrite);
  }

  /** Appends one line (its bytes, then "\n"). Resolves immediately unless the buffer was flushed. */
  async writeLine(raw: Uint8Array): Promise<void> {
    const need = raw.length + 1;
    if (this.used + need > this.buf.length) await this.flush();
    if (need > this.buf.length) {
      await this.fh.write(raw);
      await this.fh.write(Buffer.from("\n"));
    } else {
      this.buf.set(raw, this.used);
      this.buf[this.used + raw.length] = 10;
      this.used += need;
    }
    this.bytes += need;
    this.lines++;
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.fh.write(this.buf, 0, this.used);
    this.used = 0;
  }

  /** Flushes and fsyncs so the temp file can be read back (leakage check) before it is published. */
  async finish(): Promise<void> {
    await this.flush();
    await this.fh.sync();
  }

  /** Flushes, fsyncs and moves the file into place (refusing an existing target unless overwrite). */
  async commit(): Promise<void> {
    await this.flush();
    await this.fh.sync();
    await this.fh.close();
    try {
      if (this.overwrite) {
        await rename(this.tmp, this.target);
      } else {
        await link(this.tmp, this.target);
        await rm(this.tmp, { force: true });
      }
    } catch (err) {
      await rm(this.tmp, { force: true });
      throw err;
    }
  }

  /** Drops the temp file; the target is untouched. */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }
}
