// `ftdata lint`, the git-hook path, behind dist/cli.js (see bin.ts): built to dist/cli-lint.js in a
// build of its own, so that what lint loads on every run is one file and a few chunks, not the
// thirty-odd chunks that splitting it with the other commands makes (each a resolve, a stat and a
// link: most of the start-up it used to cost).
import lint from "./commands/lint.js";
import { defaultIO } from "./io.js";
import { runProcess } from "./process.js";
import { runCommand } from "./run-command.js";

runProcess(() => runCommand("lint", lint, process.argv.slice(3), defaultIO()));
