import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./cli.js";

/**
 * The environment for child npm/git/pre-commit runs, as on a developer's machine: no npm_* variables from
 * `npm test`, no CI, and none of the variables vite/vitest put in process.env (lint-staged prints JSON events
 * under NODE_ENV=test and forces colour under an empty FORCE_TTY).
 */
const VITE_VARS = new Set(["NODE_ENV", "TEST", "BASE_URL", "MODE", "DEV", "PROD", "SSR", "FORCE_TTY", "COLOR"]);
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_|VITEST)/i.test(k) && !VITE_VARS.has(k) && k !== "CI" && k !== "PRE_COMMIT" && k !== "NO_COLOR" && k !== "FORCE_COLOR" && k !== "INIT_CWD") env[k] = v;
  }
  return {
    ...env,
    GIT_AUTHOR_NAME: "ftdata test",
    GIT_AUTHOR_EMAIL: "test@example.invalid",
    GIT_COMMITTER_NAME: "ftdata test",
    GIT_COMMITTER_EMAIL: "test@example.invalid",
    GIT_CONFIG_NOSYSTEM: "1",
    ...extra,
  };
}

/** `npm pack` of the built package (the build ran in `pretest`), into a fresh directory; returns the tarball path. */
export function packTarball(): string {
  const dest = mkdtempSync(path.join(tmpdir(), "ftdata-pack-"));
  execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", dest], { cwd: ROOT, env: cleanEnv(), stdio: "pipe" });
  const tgz = readdirSync(dest).find((f) => f.endsWith(".tgz"));
  if (!tgz) throw new Error("npm pack produced no tarball");
  return path.join(dest, tgz);
}

export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: "utf8" });
}

/** Runs a command that must succeed; its output is in the error otherwise. */
export function must(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): string {
  const r = run(cmd, args, cwd, env);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Installs the tarball (and extra packages, from the local npm cache when it has them) into a project. */
export function npmInstall(cwd: string, specs: string[]): void {
  must("npm", ["install", ...specs, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], cwd);
}
