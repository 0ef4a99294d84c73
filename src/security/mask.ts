/**
 * Masking happens in the rule, before a value reaches a diagnostic, so no reporter (json, sarif,
 * html, a CI log) can ever print the whole secret.
 */

/** `sk-proj-Ab12…9fQa`: a recognisable head and the last 4 characters; short values show less. */
export function maskSecret(value: string): string {
  const chars = [...value];
  if (chars.length >= 24) return `${chars.slice(0, 5).join("")}…${chars.slice(-4).join("")}`;
  if (chars.length >= 12) return `${chars.slice(0, 3).join("")}…${chars.slice(-2).join("")}`;
  return `${chars.slice(0, 1).join("")}…`;
}

/** `j…@gmail.com`: the domain stays (it is rarely personal), the local part does not. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return `${[...email.slice(0, at)][0] ?? ""}…${email.slice(at)}`;
}

/** `+…67`: the plus sign when written, and the last 2 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return `${phone.trim().startsWith("+") ? "+" : ""}…${digits.slice(-2)}`;
}
