/**
 * Outputs are safe: never written over an input (same path, symlink, other path, hard link, stdin
 * redirected from it), written to a temp file and renamed, and no partial file is left behind on an
 * error or an interrupt (SIGINT/SIGTERM sent to a child process in the middle of a write).
 */
import { spawnSync } from "node:child_process";
import { linkSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync, existsSync, openSync, closeSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { assertNotInput, clearRegisteredInputs, openAtomic, pendingTempFiles, writeFileAtomic } from "../src/core/atomic.js";
import { FtdataUsageError } from "../src/core/errors.js";
import { validate } from "../src/engine/validate.js";
import { CLI, runCli, STACK_TRACE, startCli, tempDir, validRows } from "./helpers/hostile.js";

let dir: string;
let cleanup: () => void;
const at = (name: string) => path.join(dir, name);
const temps = () => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

beforeAll(() => {
  ({ dir, cleanup } = tempDir("ftdata-output-"));
});
afterAll(() => cleanup());
afterEach(() => clearRegisteredInputs());

async function rejection(p: Promise<unknown>): Promise<FtdataUsageError> {
  try {
    await p;
  } catch (err) {
    return err as FtdataUsageError;
  }
  throw new Error("expected a rejection");
}

describe("assertNotInput", () => {
  const input = () => at("data.jsonl");
  beforeAll(() => {
    writeFileSync(at("data.jsonl"), validRows(10));
    writeFileSync(at("other.jsonl"), validRows(10));
    symlinkSync(at("data.jsonl"), at("data-link.jsonl"));
    linkSync(at("data.jsonl"), at("data-hard.jsonl"));
  });

  it.each([
    ["the same path", () => input()],
    ["a relative path", () => path.relative(process.cwd(), input())],
    ["a path through ..", () => path.join(dir, "x", "..", "data.jsonl")],
    ["a symlink to it", () => at("data-link.jsonl")],
    ["a hard link to it", () => at("data-hard.jsonl")],
  ])("refuses %s", async (_name, target) => {
    const err = await rejection(assertNotInput(target(), [input()]));
    expect(err).toBeInstanceOf(FtdataUsageError);
    expect(err.code).toBe("EINPUT");
    expect(err.message).toMatch(/^refusing to write .*: it is the input .*data\.jsonl/);
  });

  it("accepts another existing file and a new file", async () => {
    await expect(assertNotInput(at("other.jsonl"), [input()])).resolves.toBeUndefined();
    await expect(assertNotInput(at("new.json"), [input()])).resolves.toBeUndefined();
    await expect(assertNotInput(at("new.json"), ["-"])).resolves.toBeUndefined();
  });

  it("refuses any file validate() has read, without being told the inputs", async () => {
    await validate(at("other.jsonl"));
    const before = readFileSync(at("data-hard.jsonl"));
    await validate(at("data-hard.jsonl"));
    const err = await rejection(writeFileAtomic(at("data-link.jsonl"), "oops"));
    expect(err.code).toBe("EINPUT");
    expect(readFileSync(at("data.jsonl"))).toEqual(before);
    expect((await rejection(writeFileAtomic(at("other.jsonl"), "oops"))).code).toBe("EINPUT");
    expect(temps()).toEqual([]);
  });
});

describe("openAtomic / writeFileAtomic", () => {
  it("writes through a temp file: the target appears only on commit, complete", async () => {
    const target = at("out.txt");
    const w = await openAtomic(target);
    await w.write("hello ");
    expect(existsSync(target)).toBe(false);
    expect(temps()).toHaveLength(1);
    expect(pendingTempFiles()).toHaveLength(1);
    await w.write(Buffer.from("world"));
    await w.commit();
    expect(readFileSync(target, "utf8")).toBe("hello world");
    expect(temps()).toEqual([]);
    expect(pendingTempFiles()).toEqual([]);
  });

  it("abort leaves the old file as it was and no temp file", async () => {
    const target = at("keep.txt");
    writeFileSync(target, "old");
    const w = await openAtomic(target);
    await w.write("new, half written");
    await w.abort();
    await w.abort();
    expect(readFileSync(target, "utf8")).toBe("old");
    expect(temps()).toEqual([]);
  });

  it("the library installs no signal or exit handler while writing (the CLI does)", async () => {
    const before = ["SIGINT", "SIGTERM", "SIGHUP", "exit"].map((e) => process.listenerCount(e));
    const w = await openAtomic(at("h.txt"));
    expect(pendingTempFiles()).toHaveLength(1);
    expect(["SIGINT", "SIGTERM", "SIGHUP", "exit"].map((e) => process.listenerCount(e))).toEqual(before);
    await w.commit();
    expect(pendingTempFiles()).toEqual([]);
  });

  it("overwrite: false refuses an existing file and removes its temp file", async () => {
    const target = at("exists.txt");
    writeFileSync(target, "old");
    const err = (await rejection(writeFileAtomic(target, "new", { overwrite: false }))) as unknown as NodeJS.ErrnoException;
    expect(err.code).toBe("EEXIST");
    expect(readFileSync(target, "utf8")).toBe("old");
    expect(temps()).toEqual([]);
  });

  it("a symlinked output keeps its link; the file it points to gets the content", async () => {
    writeFileSync(at("real-report.txt"), "old");
    symlinkSync(at("real-report.txt"), at("report-link.txt"));
    await writeFileAtomic(at("report-link.txt"), "new");
    expect(readlinkSync(at("report-link.txt"))).toBe(at("real-report.txt"));
    expect(readFileSync(at("real-report.txt"), "utf8")).toBe("new");
  });

  it("a directory target is a usage error", async () => {
    const err = await rejection(writeFileAtomic(dir, "x"));
    expect(err.message).toMatch(/is a directory/);
  });

  it("a failed write (missing directory) leaves nothing behind", async () => {
    await expect(writeFileAtomic(at("no-such-dir/out.txt"), "x")).rejects.toMatchObject({ code: "ENOENT" });
    expect(pendingTempFiles()).toEqual([]);
  });

  it("a device target is written directly (nothing to rename over)", async () => {
    await expect(writeFileAtomic("/dev/null", "discarded")).resolves.toBeUndefined();
    expect(existsSync("/dev/.null.tmp")).toBe(false);
  });
});

describe("ftdata lint --output-file", () => {
  beforeAll(() => {
    writeFileSync(at("in.jsonl"), validRows(10) + "{oops\n");
    symlinkSync(at("in.jsonl"), at("in-link.jsonl"));
    linkSync(at("in.jsonl"), at("in-hard.jsonl"));
  });

  it.each([["the input"], ["a symlink to the input"], ["a hard link to the input"]])("refuses %s (exit 2, input unchanged)", (which) => {
    const target = which === "the input" ? "in.jsonl" : which.startsWith("a symlink") ? "in-link.jsonl" : "in-hard.jsonl";
    const before = readFileSync(at("in.jsonl"));
    const r = runCli(["lint", "in.jsonl", "-o", target], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`ftdata lint: refusing to write ${target}: it is the input in.jsonl; write the output to a new file\n`);
    expect(readFileSync(at("in.jsonl"))).toEqual(before);
    expect(temps()).toEqual([]);
  });

  it("refuses the file stdin is redirected from", () => {
    const before = readFileSync(at("in.jsonl"));
    const fd = openSync(at("in.jsonl"), "r");
    try {
      const r = runCliWithStdinFd(fd, ["lint", "-", "-o", "in.jsonl"]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/refusing to write in\.jsonl: it is the input <stdin>/);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(at("in.jsonl"))).toEqual(before);
  });

  it("writes the report to a new file; an unwritable target is one line, exit 2", () => {
    const ok = runCli(["lint", "in.jsonl", "-o", "report.txt"], { cwd: dir });
    expect(ok.status).toBe(1);
    expect(ok.stdout).toBe("");
    expect(readFileSync(at("report.txt"), "utf8")).toMatch(/json-invalid/);
    const bad = runCli(["lint", "in.jsonl", "-o", "missing-dir/report.txt"], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("ftdata lint: cannot write missing-dir/report.txt: no such file\n");
  });

  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`${signal} in the middle of the write: exit ${code}, temp file removed, old report intact`, async () => {
      const target = at(`report-${signal}.txt`);
      writeFileSync(target, "previous report");
      const { child, done } = startCli(["lint", "in.jsonl", "-o", target], { cwd: dir, env: { FTDATA_TEST_SLOW_WRITE_MS: "30000" } });
      const prefix = `.${path.basename(target)}.`;
      // Wait for the temp file: the write has started and is held open by the test hook.
      for (let i = 0; i < 600 && !readdirSync(dir).some((f) => f.startsWith(prefix)); i++) await new Promise((r) => setTimeout(r, 50));
      expect(readdirSync(dir).some((f) => f.startsWith(prefix))).toBe(true);
      child.kill(signal);
      const r = await done;
      expect(r.status).toBe(code);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(readdirSync(dir).filter((f) => f.startsWith(prefix))).toEqual([]);
      expect(readFileSync(target, "utf8")).toBe("previous report");
    }, 60_000);
  }
});

function runCliWithStdinFd(fd: number, args: string[]) {
  // spawnSync with a file descriptor as stdin: what `ftdata lint - < in.jsonl` does in a shell.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, stdio: [fd, "pipe", "pipe"], encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
