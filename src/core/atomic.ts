import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { link, open, rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Writes a file so that readers see either the old content or the whole new content: a temp file
 * in the same directory, fsync, then rename. With `overwrite: false` an existing target is refused
 * (link() fails atomically with EEXIST instead of replacing it).
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, opts: { overwrite?: boolean } = {}): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    await fh.writeFile(data);
    await fh.sync();
    await fh.close();
    if (opts.overwrite === false) {
      await link(tmp, target);
      await rm(tmp, { force: true });
    } else {
      await rename(tmp, target);
    }
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}
