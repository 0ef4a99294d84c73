import { statSync } from "node:fs";
import path from "node:path";
import { FtdataUsageError } from "../core/errors.js";

/**
 * Refuses an output path that is one of the inputs (by path, symlink or hard link): inputs are
 * never modified. Checked before any work, so a typo costs nothing.
 */
export function assertNotInput(output: string, inputs: readonly string[], cwd: string): void {
  const out = path.resolve(cwd, output);
  let outStat: { dev: number; ino: number } | undefined;
  try {
    outStat = statSync(out);
  } catch {
    outStat = undefined; // does not exist yet: only a path comparison can match
  }
  for (const input of inputs) {
    if (input === "-") continue;
    const inp = path.resolve(cwd, input);
    let same = inp === out;
    if (!same && outStat) {
      try {
        const s = statSync(inp);
        same = s.dev === outStat.dev && s.ino === outStat.ino;
      } catch {
        // An unreadable input is reported by the reader.
      }
    }
    if (same) throw new FtdataUsageError(`refusing to write the report over the input ${input}; choose another output file`);
  }
}
