/**
 * Read failures the test machine cannot produce for real (it runs as root, which ignores
 * permissions; disks do not fail on demand): fs is mocked to fail, and each failure must be a
 * one-line usage error — never a report that passes the file.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tempDir, validRows } from "./helpers/hostile.js";

const failures = vi.hoisted(() => ({ open: new Map<string, string>(), readAfter: new Map<string, { bytes: number; code: string }>() }));

function fsError(code: string): NodeJS.ErrnoException {
  const err = new Error(`${code}: mocked`) as NodeJS.ErrnoException;
  err.code = code;
  return err;
}

// The reader uses the callback fs API (node:fs/promises is not loaded on a lint's start-up).
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  type Callback = (err: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;
  /** Descriptors whose reads fail once `bytes` have been served: an I/O error mid-file. */
  const faulty = new Map<number, { bytes: number; code: string; served: number }>();
  return {
    ...real,
    open: (file: string, flags: string, cb: Callback) => {
      const name = path.basename(String(file));
      const code = failures.open.get(name);
      if (code) return void process.nextTick(cb, fsError(code));
      real.open(file, flags, (err, fd) => {
        const after = failures.readAfter.get(name);
        if (!err && after) faulty.set(fd, { ...after, served: 0 });
        cb(err, fd);
      });
    },
    read: (fd: number, buf: Buffer, offset: number, length: number, position: number | null, cb: Callback) => {
      const f = faulty.get(fd);
      if (f && f.served >= f.bytes && position !== 0) return void process.nextTick(cb, fsError(f.code));
      real.read(fd, buf, offset, length, position, (err, n, b) => {
        if (f && !err && position !== 0) f.served += n;
        cb(err, n, b);
      });
    },
    close: (fd: number, cb: Callback) => {
      faulty.delete(fd);
      real.close(fd, cb);
    },
  };
});

const { validate } = await import("../src/engine/validate.js");

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir("ftdata-perm-"));
});
afterAll(() => cleanup());

describe("unreadable inputs (mocked fs errors)", () => {
  it.each([
    ["EACCES", "permission denied"],
    ["EPERM", "permission denied"],
    ["EMFILE", "too many open files"],
  ])("open() failing with %s is a usage error naming the file", async (code, reason) => {
    const file = path.join(dir, `open-${code}.jsonl`);
    writeFileSync(file, validRows(10));
    failures.open.set(path.basename(file), code);
    await expect(validate(file)).rejects.toMatchObject({ name: "FtdataUsageError", message: `cannot read ${file}: ${reason}`, code });
  });

  it("an I/O error after the first MiB: usage error, not a report of the part that was read", async () => {
    const file = path.join(dir, "eio.jsonl");
    writeFileSync(file, validRows(20_000)); // several 1 MiB chunks
    failures.readAfter.set("eio.jsonl", { bytes: 1024 * 1024, code: "EIO" });
    await expect(validate(file)).rejects.toMatchObject({ name: "FtdataUsageError", message: expect.stringMatching(/^cannot read .*eio\.jsonl: EIO/) });
  });

  it("the same file without the fault is read and passes", async () => {
    const file = path.join(dir, "fine.jsonl");
    writeFileSync(file, validRows(20_000));
    const report = await validate(file);
    expect(report.files[0]!.records).toBe(20_000);
  });
});
