#!/usr/bin/env node
import { main } from "./main.js";
import { installProcessHandlers } from "./process.js";

installProcessHandlers();

// Exit codes go through process.exitCode: process.exit() would truncate piped output.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`ftdata: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.FTDATA_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 2;
  },
);
