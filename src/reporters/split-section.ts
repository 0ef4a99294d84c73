import type { SplitReport } from "../core/split-report.js";

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

/** The split summary printed by the stylish reporter (plain lines; the caller adds colour). */
export function splitSectionLines(s: SplitReport): string[] {
  const method = s.method === "bottom-k" ? `exact count ${s.holdoutCount} (bottom-k over group hashes)` : `hash threshold, fraction ${s.fraction}`;
  const out = [
    "",
    `Split: ${method}, salt "${s.salt}", grouped by ${s.groupBy}${s.stratifyBy ? `, stratified by ${s.stratifyBy}` : ""}`,
    `  records  ${s.records.total} → train ${s.records.train}, holdout ${s.records.holdout} (${pct(s.realizedFraction)})`,
    `  groups   ${s.groups.total} → train ${s.groups.train}, holdout ${s.groups.holdout}` +
      (s.groups.largest ? `; largest ${s.groups.largest.size} records (${pct(s.groups.largest.share)}, line ${s.groups.largest.line})` : ""),
  ];
  if (s.groups.missingField) out.push(`  ${s.groups.missingField} records lack the group field and were grouped by their first user message`);
  if (s.strata) {
    const w = Math.max(7, ...s.strata.map((x) => x.value.length));
    out.push(`  ${"stratum".padEnd(w)}  records  train  holdout  holdout %`);
    for (const x of s.strata) {
      out.push(`  ${x.value.padEnd(w)}  ${String(x.records).padStart(7)}  ${String(x.train).padStart(5)}  ${String(x.holdout).padStart(7)}  ${pct(x.holdoutFraction).padStart(9)}`);
    }
  }
  if (s.skippedLines.length > 0) out.push(`  blank lines left out: ${s.skippedLines.slice(0, 20).join(", ")}${s.skippedLines.length > 20 ? ", …" : ""}`);
  if (s.leakage) {
    const l = s.leakage;
    const near = l.nearPrompts === null ? "near-duplicate prompts not checked (--near-dup)" : `${l.nearPrompts} near-duplicate prompts`;
    out.push(`  leakage  ${l.examples} same examples, ${l.prompts} same prompts, ${near} across the split`);
  } else {
    out.push("  leakage  not checked");
  }
  out.push(
    s.outputs.written
      ? `  wrote    ${s.outputs.train} (${s.records.train}) and ${s.outputs.holdout} (${s.records.holdout})`
      : `  nothing written (${s.outputs.train}, ${s.outputs.holdout})`,
  );
  return out;
}
