import type { CanonicalExample } from "../core/canonical.js";
import { findSecrets, type SecretFinding, type SecretKind } from "./secrets.js";
import { repeatedTextMemo } from "../core/text-memo.js";
import { scanTexts, type ExampleText } from "./texts.js";

export interface LocatedSecret extends SecretFinding {
  at: ExampleText;
}

const find = repeatedTextMemo(findSecrets);

// The four secret rules share one scan per example: they see one example after another, so a
// one-entry cache is enough (cheaper than a WeakMap).
let scannedFor: CanonicalExample | undefined;
let scanned: LocatedSecret[] = [];

/** Credentials of one kind in an example's texts, scanned once for all secret rules. */
export function secretsIn(ex: CanonicalExample, kind: SecretKind): LocatedSecret[] {
  if (scannedFor !== ex) {
    const all: LocatedSecret[] = [];
    scanTexts(ex, find, (f, at) => all.push({ ...f, at }));
    scannedFor = ex;
    scanned = all;
  }
  return scanned.length === 0 ? scanned : scanned.filter((s) => s.kind === kind);
}
