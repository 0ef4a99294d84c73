/**
 * Hugging Face tokenizers: finding them the way users have them (a tokenizer.json, a model folder, or
 * a model id in the local Hugging Face cache; never the network), and loading each once per process.
 *
 * A loaded tokenizer is keyed by its path and the modification times of its files: library calls
 * that name the same path (`countChatTokens(ex, { tokenizer })` in a loop) reuse it, and an edited
 * file is read again.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { FtdataUsageError } from "../core/errors.js";
import { hfBpeCounter } from "./hf-bpe.js";
import { compileChatTemplate, type ChatTemplate } from "./template.js";
import type { TextCounter } from "./tokenizer.js";

const require = createRequire(import.meta.url);

/** Where a `--tokenizer` argument points. */
export interface HfLocation {
  /** Absolute path of the tokenizer.json. */
  path: string;
  /** The Hugging Face model id, when it was given as one. */
  id?: string;
}

/** The Hugging Face hub cache folder and the variable that chose it (huggingface_hub's rules). */
export function hfHubCache(env: NodeJS.ProcessEnv = process.env): { dir: string; from: string } {
  if (env.HF_HUB_CACHE) return { dir: env.HF_HUB_CACHE, from: "HF_HUB_CACHE" };
  if (env.HF_HOME) return { dir: join(env.HF_HOME, "hub"), from: "HF_HOME" };
  if (env.XDG_CACHE_HOME) return { dir: join(env.XDG_CACHE_HOME, "huggingface", "hub"), from: "XDG_CACHE_HOME" };
  return { dir: join(homedir(), ".cache", "huggingface", "hub"), from: "default" };
}

const HF_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The snapshot of a cached model: the one `refs/main` names, else the newest holding a tokenizer.json. */
function cachedSnapshot(repoDir: string): string | undefined {
  const snapshots = join(repoDir, "snapshots");
  try {
    const main = readFileSync(join(repoDir, "refs", "main"), "utf8").trim();
    if (main && existsSync(join(snapshots, main, "tokenizer.json"))) return join(snapshots, main);
  } catch {
    // no refs/main: fall back to the snapshots themselves
  }
  let best: { dir: string; mtime: number } | undefined;
  let names: string[] = [];
  try {
    names = readdirSync(snapshots);
  } catch {
    return undefined;
  }
  for (const name of names) {
    const file = join(snapshots, name, "tokenizer.json");
    try {
      const m = statSync(file).mtimeMs;
      if (!best || m > best.mtime) best = { dir: join(snapshots, name), mtime: m };
    } catch {
      // this snapshot has no tokenizer.json
    }
  }
  return best?.dir;
}

/**
 * Resolves a `--tokenizer` argument: a tokenizer.json file, a folder holding one, or a model id
 * (`Qwen/Qwen3-0.6B`) found in the local Hugging Face cache. A usage error says where it looked.
 */
export function resolveHfTokenizer(arg: string, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): HfLocation {
  const local = resolve(cwd, arg);
  if (existsSync(local)) {
    if (!isDir(local)) return { path: local };
    const file = join(local, "tokenizer.json");
    if (existsSync(file)) return { path: file };
    throw new FtdataUsageError(`tokenizer folder ${local} has no tokenizer.json`);
  }
  const cache = hfHubCache(env);
  if (HF_ID.test(arg) && !arg.endsWith(".json")) {
    const repoDir = join(cache.dir, `models--${arg.replace(/\//g, "--")}`);
    const snap = cachedSnapshot(repoDir);
    if (snap) return { path: join(snap, "tokenizer.json"), id: arg };
    throw new FtdataUsageError(
      `tokenizer "${arg}" not found: no file or folder ${local}, and no tokenizer.json for the model id in the Hugging Face cache ${repoDir} (cache from ${cache.from === "default" ? "the default location" : `$${cache.from}`}; ftdata never downloads: run \`huggingface-cli download ${arg} tokenizer.json tokenizer_config.json\` or pass a path)`,
    );
  }
  throw new FtdataUsageError(`tokenizer "${arg}" not found: no file or folder ${local}`);
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new FtdataUsageError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function parseJson(text: string, path: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new FtdataUsageError(`${what} ${path} is not valid JSON`);
  }
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

function tokenText(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "object" && v !== null && typeof (v as { content?: unknown }).content === "string") return (v as { content: string }).content;
  return undefined;
}

/** A tokenizer.json with what lies beside it, loaded lazily and at most once. */
export interface HfTokenizer {
  readonly path: string;
  readonly config: Record<string, unknown>;
  /** The chat template (tokenizer_config.json's `chat_template`, or chat_template.jinja beside it). */
  readonly template: ChatTemplate | undefined;
  readonly bosToken: string;
  readonly eosToken: string;
  /** The text counter (reads and parses tokenizer.json on first use). */
  counter(): TextCounter;
}

const loaded = new Map<string, { key: string; tok: HfTokenizer }>();

function configOf(dir: string): Record<string, unknown> {
  const path = join(dir, "tokenizer_config.json");
  if (!existsSync(path)) return {};
  const v = parseJson(readText(path, "tokenizer config"), path, "tokenizer config");
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function templateSource(dir: string, config: Record<string, unknown>): string | undefined {
  const t = config.chat_template;
  if (typeof t === "string") return t;
  // Named templates (a list of { name, template }): transformers uses "default".
  if (Array.isArray(t)) {
    const d = t.find((x) => typeof x === "object" && x !== null && (x as { name?: unknown }).name === "default") as { template?: unknown } | undefined;
    if (typeof d?.template === "string") return d.template;
  }
  const jinjaFile = join(dir, "chat_template.jinja");
  if (existsSync(jinjaFile)) return readText(jinjaFile, "chat template");
  return undefined;
}

/** The tokenizer at `path` (absolute), loaded once per path and file modification times. */
export function hfTokenizer(path: string): HfTokenizer {
  const dir = dirname(path);
  const m = mtime(path);
  if (m < 0) throw new FtdataUsageError(`cannot read tokenizer ${path}: ENOENT`);
  const key = `${m}\0${mtime(join(dir, "tokenizer_config.json"))}\0${mtime(join(dir, "chat_template.jinja"))}`;
  const hit = loaded.get(path);
  if (hit && hit.key === key) return hit.tok;
  const config = configOf(dir);
  const source = templateSource(dir, config);
  let template: ChatTemplate | undefined;
  if (source !== undefined) {
    try {
      template = compileChatTemplate(source);
    } catch (err) {
      throw new FtdataUsageError(`cannot compile the chat template of ${path}: ${(err as Error).message}`);
    }
  }
  let counter: TextCounter | undefined;
  const tok: HfTokenizer = {
    path,
    config,
    template,
    bosToken: tokenText(config.bos_token) ?? "",
    eosToken: tokenText(config.eos_token) ?? "",
    counter: () => (counter ??= loadCounter(path, config)),
  };
  loaded.set(path, { key, tok });
  return tok;
}

/** Which engine counts a tokenizer.json: ftdata's BPE for byte-level BPE models, else @huggingface/tokenizers. */
function loadCounter(path: string, config: Record<string, unknown>): TextCounter {
  const json = parseJson(readText(path, "tokenizer"), path, "tokenizer") as Record<string, unknown>;
  const own = hfBpeCounter(json, `hf:${path}`);
  if (own) return own;
  const { Tokenizer } = require("@huggingface/tokenizers") as typeof import("@huggingface/tokenizers");
  let tok: InstanceType<typeof Tokenizer>;
  try {
    tok = new Tokenizer(json, config);
  } catch (err) {
    throw new FtdataUsageError(`cannot load tokenizer ${path}: ${(err as Error).message}`);
  }
  return { encoding: `hf:${path}`, backend: "@huggingface/tokenizers", count: (s) => (s.length === 0 ? 0 : tok.encode(s, { add_special_tokens: false }).ids.length) };
}
