import { findEmails, findPhones } from "./pii.js";
import { findSecrets } from "./secrets.js";

export interface RedactOptions {
  /** Also mask email addresses (when the pii-email rule flagged the file). */
  emails?: boolean;
  /** Also mask phone numbers (when the pii-phone rule flagged the file). */
  phones?: boolean;
}

/**
 * The text with every credential (and, when asked, personal data) replaced by its masked form, the
 * same one the rules' messages show. For outputs that show whole example lines (the HTML report), so
 * a secret flagged in a message is not printed in full a few lines below it.
 */
export function redactText(text: string, options: RedactOptions = {}): string {
  const found: Array<{ index: number; length: number; masked: string }> = [...findSecrets(text)];
  if (options.emails) found.push(...findEmails(text));
  if (options.phones) found.push(...findPhones(text));
  if (found.length === 0) return text;
  found.sort((a, b) => a.index - b.index);
  let out = "";
  let at = 0;
  for (const f of found) {
    if (f.index < at) continue; // overlaps one already masked
    out += text.slice(at, f.index) + f.masked;
    at = f.index + f.length;
  }
  return out + text.slice(at);
}
