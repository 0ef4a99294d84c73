import { resolveRules, type ResolvedRule, type RulesConfig } from "../core/config.js";
import { FtdataUsageError } from "../core/errors.js";
import { makeReport, type FileReport, type Report } from "../core/report.js";
import type { FormatId, JsonObject } from "../core/canonical.js";
import type { RuleRuntime } from "../core/rule.js";
import { resolveFormat } from "../formats/index.js";
import { displayPath, type InputSource } from "./source.js";
import { rules } from "../validators/index.js";
import { checkRuleOptions } from "../validators/options.js";
import type { GraderSource } from "../grader/load.js";
import { lintGrader } from "./grader-file.js";
import { mergeRuleSettings, resolveTarget, targetRules } from "../targets/index.js";
import { fileBytes, wantsTokens, type TokenPassOptions } from "./token-options.js";
import type { TokenRun } from "./tokens.js";
import { HoldoutIndex } from "../dedup/holdout-index.js";
import { countFileLines } from "./line-count.js";
import { openDataset, type Dataset, type OpenDatasetOptions } from "./dataset.js";
import { reportFindings, runPass, type PassOptions } from "./pass.js";
import path from "node:path";
import { shouldRunOffThread, validateOffThread } from "./off-thread.js";
import { lintInShards, shardableInput } from "./parallel.js";
import { existsSync, readFileSync, statSync } from "node:fs";
import { DATASET_INFO_FILE, entryForFile, entryLine, entryProblem, parseDatasetInfo, planFor, type DatasetPlan } from "./dataset-info.js";
import type { RuleIssue } from "../validators/index.js";

export interface ValidateOptions {
  /** Force a dataset format instead of detecting it from the first record. */
  format?: FormatId | (string & {});
  /** Rule settings: `{ "example-duplicate": "off", "examples-min-count": ["error", { min: 50 }] }`. */
  rules?: RulesConfig;
  /** Platform profile (`openai`, `together`, `generic`…): rule settings under `rules`. See `targets`. */
  target?: string;
  /** Lines longer than this many bytes are skipped and reported (default 64 MiB). */
  maxLineBytes?: number;
  /** Name shown for a non-file input (default `<input>`; `<stdin>` for "-"). */
  name?: string;
  /** Base for relative paths (default: the working directory). */
  cwd?: string;
  /** Diagnostics listed per rule per file; past it they are only counted (default 10,000; 0: no limit). */
  maxDiagnosticsPerRule?: number;
  /**
   * Lines listed in each duplicate rule's clusters per file (default: `maxDiagnosticsPerRule`; 0: all).
   * Past it a cluster is cut (its `size` says how many lines it has) and later clusters are left out.
   */
  maxClusterLines?: number;
  /** Stops reading; `validate()` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * An OpenAI grader (or a whole fine-tuning job body holding `method.reinforcement.grader`): a file
   * path or an object. It is checked and gets its own entry in `files`; every `{{item.x}}` it reads is
   * checked in every row.
   */
  grader?: GraderSource;
  /** Called as the input is read (after every line, and once when a file is done): for progress display. */
  onProgress?: (progress: ValidateProgress) => void;
  /**
   * A holdout (validation) file to check the inputs against for leakage: the same example (error),
   * the same prompt or a near-duplicate prompt (warnings). The holdout is linted too.
   */
  holdout?: InputSource;
  /** Name shown for the holdout (default: its path). */
  holdoutName?: string;
  /**
   * Near-duplicate detection (`example-near-duplicate`, `holdout-prompt-near-duplicate`): `true` at
   * any size, `false` never; by default it runs on files of up to 10,000 records.
   */
  nearDup?: boolean;
  /**
   * Measures the time spent in each rule and hands it over once per file (milliseconds by rule id).
   * Slows the run a little; the CLI turns it on with the FTDATA_TIMING environment variable.
   */
  onRuleTiming?: (file: string, timings: ReadonlyMap<string, number>) => void;
  /**
   * Lint off the calling thread: a plain JSONL file of 16 MiB or more in shards on worker threads
   * (`threads`), other inputs of 64 MiB or more in all on one worker with a capped young generation
   * (lower peak memory). `"auto"` (default), a number for another threshold in bytes (both kinds),
   * `true` always (when possible), `false` never. Never from inside a worker.
   */
  offThread?: boolean | "auto" | number;
  /**
   * Worker threads for one large plain JSONL file (see `offThread` for which files): it is cut into
   * byte ranges at line boundaries, one per worker, and the report is the one a single thread gives.
   * Default: the cores this process may use (`os.availableParallelism()`).
   */
  threads?: number;
  /**
   * LLaMA-Factory `dataset_info.json`: by default the one beside each input file is read, and the entry
   * naming the file says how its columns and role tags are laid out. A path uses that file for every
   * input; `false` turns the lookup off. An input that is itself a dataset_info.json checks every
   * dataset it lists. `format` takes precedence.
   */
  datasetInfo?: string | false;
  /**
   * List every occurrence of a repeated finding as its own diagnostic. By default, repeats of the
   * shape rules (unknown keys, wrong types, blank lines…: rules with `meta.group`) with the same
   * message at the same place are one diagnostic with `data.occurrences` and the first lines in
   * `related`. Counts and exit codes are the same either way.
   */
  allOccurrences?: boolean;
}

/** How far `validate()` has read. */
export interface ValidateProgress {
  /** The file being read, as shown in diagnostics. */
  file: string;
  /** 0-based position of that file among the inputs. */
  fileIndex: number;
  /** Bytes of the file read so far (decompressed bytes for gzip). */
  bytesRead: number;
  /** Records (JSON objects) read so far in that file. */
  records: number;
  /** True on the last call for a file. */
  done: boolean;
}

// Token options (model, tokenizer, stats, workers…) live with the stats module.
export interface ValidateOptions extends TokenPassOptions {}

/**
 * Validates one or more datasets in one streaming pass each and returns the report.
 *
 * @example
 * const report = await validate("train.jsonl");
 * if (report.errorCount > 0) console.log(report.files[0]!.diagnostics);
 *
 * @param input a path (`.jsonl`, `.jsonl.gz`, or `-` for stdin), an array of paths, an array of records, a Readable, or an
 *   (async) iterable of lines, byte chunks or already-parsed records.
 * @throws FtdataUsageError when an input cannot be read (missing file, directory, no permission),
 *   a format name is unknown or a rule setting is invalid. Problems in the data never throw.
 */
export async function validate(input: InputSource | readonly string[] | readonly JsonObject[], options: ValidateOptions = {}): Promise<Report> {
  await checkRuleOptions(options.rules);
  if (await shouldRunOffThread(input, options)) return validateOffThread(typeof input === "string" ? [input] : (input as readonly string[]), options);
  const enabled = resolveRules(rules, options.target !== undefined ? mergeRuleSettings(targetRules(resolveTarget(options.target)), options.rules) : options.rules);
  if (options.nearDup === false) for (const id of NEAR_DUP_RULES) enabled.delete(id);
  const forced = options.format !== undefined ? resolveFormat(options.format) : undefined;
  // The tokenizer's code loads only when tokens are asked for: a plain lint (a git hook) never parses it.
  const tokenRun = wantsTokens(options) ? (await import("./tokens.js")).prepareTokens(options) : undefined;
  const given = inputList(input);
  const { inputs, plans, infoReports } = withDatasetInfo(given, options, enabled, forced !== undefined);
  const openOptions = (name: string | undefined, plan?: DatasetPlan): OpenDatasetOptions => ({
    ...(plan ? { plan } : {}),
    ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    ...(forced ? { format: forced } : {}),
  });
  // Open everything first: an unreadable path is a usage error before any work is reported.
  const opened: Dataset[] = [];
  for (const [k, i] of inputs.entries()) opened.push(await openDataset(i, openOptions(inputs.length === 1 ? options.name : undefined, plans[k])));
  const files: FileReport[] = [];
  const grader = options.grader !== undefined ? await lintGrader(options.grader, enabled, options.cwd) : undefined;
  const runtime: { -readonly [K in keyof RuleRuntime]: RuleRuntime[K] } = {};
  if (options.nearDup !== undefined) runtime.nearDup = options.nearDup;
  if (grader?.check) runtime.graderReferences = grader.check.itemRefs;
  const passFor = (rulesOn: Map<string, ResolvedRule>, input: InputSource): PassOptions => ({
    enabled: rulesOn,
    runtime,
    signal: options.signal,
    maxDiagnosticsPerRule: options.maxDiagnosticsPerRule,
    maxClusterLines: options.maxClusterLines,
    bytes: fileBytes(input, options.cwd),
    lines: typeof input === "string" && input !== "-" ? () => countFileLines(path.resolve(options.cwd ?? process.cwd(), input)) : undefined,
    onRuleTiming: options.onRuleTiming,
    allOccurrences: options.allOccurrences === true,
  });
  let holdoutReport: FileReport | undefined;
  if (options.holdout !== undefined) {
    const hsrc = await openDataset(options.holdout, openOptions(options.holdoutName ?? (typeof options.holdout === "string" ? displayPath(options.holdout, options.cwd) : "<holdout>")));
    const index = new HoldoutIndex(hsrc.name, enabled.has("holdout-prompt-near-duplicate"));
    // A validation file has no minimum size: the count rules apply to training files.
    const henabled = new Map([...enabled].filter(([id]) => id !== "examples-min-count" && id !== "examples-recommended-count"));
    const hpass = passFor(henabled, options.holdout);
    hpass.examples = true;
    hpass.onRecord = (r) => {
      if (r.example) index.add(r.example, r.ev.line);
    };
    holdoutReport = await lintWithTokens(hsrc, hpass, tokenRun);
    runtime.holdout = index;
  }
  for (const [i, opening] of opened.entries()) {
    let src = opening;
    const file = passFor(enabled, inputs[i]!);
    if (options.onProgress) file.onProgress = (p) => options.onProgress!({ file: src.name, fileIndex: i, ...p });
    const shardPath = shardableInput(inputs[i]!, options);
    const shardOptions = { threads: options.threads, maxLineBytes: options.maxLineBytes, tokens: tokenRun ? { run: tokenRun, options } : undefined };
    const sharded = shardPath !== undefined ? await lintInShards(src, shardPath, file, shardOptions) : undefined;
    // A shard out of memory: the whole file again, on this thread.
    if (sharded === "retry") src = await openDataset(inputs[i]!, openOptions(inputs.length === 1 ? options.name : undefined, plans[i]));
    files.push(sharded !== undefined && sharded !== "retry" ? sharded : await lintWithTokens(src, file, tokenRun));
  }
  files.push(...infoReports);
  if (holdoutReport) files.push(holdoutReport);
  if (grader) files.push(grader.report);
  return makeReport(files);
}

/** The MinHash rules: `nearDup: false` turns them off, `true` lifts their record cap (RuleRuntime.nearDup). */
export const NEAR_DUP_RULES = ["example-near-duplicate", "holdout-prompt-near-duplicate"] as const;

async function lintWithTokens(src: Dataset, pass: PassOptions, tokenRun: TokenRun | undefined): Promise<FileReport> {
  const tokens = tokenRun?.start(pass.bytes);
  if (tokens) pass.tokens = tokens;
  try {
    return await runPass(src, pass);
  } finally {
    await tokens?.close();
  }
}

/**
 * LLaMA-Factory's dataset_info.json, wired into the reading path in one place: finds the entry for
 * each input file (beside it, or the file `options.datasetInfo` names) and expands an input that is a
 * dataset_info.json into the datasets it lists, with a report of its own for entries not checked.
 */
function withDatasetInfo(
  given: InputSource[],
  options: ValidateOptions,
  enabled: Map<string, ResolvedRule>,
  forced: boolean,
): { inputs: InputSource[]; plans: (DatasetPlan | undefined)[]; infoReports: FileReport[] } {
  const inputs: InputSource[] = [];
  const plans: (DatasetPlan | undefined)[] = [];
  const infoReports: FileReport[] = [];
  const cwd = options.cwd ?? process.cwd();
  const registries = new Map<string, ReturnType<typeof parseDatasetInfo> | undefined>();
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  };
  for (const input of given) {
    const isPath = typeof input === "string" && input !== "-";
    if (!isPath || options.datasetInfo === false || forced) {
      // An explicit dataset_info.json input is still expanded with --format off-limits: say so plainly.
      if (isPath && path.basename(input) === DATASET_INFO_FILE && options.datasetInfo === false) throw new FtdataUsageError(`${input} is a dataset_info.json; drop --no-dataset-info to check the datasets it lists`);
      inputs.push(input);
      plans.push(undefined);
      continue;
    }
    const abs = path.resolve(cwd, input);
    if (path.basename(abs) === DATASET_INFO_FILE) {
      const text = read(abs);
      if (text === undefined) throw new FtdataUsageError(`cannot read ${input}`);
      const infoName = displayPath(input, options.cwd);
      const issues: RuleIssue[] = [];
      const runner = { issue: (i: RuleIssue) => void issues.push(i) };
      const parsed = parseDatasetInfo(text);
      if (parsed.error !== undefined) runner.issue({ ruleId: "dataset-info-entry-invalid", messageId: "json", line: 1, data: { problem: parsed.error } });
      const remote: string[] = [];
      for (const e of parsed.entries) {
        const line = entryLine(text, e.name);
        const at = line !== undefined ? { line } : {};
        if (e.fileName === undefined) {
          if (e.remote !== undefined) remote.push(e.name);
          else runner.issue({ ruleId: "dataset-info-entry-invalid", messageId: "invalid", ...at, data: { name: e.name, problem: "no file_name, hub URL, script_url or cloud_file_name" } });
          continue;
        }
        const problem = entryProblem(e);
        if (problem !== undefined) {
          runner.issue({ ruleId: "dataset-info-entry-invalid", messageId: "invalid", ...at, data: { name: e.name, problem } });
          continue;
        }
        const file = path.join(path.dirname(abs), e.fileName);
        if (!existsSync(file)) {
          runner.issue({ ruleId: "dataset-info-entry-invalid", messageId: "missing", ...at, data: { name: e.name, file: e.fileName } });
          continue;
        }
        const why = statSync(file).isDirectory() ? "a folder of files (name the files to check them)" : /\.(jsonl?|gz)$/i.test(file) ? undefined : `a ${path.extname(file) || "plain"} file (ftdata reads JSONL and JSON)`;
        if (why !== undefined) {
          runner.issue({ ruleId: "dataset-info-entry-unchecked", messageId: "unread", ...at, data: { name: e.name, file: e.fileName, why } });
          continue;
        }
        inputs.push(path.relative(cwd, file) || file);
        plans.push(planFor(e));
      }
      if (remote.length > 0) {
        const names = remote.slice(0, 20).join(", ") + (remote.length > 20 ? `, … (${remote.length - 20} more)` : "");
        runner.issue({ ruleId: "dataset-info-entry-unchecked", messageId: "remote", line: 1, data: { count: remote.length, names } });
      }
      const local = parsed.entries.length - remote.length;
      const report = reportFindings(infoName, enabled, issues, { format: "llamafactory-dataset-info", lines: text.split("\n").length, records: parsed.entries.length });
      report.formatReason = `a LLaMA-Factory ${DATASET_INFO_FILE}: ${local} local dataset(s) checked as its entries say, ${remote.length} on a hub not checked`;
      infoReports.push(report);
      continue;
    }
    const infoPath = typeof options.datasetInfo === "string" ? path.resolve(cwd, options.datasetInfo) : path.join(path.dirname(abs), DATASET_INFO_FILE);
    // Many inputs share one folder, hence one registry: read and parse it once per call.
    if (!registries.has(infoPath)) {
      const text = existsSync(infoPath) ? read(infoPath) : undefined;
      registries.set(infoPath, text !== undefined ? parseDatasetInfo(text) : undefined);
    }
    const parsed = registries.get(infoPath);
    if (parsed === undefined && typeof options.datasetInfo === "string") throw new FtdataUsageError(`cannot read ${options.datasetInfo}`);
    const entry = parsed ? entryForFile(parsed.entries, path.relative(path.dirname(infoPath), abs).split(path.sep).join("/")) : undefined;
    inputs.push(input);
    plans.push(entry && entryProblem(entry) === undefined ? planFor(entry) : undefined);
  }
  return { inputs, plans, infoReports };
}

/**
 * An array is either several paths or one dataset of records, told apart by its items: every item a
 * string means paths, every item a plain object means records (one input, named like an iterable).
 * Anything else (numbers, nested arrays, a mix) is a usage error rather than a TypeError deep in the reader.
 */
function inputList(input: InputSource | readonly unknown[]): InputSource[] {
  if (!Array.isArray(input)) return [input as InputSource];
  const items = input as readonly unknown[];
  if (items.every((x) => typeof x === "string")) return [...(items as readonly string[])];
  if (items.every((x) => typeof x === "object" && x !== null && !Array.isArray(x))) return [items as Iterable<JsonObject>];
  const bad = items.findIndex((x) => typeof x !== "string" && (typeof x !== "object" || x === null || Array.isArray(x)));
  const what = (x: unknown) => (x === null ? "null" : Array.isArray(x) ? "an array" : typeof x === "object" ? "an object" : `a ${typeof x}`);
  throw new FtdataUsageError(
    bad === -1
      ? "validate() takes an array of paths (strings) or an array of records (objects), not a mix of both"
      : `validate() takes an array of paths (strings) or an array of records (objects); item ${bad} is ${what(items[bad])}`,
    "input",
  );
}
