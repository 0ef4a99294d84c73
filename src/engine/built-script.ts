import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * A worker thread's script, built next to the bundle that runs this code (`dist/<name>.js`, whichever
 * chunk of dist/ this module landed in); undefined when running from sources (tests of src/), where
 * the work stays on the calling thread.
 */
export function builtScript(name: string): string | undefined {
  for (const rel of [`./${name}.js`, `../${name}.js`]) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  return undefined;
}
