import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CLI = path.join(ROOT, "dist/cli.js");

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix = "ftdata-hostile-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One valid, distinct OpenAI chat record per index. */
export function chatLine(i: number, user = `Question ${i}?`, assistant = `Answer ${i}.`): string {
  return JSON.stringify({ messages: [{ role: "user", content: user }, { role: "assistant", content: assistant }] });
}

/** `n` valid distinct records, newline-terminated: padding so examples-min-count stays quiet. */
export function validRows(n: number, from = 0): string {
  let s = "";
  for (let i = from; i < from + n; i++) s += chatLine(i) + "\n";
  return s;
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const CLEAN_ENV: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", CI: "1" };
delete CLEAN_ENV.FORCE_COLOR;

/** Runs the built CLI synchronously. */
export function runCli(args: string[], opts: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv; prefix?: string[] } = {}): CliResult {
  // prefix: a command that runs node, e.g. setpriv to drop root.
  const argv = [...(opts.prefix ?? []), process.execPath, CLI, ...args];
  const r = spawnSync(argv[0]!, argv.slice(1), {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? "",
    env: { ...CLEAN_ENV, ...opts.env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI with a pipe on stdin the test writes to. */
export function startCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env: { ...CLEAN_ENV, ...opts.env }, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => {
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { child, done };
}

/** A stack trace line (`    at fn (file:1:2)`) anywhere in the output. */
export const STACK_TRACE = /^\s+at .+[:(]/m;
