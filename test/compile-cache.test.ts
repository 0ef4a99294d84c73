import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chatLine, chatLines, ROOT, tempTree } from "./support/cli.js";

// `ftdata lint` compiles its chunk through a V8 code cache on Node 20 (src/cli/compile-cache.ts):
// the cache must never change what a run prints, and must be written only where the user's cache is.
const BIN = path.join(ROOT, JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).bin.ftdata as string);
const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
const hasNodeCache = major > 22 || (major === 22 && minor >= 1); // module.enableCompileCache() instead

function lint(cwd: string, cache: string, extra: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, "lint", "data.jsonl"], { cwd, encoding: "utf8", env: { PATH: process.env.PATH, HOME: cache, XDG_CACHE_HOME: cache, NO_COLOR: "1", ...extra } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const cacheFiles = (cache: string): string[] => {
  try {
    return readdirSync(path.join(cache, "ftdata"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".v8"));
  } catch {
    return [];
  }
};

describe.skipIf(hasNodeCache)("the lint chunk's code cache (Node 20)", () => {
  const cwd = tempTree({ "data.jsonl": chatLines(3) + chatLine("q 0", "answer 0") + "\n" });

  it("is written on the first run and used after, with the same output every time", () => {
    const cache = tempTree({});
    const first = lint(cwd, cache);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^ +4 +warning +Duplicate of the example on line 1 .*example-duplicate$/m);
    const files = cacheFiles(cache);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/lint-lint-core-.+\.cjs\.v8$/);
    const second = lint(cwd, cache);
    expect(second).toEqual(first);
    expect(lint(cwd, cache, { FTDATA_NO_COMPILE_CACHE: "1" })).toEqual(first);
  });

  it("is not written with FTDATA_NO_COMPILE_CACHE=1", () => {
    const cache = tempTree({});
    expect(lint(cwd, cache, { FTDATA_NO_COMPILE_CACHE: "1" }).code).toBe(1);
    expect(cacheFiles(cache)).toEqual([]);
  });

  it("survives a corrupt cache file, and replaces it", () => {
    const cache = tempTree({});
    const expected = lint(cwd, cache);
    const file = path.join(cache, "ftdata", cacheFiles(cache)[0]!);
    writeFileSync(file, "not a code cache");
    expect(lint(cwd, cache)).toEqual(expected);
    expect(readFileSync(file).length).toBeGreaterThan(1000);
    expect(lint(cwd, cache)).toEqual(expected);
  });
});
