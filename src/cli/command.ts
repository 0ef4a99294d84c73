import { parseArgs } from "node:util";
import type { CliIO } from "./io.js";

/**
 * Declarative commands: each option is defined once (most of them in `options.ts`, shared), and the
 * `parseArgs` configuration, the value checks, `--help` and `docs/cli.md` are all derived from that
 * definition, so the help text cannot drift from what the parser accepts.
 */

interface OptionBase {
  /** One-letter short form, e.g. "o" for -o. */
  short?: string;
  /** Help text: one or more lines (a function when it lists something known only at run time). */
  description: string | (() => string);
  /**
   * Old long names kept for one release: they still work and print a one-line deprecation notice on
   * stderr naming the new spelling.
   */
  deprecated?: readonly string[];
  /** An old one-letter form kept the same way (it now belongs to no other option of the command). */
  deprecatedShort?: string;
}

/** An option taking a value; `parse` checks and converts it (a bad value is a usage error, exit 2). */
export interface StringOption<T = string> extends OptionBase {
  type: "string";
  /** Placeholder shown in help: `<file>`, `<n>`. */
  arg: string;
  default?: string;
  parse?: (value: string, flag: string) => T;
}

/** An on/off flag (`--no-x` spellings are flags of their own: parseArgs on Node 20 has no negation). */
export interface BooleanOption extends OptionBase {
  type: "boolean";
}

export type OptionDef = StringOption<unknown> | BooleanOption;
export type OptionDefs = Record<string, OptionDef>;

type ParsedAs<D> = D extends { parse?: (value: string, flag: string) => infer T } ? (unknown extends T ? string : T) : string;

/** The parsed values, typed from the definitions: flags are booleans, options their parsed type. */
export type OptionValues<O extends OptionDefs> = {
  [K in keyof O]: O[K] extends BooleanOption
    ? boolean
    : O[K] extends { default: string }
      ? ParsedAs<O[K]>
      : ParsedAs<O[K]> | undefined;
};

export interface CommandSpec<O extends OptionDefs> {
  name: string;
  /** One line, shown in `ftdata --help` and docs/cli.md. */
  summary: string;
  /** What follows `ftdata <name>` in the usage line. */
  usage: string;
  /** Paragraphs after the usage line. */
  description?: string | (() => string);
  options: O;
  /** Text after the option list (exit codes, environment). */
  footer?: string | (() => string);
  run(args: { values: OptionValues<O>; positionals: string[]; io: CliIO }): Promise<number>;
}

/** A CLI command as main() sees it. */
export interface Command {
  name: string;
  summary: string;
  help(): string;
  /** Option definitions (with -h/--help), for docs/cli.md. */
  options: OptionDefs;
  run(argv: string[], io: CliIO): Promise<number>;
}

export const HELP_OPTION: BooleanOption = { type: "boolean", short: "h", description: "Show this help" };

const text = (t: string | (() => string) | undefined): string => (typeof t === "function" ? t() : (t ?? ""));

/** `-o, --output <file>` as it appears in help. */
export function optionLabel(name: string, def: OptionDef): string {
  const short = def.short ? `-${def.short}, ` : "    ";
  return `${short}--${name}${def.type === "string" ? ` ${def.arg}` : ""}`;
}

/** The option list of a command's help: label column, then the description (continuation lines aligned). */
export function optionTable(options: OptionDefs): string {
  const entries = Object.entries({ ...options, help: HELP_OPTION });
  const width = Math.max(...entries.map(([n, d]) => optionLabel(n, d).length)) + 2;
  const lines: string[] = [];
  for (const [name, def] of entries) {
    const desc = text(def.description).split("\n");
    const old = [...(def.deprecatedShort ? [`-${def.deprecatedShort}`] : []), ...(def.deprecated ?? []).map((d) => `--${d}`)];
    if (old.length > 0) desc.push(`(deprecated spelling${old.length > 1 ? "s" : ""}: ${old.join(", ")})`);
    lines.push(`  ${optionLabel(name, def).padEnd(width)}${desc[0]}`);
    for (const d of desc.slice(1)) lines.push(`  ${" ".repeat(width)}${d}`);
  }
  return lines.join("\n");
}

function helpText(spec: CommandSpec<OptionDefs>): string {
  const parts = [`Usage: ftdata ${spec.name} ${spec.usage}`];
  const description = text(spec.description);
  parts.push(description ? `${spec.summary}.\n\n${description}` : `${spec.summary}.`);
  parts.push(`Options:\n${optionTable(spec.options)}`);
  const footer = text(spec.footer);
  if (footer) parts.push(footer);
  return parts.join("\n\n") + "\n";
}

/** Parses argv against the definitions: deprecated spellings noted on stderr, values checked. */
export function parseOptions<O extends OptionDefs>(commandName: string, options: O, argv: string[], io: Pick<CliIO, "stderr">): { values: OptionValues<O>; positionals: string[] } {
  type ParseConfig = NonNullable<Parameters<typeof parseArgs>[0]>["options"];
  const config: NonNullable<ParseConfig> = {};
  const aliasOf = new Map<string, string>();
  for (const [name, def] of Object.entries(options)) {
    config[name] = def.short ? { type: def.type, short: def.short } : { type: def.type };
    (def.deprecated ?? []).forEach((old, i) => {
      config[old] = i === 0 && def.deprecatedShort ? { type: def.type, short: def.deprecatedShort } : { type: def.type };
      aliasOf.set(old, name);
    });
  }
  const { values: raw, positionals } = parseArgs({ args: argv, allowPositionals: true, options: config });
  const given = raw as Record<string, string | boolean | undefined>;
  for (const [old, name] of aliasOf) {
    if (given[old] === undefined) continue;
    const def = options[name]!;
    const spelled = def.deprecatedShort && def.deprecated?.[0] === old ? `-${def.deprecatedShort}/--${old}` : `--${old}`;
    io.stderr.write(`ftdata ${commandName}: ${spelled} is deprecated and will be removed; use ${def.short ? `-${def.short}, ` : ""}--${name}\n`);
    if (given[name] === undefined) given[name] = given[old];
    delete given[old];
  }
  const values: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(options)) {
    const v = given[name];
    if (def.type === "boolean") values[name] = v === true;
    else {
      const s = typeof v === "string" ? v : def.default;
      values[name] = s === undefined ? undefined : def.parse ? def.parse(s, `--${name}`) : s;
    }
  }
  return { values: values as OptionValues<O>, positionals };
}

/** Defines a command from its spec; help and parsing come from the option definitions. */
export function defineCommand<const O extends OptionDefs>(spec: CommandSpec<O>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    options: { ...spec.options, help: HELP_OPTION },
    help: () => helpText(spec as unknown as CommandSpec<OptionDefs>),
    async run(argv, io) {
      const { values, positionals } = parseOptions(spec.name, spec.options, argv, io);
      return spec.run({ values, positionals, io });
    },
  };
}
