/**
 * FTDATA_TIMING=1 (or a number of rows, or "all"): the rules that took the most time, per file, on
 * stderr, like ESLint's TIMING. For finding the rule to switch off or to report as slow.
 */
export function timingTable(file: string, timings: ReadonlyMap<string, number>, setting: string): string {
  const rows = [...timings].sort((a, b) => b[1] - a[1]);
  const n = setting === "all" ? rows.length : Number.isInteger(Number(setting)) && Number(setting) > 1 ? Number(setting) : 10;
  const total = rows.reduce((s, [, ms]) => s + ms, 0);
  const shown = rows.slice(0, n);
  const width = Math.max(4, ...shown.map(([id]) => id.length));
  const out = [`Rule timing for ${file} (${total.toFixed(0)} ms in rules)`, `${"Rule".padEnd(width)} | Time (ms) | Relative`];
  for (const [id, ms] of shown) out.push(`${id.padEnd(width)} | ${ms.toFixed(1).padStart(9)} | ${(total > 0 ? (100 * ms) / total : 0).toFixed(1).padStart(7)}%`);
  return out.join("\n") + "\n";
}
