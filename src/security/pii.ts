import { maskEmail, maskPhone } from "./mask.js";

export interface PiiFinding {
  /** Masked: never the whole address or number. */
  masked: string;
  index: number;
  /** UTF-16 length of the match. */
  length: number;
}

// Local part and domain as people write them; the TLD must be letters, so `pkg@1.2.3` is not one.
const EMAIL = /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;
/** RFC 2606/6761 documentation domains, and addresses that are roles rather than people. */
const EMAIL_DOC_DOMAIN = /@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|example|test|invalid|localhost|domain\.com|email\.com|company\.com|yourcompany\.com|yourdomain\.com|acme\.com)$/i;
const EMAIL_NOT_PERSON = /^(?:no-?reply|do-?not-?reply|support|info|admin|sales|contact|help|team|hello|webmaster|postmaster|abuse|security|privacy|user|username|name|email|you|your\.?name|john\.?doe|jane\.?doe|foo|bar|test)@/i;

/** Email addresses of people (documentation domains and role addresses skipped), masked. */
export function findEmails(text: string): PiiFinding[] {
  if (!text.includes("@")) return [];
  const out: PiiFinding[] = [];
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(text); m !== null; m = EMAIL.exec(text)) {
    const email = m[0];
    if (EMAIL_DOC_DOMAIN.test(email) || EMAIL_NOT_PERSON.test(email)) continue;
    // Package scopes and git remotes (`git@github.com`) are not people.
    if (/^git@/i.test(email)) continue;
    out.push({ masked: maskEmail(email), index: m.index, length: email.length });
  }
  return out;
}

// International (+CC …) or North American ((555) 123-4567, 555-123-4567, 555.123.4567) numbers,
// with separators: bare digit runs are ids, amounts and timestamps far more often than phones.
const PHONE = /(?<![\w+])(?:\+[1-9]\d{0,2}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\w])/g;

/** Phone numbers (fictional 555-01xx numbers and ones with too few digits skipped), masked. */
export function findPhones(text: string): PiiFinding[] {
  if (!/\d{3}/.test(text)) return [];
  const out: PiiFinding[] = [];
  PHONE.lastIndex = 0;
  for (let m = PHONE.exec(text); m !== null; m = PHONE.exec(text)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length < 10 || digits.length > 15) continue;
    // 555-0100…555-0199 are reserved for fiction; 000/123-456-7890 style are placeholders.
    if (/555[\s.)-]*01\d\d$/.test(m[0]) || /^(?:1?234567890|0+|(\d)\1+)$/.test(digits.replace(/^1(?=\d{10}$)/, ""))) continue;
    // Dates and version-like triples (2024-01-15, 1.2.3) never have 10+ digits with these separators, so no extra check.
    out.push({ masked: maskPhone(m[0]), index: m.index, length: m[0].length });
  }
  return out;
}
