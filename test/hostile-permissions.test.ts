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

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...real,
    open: async (file: string, ...rest: unknown[]) => {
      const code = failures.open.get(path.basename(String(file)));
      if (code) throw fsError(code);
      const fh = await (real.open as (...a: unknown[]) => Promise<import("node:fs/promises").FileHandle>)(file, ...rest);
      const after = failures.readAfter.get(path.basename(String(file)));
      if (!after) return fh;
      let served = 0;
      // A handle whose reads fail once `bytes` have been served: an I/O error mid-file.
      return new Proxy(fh, {
        get(target, prop, receiver) {
          if (prop === "read") {
            return async (...args: unknown[]) => {
              if (served >= after.bytes && args[3] !== 0) throw fsError(after.code);
              const r = await (target.read as (...a: unknown[]) => Promise<{ bytesRead: number }>)(...args);
              if (args[3] !== 0) served += r.bytesRead;
              return r;
            };
          }
          const v = Reflect.get(target, prop, receiver) as unknown;
          return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
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
