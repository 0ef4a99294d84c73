import type { ResolvedRule } from "../core/config.js";
import type { Runner } from "../core/runner.js";

function human(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/** Reports `file-too-large` from the bytes read (decompressed), against the rule's (or target's) limit. */
export function checkFileSize(runner: Runner, enabled: Map<string, ResolvedRule>, bytes: number): void {
  const max = Number(enabled.get("file-too-large")?.options.maxBytes ?? 0);
  if (max > 0 && bytes > max) runner.issue({ ruleId: "file-too-large", messageId: "tooLarge", data: { bytes, size: human(bytes), limit: human(max) } });
}
