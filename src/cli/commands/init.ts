import path from "node:path";
import { writeFileAtomic } from "../../core/atomic.js";
import { FtdataUsageError } from "../../core/errors.js";
import { VERSION } from "../../core/report.js";
import { defineCommand } from "../command.js";
import * as o from "../options.js";

const CONFIG_FILE = "ftdata.config.json";

/** The starter config: every key present, so the file documents itself. */
export function starterConfig(): Record<string, unknown> {
  return {
    $schema: "./node_modules/ftdata/schemas/config.schema.json",
    rules: {
      "example-duplicate": "warning",
      "examples-min-count": ["error", { min: 10 }],
    },
    overrides: [],
    ignores: ["**/node_modules/**"],
  };
}

/** Integration snippets, printed rather than written: they go into files the user owns. */
export function snippets(version = VERSION): string {
  return `
pre-commit (.pre-commit-config.yaml):
  repos:
    - repo: https://github.com/ftdata/ftdata
      rev: v${version}
      hooks:
        - id: ftdata

husky + lint-staged (npm i -D husky lint-staged ftdata && npx husky init):
  echo "npx lint-staged" > .husky/pre-commit
  package.json:  "lint-staged": { "*.jsonl": "ftdata lint" }

GitHub Actions (.github/workflows/data.yml):
  - run: npx ftdata lint "data/**/*.jsonl" --reporter github
  # or, for code scanning alerts:
  - run: npx ftdata lint "data/**/*.jsonl" --reporter sarif -o ftdata.sarif
  - uses: github/codeql-action/upload-sarif@v3
    if: always()
    with:
      sarif_file: ftdata.sarif
`;
}

export default defineCommand({
  name: "init",
  summary: `Write a starter ${CONFIG_FILE} and print hook and CI snippets`,
  usage: "[options]",
  description: `The config is written in the working directory, with "$schema" so editors complete rule ids and
settings; the snippets are for pre-commit, husky + lint-staged and GitHub Actions.`,
  options: { force: o.force(`Replace an existing ${CONFIG_FILE}`) },
  async run({ values, positionals, io }) {
    if (positionals.length > 0) throw new FtdataUsageError(`unexpected argument "${positionals[0]}" (see --help)`);
    const target = path.join(io.cwd, CONFIG_FILE);
    try {
      await writeFileAtomic(target, JSON.stringify(starterConfig(), null, 2) + "\n", { overwrite: values.force });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST") throw new FtdataUsageError(`${CONFIG_FILE} already exists; use --force to replace it`);
      throw new FtdataUsageError(`cannot write ${CONFIG_FILE}: ${code ?? (err as Error).message}`);
    }
    io.stdout.write(`Wrote ${CONFIG_FILE}. Check it with: ftdata lint --print-config <file.jsonl>\n${snippets()}`);
    return 0;
  },
});
