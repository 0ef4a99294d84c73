import { readFile } from "node:fs";
import path from "node:path";
import { readError } from "../core/errors.js";
import type { JsonValue } from "../core/canonical.js";
import { locateJsonError } from "../core/json-error.js";
import { displayPath } from "../core/display.js";
import { jsonValueLines } from "./json-lines.js";

/** A grader as given: a file path or an already-parsed object. */
export type GraderSource = string | { [key: string]: JsonValue };

export interface LoadedGrader {
  /** Name shown in diagnostics: the file path relative to the working directory, or `<grader>`. */
  name: string;
  value?: JsonValue;
  /** Line of each JSON value, when read from a file. */
  lines?: Map<string, number>;
  parseError?: { line: number; column: number; message: string };
}

/** Reads and parses a grader file; an unreadable file is a usage error, invalid JSON a finding. */
export async function loadGrader(source: GraderSource, cwd = process.cwd()): Promise<LoadedGrader> {
  if (typeof source !== "string") return { name: "<grader>", value: source };
  const name = displayPath(source, cwd);
  let text: string;
  try {
    // The callback API: node:fs/promises is not loaded on a lint's start-up.
    text = await new Promise<string>((res, rej) => readFile(path.resolve(cwd, source), "utf8", (err, data) => (err ? rej(err) : res(data))));
  } catch (err) {
    throw readError(name, err);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    const value = JSON.parse(text) as JsonValue;
    return { name, value, lines: jsonValueLines(text) };
  } catch {
    const loc = locateJsonError(text);
    const before = text.slice(0, loc.column - 1);
    const line = before.split("\n").length;
    const column = loc.column - before.lastIndexOf("\n") - 1;
    return { name, parseError: { line, column, message: loc.message } };
  }
}
