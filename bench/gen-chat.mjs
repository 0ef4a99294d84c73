// Seeded synthetic chat JSONL: long and short rows, English, Chinese, code, emoji, tool calls,
// pooled system prompts, ~1% duplicates and a few defects — the shape of reference/perf.md's corpus.
import { createWriteStream } from "node:fs";
import { prng } from "./lib.mjs";

const WORDS = ("the of and to in is you that it he was for on are as with his they at be this have from or one had by word but not what all were we when your can said there use an each which she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part model data train answer question dataset token learning error value function return string number array object example assistant user system please thanks help explain why because result").split(" ");
const HAN = "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从";
const EMOJI = ["😀", "🚀", "👍🏽", "🇫🇷", "👨‍👩‍👧", "✨", "🎉", "🤖"];
const CODE = [
  "```python\ndef add(a, b):\n    return a + b\n\nprint(add(2, 3))\n```",
  "```sql\nSELECT id, name FROM users WHERE created_at > NOW() - INTERVAL '7 days' ORDER BY name;\n```",
  "```ts\nexport function clamp(x: number, lo: number, hi: number): number {\n\treturn Math.min(hi, Math.max(lo, x));\n}\n```",
];

export function generate(file, targetMiB, seed) {
  const rnd = prng(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const zipfWord = () => WORDS[Math.floor(WORDS.length * rnd() ** 2.5)];
  const english = (n) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push(zipfWord());
    return out.join(" ").replace(/^./, (c) => c.toUpperCase()) + ".";
  };
  const chinese = (n) => {
    let s = "";
    for (let i = 0; i < n; i++) s += HAN[Math.floor(rnd() * HAN.length)] + (i % 12 === 11 ? "，" : "");
    return s + "。";
  };
  const text = (scale) => {
    const r = rnd();
    const n = Math.max(3, Math.floor(scale * (0.5 + rnd() * 1.5)));
    if (r < 0.6) return english(n);
    if (r < 0.75) return chinese(n);
    if (r < 0.9) return `${english(n >> 1)}\n\n${pick(CODE)}`;
    return `${english(n)} ${pick(EMOJI)}${pick(EMOJI)}`;
  };
  const systems = Array.from({ length: 8 }, (_, i) => `You are assistant #${i}. ${english(40 + i * 60)}`);
  const out = createWriteStream(file);
  const target = targetMiB * 1048576;
  let bytes = 0;
  let n = 0;
  const previous = [];
  return new Promise((resolve, reject) => {
    out.on("error", reject);
    const write = () => {
      while (bytes < target) {
        let line;
        if (previous.length > 0 && rnd() < 0.01) line = pick(previous);
        else {
          const long = rnd() < 0.015;
          const scale = long ? 2000 : 10 + rnd() * 120;
          const messages = [];
          if (rnd() < 0.7) messages.push({ role: "system", content: rnd() < 0.7 ? pick(systems) : text(40) });
          const turns = rnd() < 0.1 ? 2 + Math.floor(rnd() * 3) : 1;
          const record = { messages };
          for (let t = 0; t < turns; t++) {
            messages.push({ role: "user", content: text(scale / 3) });
            if (rnd() < 0.05) {
              const id = `call_${n}_${t}`;
              messages.push({ role: "assistant", tool_calls: [{ id, type: "function", function: { name: "lookup", arguments: JSON.stringify({ q: english(4) }) } }] });
              messages.push({ role: "tool", tool_call_id: id, content: english(12) });
              record.tools = [{ type: "function", function: { name: "lookup", description: "Search the docs", parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] } } }];
            }
            messages.push({ role: "assistant", content: text(scale) });
          }
          line = JSON.stringify(record);
          if (rnd() < 0.3) line = line.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
          if (previous.length < 200 && rnd() < 0.05) previous.push(line);
        }
        if (rnd() < 0.002) line = line.slice(0, -3); // a truncated line
        n++;
        bytes += Buffer.byteLength(line) + 1;
        if (!out.write(line + "\n")) {
          out.once("drain", write);
          return;
        }
      }
      out.end(() => resolve({ lines: n, bytes }));
    };
    write();
  });
}
