// The duplicate/conflict keys per character of text (issue 18 item 2): ASCII against Chinese and mixed text.
//
// 1. In process: src/dedup/keys.ts bundled with esbuild (the keys are not public API), the keys a default
//    lint computes for a record (example, prompt, answer, and prompt-answer-conflict's loose answer key)
//    over chat records made of: English (LLaMA-Factory's alpaca_en_demo), Chinese (alpaca_zh_demo) and
//    mixed text (bench/gen-tg-valid.mjs rows: ASCII words with café naïve 数据 🙂 👍🏽), CPU time. Each round
//    times every corpus once, in rotating order; the figures are medians over rounds, and the ratios
//    (Chinese / ASCII, mixed / ASCII) medians of the per-round ratios. Also the text hash alone
//    (normalizedHashes: both forms of one text). Target: non-ASCII ≤ ~2× the ASCII cost per character.
// 2. Whole processes: `FTDATA_TIMING=1 ftdata lint FILE` rule times (the key rules and the total) on a
//    generated long-row corpus and on LLaMA-Factory's Chinese demo files.
//
// Env: BENCH_ROUNDS (default 15), BENCH_RUNS (lint runs per file, default 3; 0 skips part 2), BENCH_LF_DATA (a folder
// with the LLaMA-Factory demo files; default test/fixtures/llamafactory, where the Chinese ones are
// trimmed to 60 records), BENCH_KEYS_MB (generated corpus, default 50). To compare with another
// version, BENCH_KEYS_BASE=DIR: DIR/src is bundled beside this tree's src, and DIR/dist/cli.js (when
// present) is run beside dist/cli.js, alternated.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { cli, median, root, runProcess, scratch, table } from "./lib.mjs";

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const lfData = process.env.BENCH_LF_DATA ?? path.join(root, "test", "fixtures", "llamafactory");
const mb = Number(process.env.BENCH_KEYS_MB ?? 50);
const base = process.env.BENCH_KEYS_BASE;
mkdirSync(scratch, { recursive: true });

/** Bundles the keys of the tree at `dir` into one module and imports it. */
async function loadKeys(dir, tag) {
  const src = path.join(dir, "src");
  const outfile = path.join(scratch, `keys-${tag}.mjs`);
  const contents = [
    `export * from ${JSON.stringify(path.join(src, "dedup", "keys.ts"))};`,
    `export * from ${JSON.stringify(path.join(src, "dedup", "text-hash.ts"))};`,
  ].join("\n");
  await build({ stdin: { contents, resolveDir: src, loader: "ts" }, bundle: true, format: "esm", platform: "node", outfile, logLevel: "error" });
  const m = await import(pathToFileURL(outfile).href + `?${Date.now()}`);
  // The conflict rule's loose answer key: from keys.ts when it has it, else as the rule computed it.
  const kb = new m.KeyBuilder();
  const looseAnswer =
    m.looseAnswerHash ??
    ((ex) => {
      const a = m.answerMessages(ex);
      if (!a || a.length === 0) return undefined;
      kb.reset(a.length);
      for (const msg of a) kb.raw(msg.role).text(msg.text, "loose").word(msg.images);
      return kb.finish()[0];
    });
  return { tag, m, looseAnswer };
}

// ---- corpora: chat records (user, assistant) from instruction/input/output texts
const message = (role, text) => ({ role, text, hasContent: true, images: 0, trainable: role === "assistant", path: [] });
const chat = (user, answer) => ({ kind: "chat", format: "openai-chat", messages: [message("user", user), message("assistant", answer)], extra: {}, raw: {} });
const alpaca = (file) =>
  JSON.parse(readFileSync(path.join(lfData, file), "utf8")).map((r) => chat([r.instruction, r.input].filter(Boolean).join("\n"), r.output));

const mixedFile = path.join(scratch, "tg-valid-long-2mb.jsonl");
if (!existsSync(mixedFile)) spawnSync(process.execPath, [path.join(root, "bench", "gen-tg-valid.mjs"), mixedFile, "2", "long"], { stdio: "ignore" });
const mixed = readFileSync(mixedFile, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => {
    const ms = JSON.parse(l).messages.filter((x) => x.role !== "system");
    return chat(ms[0].content, ms[1].content);
  });

// About the same number of characters in each corpus (the fixtures' Chinese file is the smallest).
const take = (exs, chars) => {
  const out = [];
  let n = 0;
  for (const ex of exs) {
    if (n >= chars) break;
    out.push(ex);
    n += ex.messages[0].text.length + ex.messages[1].text.length;
  }
  return { examples: out, chars: n, texts: out.flatMap((e) => e.messages.map((x) => x.text)) };
};
const zhAll = alpaca("alpaca_zh_demo.json");
const budget = Math.min(400_000, zhAll.reduce((n, e) => n + e.messages[0].text.length + e.messages[1].text.length, 0));
const corpora = { ascii: take(alpaca("alpaca_en_demo.json"), budget), chinese: take(zhAll, budget), mixed: take(mixed, budget) };

const versions = [await loadKeys(root, "this")];
if (base) versions.push(await loadKeys(base, "base"));

/**
 * ns per character of one pass of `work` over a corpus, repeated for at least ~40 ms. CPU time of
 * this process, not wall time: on a shared machine the wall clock also counts other processes' turns.
 */
function time(work, corpus) {
  let reps = 0;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  do {
    work(corpus);
    reps++;
  } while (Number(process.hrtime.bigint() - t0) < 40e6);
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1000) / (reps * corpus.chars);
}

const recordKeys = ({ m, looseAnswer }) => (c) => {
  // Two passes in a row would hit the keys' one-entry cache only for a one-record corpus: none here.
  for (const ex of c.examples) {
    m.exampleHash(ex);
    m.promptHash(ex);
    m.answerHash(ex);
    looseAnswer(ex);
  }
};
const textHashes = ({ m }) => (c) => {
  for (const t of c.texts) m.normalizedHashes(t);
};

const names = Object.keys(corpora);
const results = {}; // `${version}/${what}/${corpus}` → ns/char per round
const record = (key, v) => (results[key] ??= []).push(v);
for (const v of versions) for (const n of names) (recordKeys(v)(corpora[n]), textHashes(v)(corpora[n])); // warm-up: tables, JIT
for (let r = 0; r < rounds; r++) {
  for (let j = 0; j < names.length * versions.length; j++) {
    const k = (j + r) % (names.length * versions.length);
    const v = versions[k % versions.length];
    const n = names[Math.floor(k / versions.length)];
    record(`${v.tag}/keys/${n}`, time(recordKeys(v), corpora[n]));
    record(`${v.tag}/text/${n}`, time(textHashes(v), corpora[n]));
  }
}
const med = (key) => median(results[key]);
const ratio = (a, b) => median(results[a].map((x, i) => x / results[b][i]));

console.log(`\nkeys per character of text (CPU time), ${rounds} rounds (medians; ratios: median of per-round ratios)`);
console.log(`corpora (~${(budget / 1000).toFixed(0)}k characters each): ascii = alpaca_en_demo, chinese = alpaca_zh_demo (${lfData}), mixed = gen-tg-valid long rows`);
const rows = [["version", "what", ...names.map((n) => `${n} ns/char`), "chinese / ascii", "mixed / ascii"]];
for (const v of versions) {
  for (const [what, label] of [["keys", "record keys (example+prompt+answer+loose answer)"], ["text", "text hash, both forms"]]) {
    rows.push([v.tag, label, ...names.map((n) => med(`${v.tag}/${what}/${n}`).toFixed(2)), `${ratio(`${v.tag}/${what}/chinese`, `${v.tag}/${what}/ascii`).toFixed(2)}×`, `${ratio(`${v.tag}/${what}/mixed`, `${v.tag}/${what}/ascii`).toFixed(2)}×`]);
  }
}
table(rows);
if (base) {
  const r = [["what", ...names.map((n) => `${n}: this / base`)]];
  for (const what of ["keys", "text"]) r.push([what, ...names.map((n) => `${ratio(`this/${what}/${n}`, `base/${what}/${n}`).toFixed(2)}×`)]);
  table(r);
}
console.log("target: chinese / ascii ≤ ~2× (record keys)");

// The slower paths, text hash only: emoji-dense text (astral characters), characters NFKC maps to
// several (…… ——), and Thai (combining marks: native NFKC on the whole text).
const stress = {
  emoji: Array.from({ length: 2000 }, (_, i) => "好的👍🏽 " + String.fromCodePoint(0x1f600 + (i % 80)) + " 🚀🙂 ok!").join(""),
  "…… ——": "他说……然后——走了。".repeat(3000),
  thai: "สวัสดีครับ ยินดีต้อนรับ ".repeat(2000),
};
const stressRows = [["text (hash, both forms)", ...versions.map((v) => `${v.tag} ns/char`)]];
for (const [name, t] of Object.entries(stress)) {
  const c = { texts: [t], chars: t.length };
  const per = Object.fromEntries(versions.map((v) => [v.tag, []]));
  for (let r = 0; r < rounds; r++) for (const v of versions) per[v.tag].push(time(textHashes(v), c));
  stressRows.push([name, ...versions.map((v) => median(per[v.tag]).toFixed(2))]);
}
table(stressRows);

// ---- lint rule times
const KEY_RULES = ["example-duplicate", "prompt-answer-conflict", "answer-repeated"];
function ruleTimes(cliPath, file) {
  const r = runProcess([cliPath, "lint", file], { env: { FTDATA_TIMING: "1" } });
  const out = r.stderr;
  const total = Number(/\(([\d.]+) ms in rules\)/.exec(out)?.[1] ?? NaN);
  const rule = (id) => Number(new RegExp(`^${id}\\s*\\|\\s*([\\d.]+)`, "m").exec(out)?.[1] ?? 0);
  const keys = KEY_RULES.reduce((s, id) => s + rule(id), 0);
  return { total, keys, cpu: r.cpuSeconds * 1000, ...Object.fromEntries(KEY_RULES.map((id) => [id, rule(id)])) };
}
if (runs <= 0) process.exit(0); // BENCH_RUNS=0: the in-process part only
const longFile = path.join(scratch, `tg-valid-long-${mb}mb.jsonl`);
if (!existsSync(longFile) || statSync(longFile).size < mb * 1048576) {
  process.stderr.write(`generating ${longFile}…\n`);
  spawnSync(process.execPath, [path.join(root, "bench", "gen-tg-valid.mjs"), longFile, String(mb), "long"], { stdio: "inherit" });
}
const files = [longFile, ...["alpaca_zh_demo.json", "glaive_toolcall_zh_demo.json", "dpo_zh_demo.json"].map((f) => path.join(lfData, f))];
const clis = [["this", cli]];
if (base && existsSync(path.join(base, "dist", "cli.js"))) clis.push(["base", path.join(base, "dist", "cli.js")]);
const lintRows = [["file", "dist", ...KEY_RULES.map((id) => `${id} ms`), "key rules ms", "all rules ms", "process CPU ms"]];
for (const file of files) {
  const got = Object.fromEntries(clis.map(([tag]) => [tag, []]));
  for (let i = 0; i < runs; i++) for (const [tag, c] of i % 2 ? [...clis].reverse() : clis) got[tag].push(ruleTimes(c, file));
  for (const [tag] of clis) {
    const m = (k) => median(got[tag].map((x) => x[k])).toFixed(0);
    lintRows.push([path.basename(file), tag, ...KEY_RULES.map(m), m("keys"), m("total"), m("cpu")]);
  }
}
console.log(`\nFTDATA_TIMING=1 ftdata lint FILE, rule times (wall) and the process's CPU time (every thread), median of ${runs} runs${clis.length > 1 ? " (versions alternated)" : ""}`);
table(lintRows);
