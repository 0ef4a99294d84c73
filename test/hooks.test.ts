import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chatLine, chatLines, ROOT, tempTree } from "./support/cli.js";
import { cleanEnv, must, npmInstall, packTarball, run } from "./support/pack.js";

const hasPreCommit = spawnSync("pre-commit", ["--version"]).status === 0;
const badDataset = chatLines(12) + chatLine("what is 2+2?", "") + "\n";
const goodDataset = chatLines(12);

function commit(repo: string, message: string, env = cleanEnv()) {
  const r = run("git", ["commit", "-m", message], repo, env);
  return { code: r.status, output: r.stdout + r.stderr };
}

describe("pre-commit (the framework) with the repository's .pre-commit-hooks.yaml", () => {
  // CI installs pre-commit (.ci/run); a developer machine without it skips this test instead of failing.
  it.skipIf(!hasPreCommit && !process.env.CI)(
    "blocks a commit of a bad JSONL with the diagnostic, and lets a good one through",
    () => {
      // The hook repository as a release tag would hold it: the manifest plus the built package. A repository
      // checkout builds dist/ through `prepack`; here the tarball's files stand in for that build.
      const tarball = packTarball();
      const hookRepo = realpathSync(tempTree({}, "ftdata-hook-"));
      must("tar", ["xzf", tarball, "-C", hookRepo, "--strip-components=1"], hookRepo);
      copyFileSync(path.join(ROOT, ".pre-commit-hooks.yaml"), path.join(hookRepo, ".pre-commit-hooks.yaml"));
      const pkg = JSON.parse(readFileSync(path.join(hookRepo, "package.json"), "utf8"));
      delete pkg.scripts;
      delete pkg.devDependencies;
      writeFileSync(path.join(hookRepo, "package.json"), JSON.stringify(pkg, null, 2));
      must("git", ["init", "-q"], hookRepo);
      must("git", ["add", "-A"], hookRepo);
      must("git", ["commit", "-qm", "release"], hookRepo);
      const rev = must("git", ["rev-parse", "HEAD"], hookRepo).trim();

      const repo = realpathSync(tempTree({ ".pre-commit-config.yaml": `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: ftdata\n` }, "ftdata-user-"));
      const env = cleanEnv({ PRE_COMMIT_HOME: path.join(repo, ".cache-pre-commit") });
      must("git", ["init", "-q"], repo, env);
      writeFileSync(path.join(repo, ".gitignore"), ".cache-pre-commit/\n");
      must("pre-commit", ["install"], repo, env);

      mkdirSync(path.join(repo, "data"));
      writeFileSync(path.join(repo, "data/train.jsonl"), badDataset);
      must("git", ["add", "-A"], repo, env);
      const bad = commit(repo, "bad data", env);
      expect(bad.code, bad.output).not.toBe(0);
      expect(bad.output).toMatch(/ftdata\.+Failed/);
      expect(bad.output).toMatch(/data\/train\.jsonl \(openai-chat, 13 records\)/);
      expect(bad.output).toMatch(/13 +error +Assistant answer is empty +messages\[1\]\.content +assistant-content-empty/);
      // pre-commit sets PRE_COMMIT: no colour codes, no progress frames in its captured output.
      expect(bad.output).not.toMatch(/\x1b\[|\r/);
      expect(run("git", ["rev-parse", "--verify", "HEAD"], repo, env).status, "the bad commit was made").not.toBe(0);

      writeFileSync(path.join(repo, "data/train.jsonl"), goodDataset);
      must("git", ["add", "-A"], repo, env);
      const good = commit(repo, "good data", env);
      expect(good.code, good.output).toBe(0);
      expect(good.output).toMatch(/ftdata\.+Passed/);
      rmSync(repo, { recursive: true, force: true });
    },
    300_000,
  );
});

describe("husky + lint-staged, as the README sets them up", () => {
  it(
    "blocks a bad dataset with paths relative to the repository (lint-staged passes absolute ones) and passes a good one",
    () => {
      const tarball = packTarball();
      const repo = realpathSync(
        tempTree({ "package.json": JSON.stringify({ name: "user-project", private: true, "lint-staged": { "*.jsonl": "ftdata lint" } }, null, 2) }, "ftdata-husky-"),
      );
      const env = cleanEnv();
      must("git", ["init", "-q"], repo, env);
      writeFileSync(path.join(repo, ".gitignore"), "node_modules/\n");
      npmInstall(repo, [tarball, "husky@9.1.7", "lint-staged@16.4.0"]);
      must(path.join(repo, "node_modules/.bin/husky"), ["init"], repo, env);
      writeFileSync(path.join(repo, ".husky/pre-commit"), "npx lint-staged\n");

      mkdirSync(path.join(repo, "data"));
      writeFileSync(path.join(repo, "data/train.jsonl"), badDataset);
      must("git", ["add", "-A"], repo, env);
      const bad = commit(repo, "bad data", env);
      expect(bad.code, bad.output).not.toBe(0);
      expect(bad.output).toContain("data/train.jsonl (openai-chat, 13 records)");
      expect(bad.output).not.toContain(`${repo}/data/train.jsonl`);
      expect(bad.output).toMatch(/13 +error +Assistant answer is empty/);
      expect(bad.output).not.toMatch(/\x1b\[[0-9;]*m.*Assistant/);

      writeFileSync(path.join(repo, "data/train.jsonl"), goodDataset);
      must("git", ["add", "-A"], repo, env);
      const good = commit(repo, "good data", env);
      expect(good.code, good.output).toBe(0);
      expect(must("git", ["log", "--oneline"], repo, env)).toContain("good data");
      rmSync(repo, { recursive: true, force: true });
    },
    300_000,
  );
});
