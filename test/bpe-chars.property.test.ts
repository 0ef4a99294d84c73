import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsBpe, type RankFile } from "../src/tokenizer/bpe.js";

// The js backend merges non-ASCII pieces on characters where that is exact (src/tokenizer/bpe.ts
// `seed`, `join`): these tests hold it to plain byte-level BPE, on long Han runs (one pre-token each)
// against OpenAI's tiktoken, and on made-up vocabularies built to break the shortcuts (tokens across
// character boundaries that are not whole characters, tokens holding a character ranked below the
// merges that build it) against a reference merge loop written out here.
const require = createRequire(import.meta.url);
const { get_encoding } = require("tiktoken") as typeof import("tiktoken");

// Common and rare Han characters, CJK punctuation and full-width forms, Extension A/B (the last are
// four bytes), Cyrillic, accented Latin, kana: runs of letters stay one piece under o200k_base.
const HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质信";
const RARE = "乂乜乩亍亓亖亹仂仉仫伥伲佚侗侪俅俦倮偃偈偬傥傩僦僬儆兕冁凇凫刈刖剀剜劐劓勖匦匮卣厍叟叵吒呓咂哌哏唪啁嗍嗾噍嚆囗囡圹坌坫垌垭埒堋墀墁夂夤奁妯娌嫒嬖孑宀寤尜屺岍峤崃嵊巛帑幛庋庑廨弁彀徂徭忄忪怫恽悖惝愎慊懔戋戥扌扦抟拊拮捩掊揆搠摭撺擞攉攴敫斛斫旃旯昝晗暌曛曷朊杈杪枘柁柙栝桊梃棹椠楂榘槭樗橐檫欹歙殂殄毂毪氍氕氘氙汆汔沆泖洹浍涑淦渌湎溆滗漭潆澶濉瀹灏炀炅烀焐煳熘燠爝犭犰狁猃獍玎玢珥琮瑷璁瓞甏畀疔痃瘌癔皤盍眄睃瞀矍砘硎碚磴礓祆禊秭稔穑窀窭竽笄筌箝篌簋籀粜糁絷綦縻纛羝羧翮耄耋胂脘腠膣臊艉芏苄茆荇莩菰葑蒴蓼蕺薤藁蘖虢蚨蛴蜞蝽螵蠃衄袢裢褫襻觋訾谫谲豳貔赍趔跬蹀蹯躔軎辁辇迓逦遘邂郛鄄酃醪釉鍪鎏阝陔隗雎霈靓鞑韪頔飑餮馇骶髀鬏魈鲋鸫鹩黾鼋鼷齑龃㐀㑇㒸㓁㔾𠀀𠀁𠂉𡈼𤭢";
const PUNCT = "，。、：；！？（）《》“”‘’…—·【】「」　";
const OTHER = ["é", "ü", "ñ", "Ж", "щ", "ы", "の", "カ", "ー", "한", "😀", "🏽", "\u0301", "\u200d"];

const han = fc.constantFrom(...HAN);
const rare = fc.constantFrom(...Array.from(RARE));
const longRun = fc.array(fc.oneof({ weight: 8, arbitrary: han }, { weight: 2, arbitrary: rare }), { minLength: 1, maxLength: 600 }).map((a) => a.join(""));
const mixed = fc
  .array(fc.oneof({ weight: 6, arbitrary: longRun }, { weight: 2, arbitrary: fc.constantFrom(...Array.from(PUNCT)) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER) }, { weight: 1, arbitrary: fc.constantFrom(" ", "\n", "a", "Z", "7", "的的的") }), { maxLength: 12 })
  .map((a) => a.join(""));

describe("js backend on long CJK pre-tokens", () => {
  for (const encoding of ["o200k_base", "cl100k_base"] as const) {
    const ref = get_encoding(encoding);
    const bpe = new JsBpe(encoding);
    it(`counts runs of up to 600 Han characters like tiktoken (${encoding})`, () => {
      fc.assert(fc.property(longRun, (s) => {
          expect(bpe.count(s)).toBe(ref.encode_ordinary(s).length);
        }), { numRuns: 400 });
    });
    it(`counts Han runs mixed with punctuation, kana, Cyrillic, accents and emoji like tiktoken (${encoding})`, () => {
      fc.assert(fc.property(mixed, (s) => {
          expect(bpe.count(s)).toBe(ref.encode_ordinary(s).length);
        }), { numRuns: 800 });
    });
  }
});

/** tiktoken's merge of one piece, written plainly: whole piece first, then lowest rank, leftmost. */
function referenceCount(bytes: Uint8Array, ranks: Map<string, number>): number {
  const key = (s: number, e: number) => Buffer.from(bytes.subarray(s, e)).toString("latin1");
  if (bytes.length <= 1 || ranks.has(key(0, bytes.length))) return bytes.length === 0 ? 0 : 1;
  const starts = Array.from({ length: bytes.length + 1 }, (_, i) => i);
  for (;;) {
    let best = Infinity;
    let at = -1;
    for (let i = 0; i + 2 < starts.length; i++) {
      const r = ranks.get(key(starts[i]!, starts[i + 2]!));
      if (r !== undefined && r < best) {
        best = r;
        at = i;
      }
    }
    if (at < 0) return starts.length - 1;
    starts.splice(at + 1, 1);
  }
}

// A small alphabet of one- to four-byte characters; vocabularies are random byte strings cut from
// random texts over it: whole characters, parts of characters, spans across character boundaries.
const ALPHABET = ["a", "é", "ж", "中", "文", "的", "😀", "€"];
const alphaText = fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 40 }).map((a) => a.join(""));

const vocabulary = fc
  .record({
    sources: fc.array(alphaText, { minLength: 1, maxLength: 6 }),
    cuts: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 2, max: 12 })), { minLength: 1, maxLength: 120 }),
    seed: fc.integer(),
  })
  .map(({ sources, cuts, seed }) => {
    const bufs = sources.map((s) => Buffer.from(s, "utf8"));
    const tokens = new Set<string>();
    cuts.forEach(([at, len], i) => {
      const b = bufs[i % bufs.length]!;
      const s = at % b.length;
      tokens.add(b.subarray(s, Math.min(b.length, s + len)).toString("latin1"));
    });
    // Ranks: 256 single bytes first, then the cut tokens in a random order (any order is a valid
    // rank list for counting: a pair merges when its bytes are a token, lowest rank first).
    const multi = [...tokens].filter((t) => t.length > 1);
    const hash = (t: string) => {
      let h = seed | 0;
      for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x9e3779b1);
      return (h ^ (h >>> 15)) >>> 0;
    };
    multi.sort((x, y) => hash(x) - hash(y) || (x < y ? -1 : 1));
    const ranks = new Map<string, number>();
    for (let b = 0; b < 256; b++) ranks.set(String.fromCharCode(b), b);
    for (const t of multi) if (!ranks.has(t)) ranks.set(t, ranks.size);
    return ranks;
  });

// Dense vocabularies over three characters: most spans of a few short texts are tokens, in a random
// order, so a character's tokens, its parts and the words holding it compete in every order.
const dense = fc
  .record({
    sources: fc.array(fc.array(fc.constantFrom("中", "文", "的", "a"), { minLength: 2, maxLength: 6 }).map((a) => a.join("")), { minLength: 1, maxLength: 3 }),
    seed: fc.integer(),
    keep: fc.integer({ min: 15, max: 80 }),
  })
  .map(({ sources, seed, keep }) => {
    const hash = (t: string, salt: number) => {
      let h = (seed ^ salt) | 0;
      for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x9e3779b1);
      return (h ^ (h >>> 15)) >>> 0;
    };
    const tokens = new Set<string>();
    for (const src of sources) {
      const b = Buffer.from(src, "utf8").toString("latin1");
      for (let i = 0; i < b.length; i++) for (let j = i + 2; j <= Math.min(b.length, i + 9); j++) if (hash(b.slice(i, j), 1) % 100 < keep) tokens.add(b.slice(i, j));
    }
    const ranks = new Map<string, number>();
    for (let b = 0; b < 256; b++) ranks.set(String.fromCharCode(b), b);
    for (const t of [...tokens].sort((x, y) => hash(x, 2) - hash(y, 2) || (x < y ? -1 : 1))) ranks.set(t, ranks.size);
    return { ranks, sources };
  });

function rankFile(ranks: Map<string, number>): RankFile {
  const lines = [...ranks].map(([t, r]) => `x ${r} ${Buffer.from(t, "latin1").toString("base64")}`);
  return { pat_str: "[^\\n]+|\\n", special_tokens: {}, bpe_ranks: lines.join("\n") };
}

describe("character merging against plain byte-level BPE on made-up vocabularies", () => {
  it("counts every text like the reference merge loop, whatever tokens cross character boundaries", () => {
    fc.assert(
      fc.property(vocabulary, fc.array(alphaText, { minLength: 1, maxLength: 8 }), (ranks, texts) => {
        const bpe = new JsBpe("test", rankFile(ranks));
        for (const t of texts) expect([t, bpe.count(t)]).toEqual([t, referenceCount(Buffer.from(t, "utf8"), ranks)]);
      }),
      { numRuns: 600 },
    );
  });

  it("lets no character start whole when a word holding it ranks below its own merges", () => {
    // 的文 (450) comes before 中 is whole (500), so 文中 (400) never gets its turn: 的文 | 中a.
    // Merging 中 first would give 的 | 文中 | a.
    const ranks = new Map<string, number>();
    for (let b = 0; b < 256; b++) ranks.set(String.fromCharCode(b), b);
    const l = (s: string) => Buffer.from(s, "utf8").toString("latin1");
    // Each character's first two bytes, then the whole characters and words.
    for (const [t, r] of [["的", 256], ["文", 257], ["中", 300]] as const) ranks.set(l(t).slice(0, 2), r);
    for (const [t, r] of [["的", 260], ["文", 261], ["文中", 400], ["的文", 450], ["中", 500], ["中a", 550]] as const) ranks.set(l(t), r);
    const bpe = new JsBpe("test", rankFile(ranks));
    expect(referenceCount(Buffer.from("的文中a", "utf8"), ranks)).toBe(2);
    expect(bpe.count("的文中a")).toBe(2);
  });

  it("counts like the reference loop when many spans of the text are tokens, ranked at random", () => {
    const text = (sources: string[]) => fc.array(fc.oneof(fc.constantFrom(...sources), fc.constantFrom("中", "文", "的", "a")), { minLength: 1, maxLength: 10 }).map((a) => a.join(""));
    fc.assert(
      fc.property(dense.chain((v) => fc.tuple(fc.constant(v.ranks), fc.array(text(v.sources), { minLength: 1, maxLength: 6 }))), ([ranks, texts]) => {
        const bpe = new JsBpe("test", rankFile(ranks));
        for (const t of texts) expect([t, bpe.count(t)]).toEqual([t, referenceCount(Buffer.from(t, "utf8"), ranks)]);
      }),
      { numRuns: 1500 },
    );
  });
});
