import { FtdataUsageError } from "../core/errors.js";

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Expands quoted globs (fast-glob, loaded only when an argument has glob characters); plain paths
 * pass through unchanged so a missing file is reported by the reader. Duplicates are dropped.
 */
export async function expandInputs(args: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      out.push(f);
    }
  };
  for (const arg of args) {
    if (arg === "-" || !GLOB_CHARS.test(arg)) {
      add(arg);
      continue;
    }
    const { default: fg } = await import("fast-glob");
    const matches = await fg(arg, { cwd, onlyFiles: true, dot: false, followSymbolicLinks: true, ignore: ["**/node_modules/**"] });
    if (matches.length === 0) throw new FtdataUsageError(`no files match "${arg}"`);
    for (const m of matches.sort()) add(m);
  }
  return out;
}
