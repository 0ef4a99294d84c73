import path from "node:path";

/** Shows a path relative to the working directory when it lies inside it (lint-staged passes absolute paths). */
export function displayPath(file: string, cwd = process.cwd()): string {
  if (file === "-") return "<stdin>";
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}
