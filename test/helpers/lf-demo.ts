// LLaMA-Factory's demo data for the tokenizer tests: the full files when fetched (BENCH_LF_DATA, as the
// peer bench, or /work/data/llamafactory), else the trimmed copies in test/fixtures/llamafactory.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "llamafactory");

export const LF_DEMO_DIR = [process.env.BENCH_LF_DATA, "/work/data/llamafactory", fixtures].find((d) => d !== undefined && existsSync(d)) ?? "";

/** Every string of a JSON value. */
export function jsonStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) jsonStrings(x, out);
  else if (v !== null && typeof v === "object") for (const x of Object.values(v)) jsonStrings(x, out);
  return out;
}
