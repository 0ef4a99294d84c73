import type { CanonicalExample } from "../formats/canonical.js";
import { findSecrets, type SecretFinding, type SecretKind } from "./secrets.js";
import { exampleTexts, type ExampleText } from "./texts.js";

export interface LocatedSecret extends SecretFinding {
  at: ExampleText;
}

// The four secret rules share one scan per example.
const cache = new WeakMap<CanonicalExample, LocatedSecret[]>();

/** Credentials of one kind in an example's texts, scanned once for all secret rules. */
export function secretsIn(ex: CanonicalExample, kind: SecretKind): LocatedSecret[] {
  let all = cache.get(ex);
  if (!all) {
    all = [];
    for (const t of exampleTexts(ex)) for (const f of findSecrets(t.text)) all.push({ ...f, at: t });
    cache.set(ex, all);
  }
  return all.filter((s) => s.kind === kind);
}
