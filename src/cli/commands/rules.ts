import { FtdataUsageError } from "../../core/errors.js";
import { ruleDocsUrl } from "../../reporters/sarif.js";
import { rules } from "../../validators/index.js";
import { defineCommand } from "../command.js";
import * as o from "../options.js";

/** One rule as `ftdata rules` lists it (and `--reporter json` prints it). */
export interface RuleListing {
  id: string;
  /** "off" rules run only when a setting or a `--target` profile turns them on. */
  defaultSeverity: string;
  optIn: boolean;
  /** Format ids, or "*" for every format. */
  formats: readonly string[] | "*";
  kinds?: readonly string[];
  /** Reported by the reader itself (bad UTF-8, invalid JSON…). */
  reader: boolean;
  description: string;
  /** The rule's documentation page (as SARIF's helpUri). */
  docs: string;
  defaultOptions?: unknown;
}

/**
 * The registry as the command lists it. The only place the command reads rule meta: when the
 * registry exports its own listing (docs url, options schema), point this at it.
 */
export function ruleListing(): RuleListing[] {
  return rules.map((r) => {
    const m = r.meta as typeof r.meta & { optIn?: boolean; kinds?: readonly string[]; reader?: boolean };
    const defaults = (r as { defaultOptions?: Record<string, unknown> }).defaultOptions;
    return {
      id: m.id,
      defaultSeverity: m.defaultSeverity,
      optIn: m.optIn === true,
      formats: m.formats,
      ...(m.kinds ? { kinds: m.kinds } : {}),
      reader: m.reader === true,
      description: m.description,
      docs: ruleDocsUrl(m.id),
      ...(defaults && Object.keys(defaults).length > 0 ? { defaultOptions: defaults } : {}),
    };
  });
}

function scope(r: RuleListing): string {
  if (r.reader) return "every line (reader)";
  if (r.formats === "*") return r.kinds ? `${r.kinds.join(", ")} examples` : "every format";
  return r.formats.join(", ");
}

const firstSentence = (s: string) => {
  const m = /^(.*?[.!?])(\s|$)/.exec(s);
  return (m ? m[1]! : s).replace(/\.$/, "");
};

export default defineCommand({
  name: "rules",
  summary: "List every rule with its default severity, formats and what it checks",
  usage: "[<rule-id>...] [options]",
  description: `Without ids, lists every rule; with ids, only those. Severities are the defaults: a config's
"rules" setting or a --target profile changes them ("off" rules run only when turned on).`,
  options: { reporter: o.reporter(["stylish", "json"]) },
  async run({ values, positionals, io }) {
    let list = ruleListing();
    if (positionals.length > 0) {
      const known = new Set(list.map((r) => r.id));
      const unknown = positionals.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new FtdataUsageError(`unknown rule${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}; run \`ftdata rules\` for the list`);
      }
      list = list.filter((r) => positionals.includes(r.id));
    }
    if (values.reporter === "json") {
      io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const idW = Math.max(...list.map((r) => r.id.length));
    const sevW = Math.max(...list.map((r) => severityLabel(r).length));
    const lines = list.map((r) => `${r.id.padEnd(idW)}  ${severityLabel(r).padEnd(sevW)}  ${scope(r)}\n${" ".repeat(idW + sevW + 4)}${firstSentence(r.description)}`);
    io.stdout.write(`${lines.join("\n")}\n\n${list.length} rule${list.length === 1 ? "" : "s"}. Details and options: docs/rules.md\n`);
    return 0;
  },
});

function severityLabel(r: RuleListing): string {
  return r.optIn ? `${r.defaultSeverity} (opt-in)` : r.defaultSeverity;
}
