import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CLI = path.join(ROOT, "dist", "cli.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, with a clean environment (no CI, no colour) unless given. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env };
  const spawnOptions: SpawnSyncOptions = { cwd: options.cwd ?? ROOT, env, encoding: "utf8" };
  if (options.input !== undefined) spawnOptions.input = options.input;
  const r = spawnSync(process.execPath, [CLI, ...args], spawnOptions);
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A temporary directory holding the given files (paths relative to it). */
export function tempTree(files: Record<string, string>, prefix = "ftdata-test-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

export const chatLine = (user: string, assistant: string) =>
  JSON.stringify({ messages: [{ role: "user", content: user }, { role: "assistant", content: assistant }] });

/** n distinct valid chat examples, one per line. */
export function chatLines(n: number, prefix = "q"): string {
  return Array.from({ length: n }, (_, i) => chatLine(`${prefix} ${i}`, `answer ${i}`)).join("\n") + "\n";
}
