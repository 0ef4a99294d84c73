import { plural as pluralOf } from "../../core/wording.js";
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML content and quoted attribute values. Every string that comes from a dataset
 * (messages, file names, paths, keys) goes through here: dataset text is untrusted.
 */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * JSON for a `<script type="application/json">` block: `<` is escaped so no `</script>` or `<!--`
 * in the data can end the block; U+2028/U+2029 so the text stays valid JavaScript too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** 12345 → "12,345"; fractions keep at most `digits` decimals. Fixed locale, so output is reproducible. */
export function num(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  const fixed = digits > 0 ? String(Number(n.toFixed(digits))) : String(Math.round(n));
  const [int, frac] = fixed.split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${grouped}.${frac}` : grouped;
}

/** Short axis labels: 950, 1.5k, 16k, 2.1M. */
export function compact(n: number): string {
  const a = Math.abs(n);
  const fmt = (v: number, unit: string) => `${Number(v.toFixed(v < 10 ? 1 : 0))}${unit}`;
  if (a >= 1e9) return fmt(n / 1e9, "G");
  if (a >= 1e6) return fmt(n / 1e6, "M");
  if (a >= 1e3) return fmt(n / 1e3, "k");
  return String(Number(n.toFixed(n % 1 === 0 ? 0 : 1)));
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return pluralOf(n, word, many, num);
}
