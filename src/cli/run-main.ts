// Every command but lint, behind dist/cli.js (see bin.ts): built to dist/cli-main.js.
import { main } from "./main.js";
import { runProcess } from "./process.js";

runProcess(() => main(process.argv.slice(2)));
