import type * as NodeFs from "node:fs";
import type * as NodeOs from "node:os";
import type * as NodePath from "node:path";
import type * as NodeVm from "node:vm";

/*
 * A V8 code cache for the lint chunk (dist/lint-lint-core-<hash>.cjs), so that `ftdata lint` does not
 * parse and compile the same ~350 KB of JavaScript on every commit.
 *
 * Node 22.1+ has this built in (module.enableCompileCache(), used when present). Node 20 has no such
 * switch; what it offers is the mechanism underneath: vm.Script with `cachedData` (V8 code cache),
 * which v8-compile-cache used for years. The chunk is compiled through vm.Script with the cache read
 * from disk; when there was none (or V8 rejected it: another Node version or V8 flags), the cache is
 * written at exit, after the run, so that it holds the functions the run compiled too.
 *
 * - Where: $XDG_CACHE_HOME/ftdata or ~/.cache/ftdata (%LOCALAPPDATA%\ftdata on Windows), a directory of
 *   the user's own (mode 0700): compiled code is never read from a place other users can write, such
 *   as /tmp. One file per chunk and Node version; the chunk's name carries a hash of its content.
 * - Off with FTDATA_NO_COMPILE_CACHE=1 (or Node's NODE_DISABLE_COMPILE_CACHE=1). Any failure (no home,
 *   read-only disk, a corrupt file) only means no cache: the chunk is compiled as usual.
 *
 * Measured (bench/startup.bench.mjs, docs/performance.md): about 7 ms of CPU of a small lint.
 */

/** Which files are compiled through the cache. */
const CACHED_CHUNK = /[\\/]lint-lint-core-[^\\/]+\.cjs$/;

interface ModuleInternals {
  exports: unknown;
  _compile(content: string, filename: string): unknown;
}
interface ModuleClass {
  prototype: ModuleInternals;
  wrap(content: string): string;
  createRequire(filename: string): NodeJS.Require;
  enableCompileCache?: () => unknown;
}

function cacheDir(env: NodeJS.ProcessEnv, os: typeof NodeOs, path: typeof NodePath): string | undefined {
  const base =
    env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)
      ? env.XDG_CACHE_HOME
      : process.platform === "win32"
        ? env.LOCALAPPDATA
        : path.join(os.homedir(), ".cache");
  return base ? path.join(base, "ftdata", `v8-${process.version}-${process.arch}`) : undefined;
}

/** Installs the code cache for the lint chunk (call before requiring dist/cli-lint.cjs). */
export function useCompileCache(req: NodeJS.Require, env: NodeJS.ProcessEnv = process.env): void {
  const set = (v: string | undefined) => v !== undefined && v !== "" && v !== "0";
  if (set(env.FTDATA_NO_COMPILE_CACHE) || set(env.NODE_DISABLE_COMPILE_CACHE)) return;
  const Module = req("node:module") as ModuleClass;
  if (typeof Module.enableCompileCache === "function") {
    Module.enableCompileCache(); // Node 22.1+: Node's own cache, for every module loaded from here on
    return;
  }
  const original = Module.prototype._compile;
  Module.prototype._compile = function (this: ModuleInternals, content: string, filename: string): unknown {
    if (!CACHED_CHUNK.test(filename)) return original.call(this, content, filename);
    Module.prototype._compile = original; // one file
    const fs = req("node:fs") as typeof NodeFs;
    const path = req("node:path") as typeof NodePath;
    const vm = req("node:vm") as typeof NodeVm;
    let file: string | undefined;
    let cached: Buffer | undefined;
    try {
      const dir = cacheDir(env, req("node:os") as typeof NodeOs, path);
      if (dir !== undefined) {
        file = path.join(dir, `${path.basename(filename)}.v8`);
        cached = fs.readFileSync(file);
      }
    } catch {
      cached = undefined; // none yet
    }
    let script: NodeVm.Script;
    try {
      script = new vm.Script(Module.wrap(content), {
        filename,
        ...(cached ? { cachedData: cached } : {}),
        // No importModuleDynamically: the chunk has no import() (scripts/build-lint.mjs checks), and
        // Node 20 loses that callback for functions restored from a code cache.
      });
    } catch {
      return original.call(this, content, filename); // let Node's loader report it as usual
    }
    if (file !== undefined && (cached === undefined || script.cachedDataRejected === true)) {
      const target = file;
      process.once("exit", () => {
        const tmp = `${target}.${process.pid}.tmp`;
        try {
          fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
          fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
          fs.renameSync(tmp, target); // whole or not at all, whatever runs at the same time
        } catch {
          try {
            fs.rmSync(tmp, { force: true }); // no cache this time
          } catch {
            // nothing was written
          }
        }
      });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, Module.createRequire(filename), this, filename, path.dirname(filename));
  };
}
