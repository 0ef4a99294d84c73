// ftdata's side of the token peer bench (bench/peer.bench.mjs; Python's side: bench/tiktoken-peer.py).
// Usage: node bench/tokens-peer.mjs STRINGS.json. Counts the first half of the strings as a warm-up,
// times the second half once; prints {"tokens", "bytes", "seconds": [wall s], "cpu": s} (second half).
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "./lib.mjs";

const { tokenCounter } = await import(path.join(root, "dist", "index.js"));
const counter = tokenCounter({ model: "gpt-4o-mini" });
const strings = JSON.parse(readFileSync(process.argv[2], "utf8"));
const half = strings.length >> 1;
for (const s of strings.slice(0, half)) counter.count(s);
const timed = strings.slice(half);
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
let tokens = 0;
for (const s of timed) tokens += counter.count(s);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ tokens, bytes: timed.reduce((n, s) => n + Buffer.byteLength(s), 0), seconds: [seconds], cpu: (c.user + c.system) / 1e6 }));
