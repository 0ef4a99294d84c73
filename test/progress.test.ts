import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createProgress, progressCallback, progressEnabled } from "../src/cli/progress.js";
import { chatLines, CLI, tempTree } from "./support/cli.js";

/** A fake terminal: collects writes; a settable clock drives the throttle. */
function fakeTty(isTTY = true) {
  const writes: string[] = [];
  const stream = Object.assign(Object.create(null), { isTTY, columns: 120, write: (s: string) => (writes.push(s), true) });
  return { stream: stream as NodeJS.WritableStream & { isTTY: boolean; columns: number }, writes };
}

describe("progress line", () => {
  it.each([
    [{}, true, true],
    [{ CI: "true" }, true, false],
    [{ PRE_COMMIT: "1" }, true, false],
    [{ NO_COLOR: "1" }, true, false],
    [{ TERM: "dumb" }, true, false],
    [{}, false, false],
  ])("under %j on a TTY=%s is %s", (env, tty, expected) => {
    expect(progressEnabled({ isTTY: tty }, env)).toBe(expected);
  });

  it("waits before showing, redraws at most every interval, shows size, rate and ETA, and erases itself", () => {
    const { stream, writes } = fakeTty();
    let now = 0;
    const progress = createProgress(stream, {}, { delayMs: 500, intervalMs: 200, now: () => now });
    const update = progressCallback(progress, [path.join(__dirname, "..", "package.json")], "/");
    const state = (bytesRead: number, records: number) => ({ file: "train.jsonl", fileIndex: 0, bytesRead, records, done: false });
    update(state(100, 1));
    now = 400;
    update(state(400, 4));
    expect(writes).toEqual([]); // nothing for short runs
    now = 600;
    update(state(600, 6));
    now = 700;
    update(state(700, 7)); // throttled
    now = 850;
    update(state(850, 8));
    expect(writes).toHaveLength(2);
    expect(writes[0]).toMatch(/^\r\x1b\[2Ktrain\.jsonl {2}6 records {2}0\.0\/0\.0 MB \(\d+%\) {2}0\.0 MB\/s {2}ETA \S+$/);
    progress.done();
    expect(writes.at(-1)).toBe("\r\x1b[2K");
  });

  it("shows no ETA when the size is unknown (stdin, gzip)", () => {
    const { stream, writes } = fakeTty();
    let now = 0;
    const progress = createProgress(stream, {}, { now: () => now });
    const update = progressCallback(progress, ["-"], "/");
    update({ file: "<stdin>", fileIndex: 0, bytesRead: 0, records: 0, done: false });
    now = 1000;
    update({ file: "<stdin>", fileIndex: 0, bytesRead: 5_000_000, records: 1234, done: false });
    expect(writes[0]).toBe("\r\x1b[2K<stdin>  1,234 records  5.0 MB  5.0 MB/s");
  });

  it("writes nothing at all when disabled", () => {
    const { stream, writes } = fakeTty(false);
    let now = 0;
    const progress = createProgress(stream, {}, { now: () => now });
    now = 5000;
    progress.update({ file: "x", bytesRead: 1, records: 1 });
    progress.done();
    expect(writes).toEqual([]);
  });
});

describe("progress under a pseudo-terminal (script)", () => {
  const hasScript = spawnSync("script", ["--version"]).status === 0;
  // Half the data, a pause longer than the 500 ms delay, then the rest: the run is long whatever the machine's speed.
  function runInPty(env: Record<string, string>) {
    const dir = tempTree({});
    const data = path.join(dir, "train.jsonl");
    writeFileSync(data, chatLines(400));
    const cmd = `{ head -n 200 '${data}'; sleep 1.2; tail -n +201 '${data}'; } | '${process.execPath}' '${CLI}' lint -`;
    const r = spawnSync("script", ["-qfec", cmd, "/dev/null"], { env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: "xterm", ...env }, encoding: "utf8" });
    return r.stdout;
  }

  it.skipIf(!hasScript)("draws on the terminal while reading and erases the line before the results", () => {
    const out = runInPty({});
    const frames = out.match(/\r\x1b\[2K<stdin> {2}[\d,]+ records {2}[\d.]+ MB {2}[\d.]+ MB\/s/g) ?? [];
    expect(frames.length, JSON.stringify(out.slice(0, 400))).toBeGreaterThan(0);
    const lastFrame = out.lastIndexOf("<stdin>  ");
    const results = out.indexOf("openai-chat, 400 records");
    expect(results).toBeGreaterThan(lastFrame);
    expect(out.slice(lastFrame, results)).toContain("\r\x1b[2K");
  });

  it.skipIf(!hasScript)("stays off under CI, PRE_COMMIT and NO_COLOR even on a terminal", () => {
    for (const env of [{ CI: "true" }, { PRE_COMMIT: "1" }, { NO_COLOR: "1" }]) {
      const out = runInPty(env);
      expect(out).toContain("400 records");
      expect(out, JSON.stringify(env)).not.toContain("\x1b[2K");
    }
  });
});
