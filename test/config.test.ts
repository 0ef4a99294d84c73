import { mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import path from "node:path";
import AjvModule from "ajv";
import { describe, expect, it } from "vitest";
import { configJsonSchema, loadConfig } from "../src/config/index.js";
import { FtdataUsageError } from "../src/core/errors.js";
import { chatLine, chatLines, ROOT, runCli, tempTree } from "./support/cli.js";

const json = (v: unknown) => JSON.stringify(v, null, 2);

describe("schemas/config.schema.json", () => {
  it("is up to date with the zod schema (run `npm run schemas` after changing rules or config)", async () => {
    const committed = readFileSync(path.join(ROOT, "schemas/config.schema.json"), "utf8");
    expect(committed, "schemas/config.schema.json is stale: run `npm run schemas`").toBe(JSON.stringify(await configJsonSchema(), null, 2) + "\n");
  });

  it("accepts what the loader accepts and rejects what it rejects", async () => {
    const schema = await configJsonSchema();
    // ajv is CommonJS: under Node's interop its class is the default export's `default`.
    const Ajv = (AjvModule as unknown as { default: typeof AjvModule.default }).default;
    const check = new Ajv({ strict: false }).compile(schema);
    const good = {
      $schema: "./node_modules/ftdata/schemas/config.schema.json",
      format: "openai-chat",
      target: "openai",
      model: "gpt-4o-mini",
      rules: { "example-duplicate": "off", "examples-min-count": ["error", { min: 50 }] },
      overrides: [{ files: ["data/legacy/**"], rules: { "example-duplicate": "warning" } }],
      ignores: ["data/tmp/**"],
    };
    expect(check(good), json(check.errors)).toBe(true);
    expect(check({ rules: { "examples-min-count": ["error", { min: 5 }] }, overrides: [{ files: "x", rules: { "example-near-duplicate": ["warning", { threshold: 0.8 }] } }] }), json(check.errors)).toBe(true);
    for (const bad of [
      { format: "csv" },
      { target: "opneai" },
      { rules: { "no-such-rule": "off" } },
      { rules: { "example-duplicate": "fatal" } },
      { rules: { "examples-min-count": ["error", { minn: 5 }] } },
      { rules: { "examples-min-count": ["error", { min: "five" }] } },
      { rules: { "assistant-content-empty": ["error", { any: 1 }] } },
      { overrides: [{ files: "x", rules: { "example-near-duplicate": ["warning", { threshold: 2 }] } }] },
      { overrides: [{ rules: {} }] },
      { extra: 1 },
    ]) {
      expect(check(bad), json(bad)).toBe(false);
    }
  });
});

describe("loadConfig", () => {
  it("finds ftdata.config.json from the working directory upward", async () => {
    const root = tempTree({ ".git/HEAD": "", "ftdata.config.json": json({ rules: { "example-duplicate": "off" } }), "data/sub/x.jsonl": "" });
    const loaded = await loadConfig({ cwd: path.join(root, "data/sub") });
    expect(loaded?.path).toBe(path.join(root, "ftdata.config.json"));
    expect(loaded?.config.rules).toEqual({ "example-duplicate": "off" });
  });

  it('reads the "ftdata" key of package.json, and skips a package.json without one', async () => {
    const root = tempTree({ ".git/HEAD": "", "package.json": json({ name: "x", ftdata: { format: "openai-chat" } }), "pkg/package.json": json({ name: "y" }) });
    const loaded = await loadConfig({ cwd: path.join(root, "pkg") });
    expect(loaded?.path).toBe(path.join(root, "package.json"));
    expect(loaded?.config.format).toBe("openai-chat");
  });

  it("stops at the repository root", async () => {
    const outer = tempTree({ "ftdata.config.json": json({}), "repo/.git/HEAD": "" });
    expect(await loadConfig({ cwd: path.join(outer, "repo") })).toBeUndefined();
  });

  it.each([
    [{ format: "csv" }, /"format" must be one of: openai-chat, openai-dpo, .*; found "csv"/],
    [{ rules: { "example-duplicate": "fatal" } }, /"rules\["example-duplicate"\]" must be off, error, warning, info, or \[severity, \{ options \}\]; found "fatal"/],
    [{ rules: { "no-such-rule": "off" } }, /"rules" has unknown rule "no-such-rule"; allowed: utf8-invalid, .*example-duplicate/],
    [{ rule: {} }, /the config has unknown key "rule"; allowed: \$schema, format, target, model, rules, overrides, ignores/],
    [{ overrides: [{ files: 3 }] }, /"overrides\[0\]\.files" must be a glob or an array of globs; found number/],
    [[], /the config must be a JSON object; found array/],
    // Rule options are checked against each rule's schema (they used to be ignored or to turn the rule off).
    [{ rules: { "examples-min-count": ["error", { minn: 5 }] } }, /^invalid config ftdata\.config\.json: rule "examples-min-count": unknown option "minn" \(options: min\)$/],
    [{ rules: { "examples-min-count": ["error", { min: "five" }] } }, /rule "examples-min-count": option "min" must be a number; found string "five"$/],
    [{ rules: { "example-images-too-many": ["error", { max: -1 }] } }, /rule "example-images-too-many": option "max" must be at least 0; found -1$/],
    [{ rules: { "assistant-content-empty": ["error", { min: 1 }] } }, /rule "assistant-content-empty": unknown option "min" \(it takes no options\)$/],
    [{ rules: { "tool-call-id-invalid": ["error", { pattern: "(" }] } }, /rule "tool-call-id-invalid": option "pattern" must be a valid regular expression; found "\("$/],
    [{ overrides: [{ files: "*.jsonl", rules: { "examples-min-count": ["warning", { minimum: 3 }] } }] }, /overrides\[0\]: rule "examples-min-count": unknown option "minimum"/],
    [{ target: "opneai" }, /"target" must be one of: openai, .*; found "opneai"/],
  ])("rejects %j with a message that names the setting and the allowed values", async (config, message) => {
    const root = tempTree({ ".git/HEAD": "", "ftdata.config.json": JSON.stringify(config) });
    const err = await loadConfig({ cwd: root }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FtdataUsageError);
    expect((err as Error).message).toMatch(/^invalid config ftdata\.config\.json: /);
    expect((err as Error).message).toMatch(message);
  });
});

describe("ftdata lint with a config file", () => {
  // 12 distinct examples, then an empty answer (line 13) and a duplicate of line 1 (line 14).
  const dataset = chatLines(12) + chatLine("empty", "") + "\n" + chatLine("q 0", "answer 0") + "\n";

  function project(config: unknown, where = "ftdata.config.json") {
    const files: Record<string, string> = { ".git/HEAD": "", "data/train.jsonl": dataset, "data/legacy/old.jsonl": dataset, "data/tmp/scratch.jsonl": "not json\n" };
    files[where] = typeof config === "string" ? config : json(config);
    return realpathSync(tempTree(files));
  }
  const ruleIds = (stdout: string, file: string) =>
    (JSON.parse(stdout).files as { file: string; diagnostics: { ruleId: string; severity: string }[] }[]).find((f) => f.file === file)!.diagnostics.map((d) => `${d.ruleId}:${d.severity}`);

  it("applies rules, overrides by glob (later wins) and ignores", () => {
    const cwd = project({
      rules: { "example-duplicate": "error", "examples-recommended-count": "off" },
      overrides: [
        { files: ["data/legacy/**"], rules: { "example-duplicate": "off" } },
        { files: "old.jsonl", rules: { "assistant-content-empty": "warning" } },
      ],
      ignores: ["data/tmp/**"],
    });
    const r = runCli(["lint", "data/**/*.jsonl", "--reporter", "json"], { cwd });
    expect(r.code).toBe(1);
    expect(ruleIds(r.stdout, "data/train.jsonl")).toEqual(["assistant-content-empty:error", "example-duplicate:error"]);
    expect(ruleIds(r.stdout, "data/legacy/old.jsonl")).toEqual(["assistant-content-empty:warning"]);
    expect(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file)).toEqual(["data/legacy/old.jsonl", "data/train.jsonl"]);
    expect(r.stderr).toContain('skipped 1 file(s) matching "ignores" in the config: data/tmp/scratch.jsonl');
  });

  it("is found from a subdirectory, with globs still relative to the config file", () => {
    const cwd = project({ overrides: [{ files: ["data/legacy/**"], rules: { "assistant-content-empty": "off", "example-duplicate": "off" } }] });
    const r = runCli(["lint", "old.jsonl", "--reporter", "json"], { cwd: path.join(cwd, "data/legacy") });
    expect(ruleIds(r.stdout, "old.jsonl")).toEqual(["examples-recommended-count:info"]);
    expect(r.code).toBe(0);
  });

  it("lets command-line flags win and --no-config ignore the file", () => {
    const cwd = project({ format: "openai-dpo" });
    // The config forces openai-dpo, so the chat rows fail the preference schema.
    expect(runCli(["lint", "data/train.jsonl", "--reporter", "json"], { cwd }).stdout).toContain('"format": "openai-dpo"');
    expect(runCli(["lint", "data/train.jsonl", "--format", "openai-chat", "--reporter", "json"], { cwd }).stdout).toContain('"format": "openai-chat"');
    expect(runCli(["lint", "data/train.jsonl", "--no-config", "--reporter", "json"], { cwd }).stdout).toContain('"format": "openai-chat"');
  });

  it("reads --config from another place and the package.json key", () => {
    const cwd = project({ name: "p", ftdata: { rules: { "assistant-content-empty": "off" } } }, "package.json");
    writeFileSync(path.join(cwd, "strict.json"), json({ rules: { "example-duplicate": "error" } }));
    expect(ruleIds(runCli(["lint", "data/train.jsonl", "-r", "json"], { cwd }).stdout, "data/train.jsonl")).toEqual(["examples-recommended-count:info", "example-duplicate:warning"]);
    expect(ruleIds(runCli(["lint", "data/train.jsonl", "-r", "json", "--config", "strict.json"], { cwd }).stdout, "data/train.jsonl")).toContain("example-duplicate:error");
  });

  it("exits 2 with one line for a bad config", () => {
    const cwd = project({ rules: { "example-duplicate": "warn" } });
    const r = runCli(["lint", "data/train.jsonl"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('ftdata lint: invalid config ftdata.config.json: "rules["example-duplicate"]" must be off, error, warning, info, or [severity, { options }]; found "warn"\n');
    const broken = project("{ not json");
    expect(runCli(["lint", "data/train.jsonl"], { cwd: broken }).stderr).toMatch(/^ftdata lint: ftdata\.config\.json is not valid JSON: .+\n$/);
    expect(runCli(["lint", "data/train.jsonl", "--config", "nope.json"], { cwd }).code).toBe(2);
  });

  it("exits 2 for a wrong rule option, naming the config file, the rule and the option", () => {
    for (const [options, text] of [
      [{ minn: 5 }, 'rule "examples-min-count": unknown option "minn" (options: min)'],
      [{ min: "five" }, 'rule "examples-min-count": option "min" must be a number; found string "five"'],
    ] as const) {
      const r = runCli(["lint", "data/train.jsonl"], { cwd: project({ rules: { "examples-min-count": ["error", options] } }) });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`ftdata lint: invalid config ftdata.config.json: ${text}\n`);
    }
    const target = runCli(["lint", "data/train.jsonl"], { cwd: project({ target: "opneai" }) });
    expect(target.code).toBe(2);
    expect(target.stderr).toMatch(/^ftdata lint: invalid config ftdata\.config\.json: "target" must be one of: .*; found "opneai"\n$/);
  });

  it("--print-config shows the settings for one file", () => {
    const cwd = project({
      model: "gpt-4o-mini",
      rules: { "examples-min-count": ["error", { min: 50 }] },
      overrides: [{ files: ["data/legacy/**"], target: "together", rules: { "examples-min-count": "warning" } }],
      ignores: ["data/tmp/**"],
    });
    const r = runCli(["lint", "--print-config", "data/legacy/old.jsonl"], { cwd });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toMatchObject({ file: "data/legacy/old.jsonl", configFile: "ftdata.config.json", ignored: false, format: "detect", target: "together", model: "gpt-4o-mini" });
    // A severity alone keeps the options set before it.
    expect(printed.rules["examples-min-count"]).toEqual(["warning", { min: 50 }]);
    expect(printed.rules["example-duplicate"]).toEqual(["warning", {}]);
    expect(JSON.parse(runCli(["lint", "--print-config", "data/tmp/scratch.jsonl"], { cwd }).stdout).ignored).toBe(true);
    const none = JSON.parse(runCli(["lint", "--print-config", "x.jsonl", "--no-config"], { cwd }).stdout);
    expect(none.configFile).toBeNull();
  });
});

it("the package ships the config schema where $schema points", () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect(pkg.files).toContain("schemas");
  mkdirSync(path.join(ROOT, "schemas"), { recursive: true });
  expect(readFileSync(path.join(ROOT, "schemas/config.schema.json"), "utf8")).toContain('"title": "ftdata configuration"');
});

describe("validate({ rules }) checks rule options", () => {
  it.each([
    [{ "examples-min-count": ["error", { minn: 5 }] }, 'invalid rules settings: rule "examples-min-count": unknown option "minn" (options: min)'],
    [{ "examples-min-count": ["error", { min: "five" }] }, 'invalid rules settings: rule "examples-min-count": option "min" must be a number; found string "five"'],
    [{ "preference-length-bias": ["warning", { maxShare: 2, minPairs: 0 }] }, 'invalid rules settings: rule "preference-length-bias": option "minPairs" must be at least 1; found 0; rule "preference-length-bias": option "maxShare" must be at most 1; found 2'],
    [{ "line-blank": ["warning", "x"] }, 'invalid rules settings: rule "line-blank": options must be an object; found string'],
  ])("%j is a usage error", async (rules, message) => {
    const { validate } = await import("../src/engine/validate.js");
    const err = await validate((function* () { yield '{"messages":[]}'; })(), { rules: rules as never }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FtdataUsageError);
    expect((err as Error).message).toBe(message);
  });

  it("accepts options within the schema and applies them", async () => {
    const { validate } = await import("../src/engine/validate.js");
    const lines = function* () { for (let i = 0; i < 3; i++) yield JSON.stringify({ messages: [{ role: "user", content: `q${i}` }, { role: "assistant", content: "a" }] }); };
    const report = await validate(lines(), { rules: { "examples-min-count": ["error", { min: 5 }], "examples-recommended-count": "off" } });
    expect(report.files[0]!.diagnostics.map((d) => [d.ruleId, d.messageId, d.data])).toContainEqual(["examples-min-count", "tooFew", { count: 3, min: 5 }]);
  });
});
