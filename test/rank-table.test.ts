import { describe, expect, it } from "vitest";
import { loadRankFile } from "../src/tokenizer/bpe.js";
import { buildRankTable, RankIndex } from "../src/tokenizer/rank-table.js";

describe("rank table (flat ranks with a hash index over token bytes)", () => {
  for (const encoding of ["o200k_base", "cl100k_base"]) {
    it(`finds every token of ${encoding} at its rank, with the rank file's bytes`, () => {
      const file = loadRankFile(encoding);
      const index = new RankIndex(buildRankTable(encoding, file));
      const [, offset, ...tokens] = file.bpe_ranks.trim().split(" ");
      expect(index.size).toBe(tokens.length);
      const wrong: string[] = [];
      tokens.forEach((b64, i) => {
        const bytes = Buffer.from(b64, "base64");
        if (index.rank(bytes, 0, bytes.length) !== Number(offset) + i) wrong.push(b64);
      });
      expect(wrong).toEqual([]);
    });
  }

  it("answers -1 for byte strings that are not tokens, and looks up spans inside a larger buffer", () => {
    const index = new RankIndex(buildRankTable("o200k_base", loadRankFile("o200k_base")));
    const buf = Buffer.from("xx hello zz\u00ff\u00fe");
    expect(index.rank(buf, 2, 8)).toBe(index.rank(Buffer.from(" hello"), 0, 6));
    expect(index.rank(buf, 2, 8)).toBeGreaterThan(255);
    expect(index.rank(Buffer.from("qzxqzxqzxqzxqzx"), 0, 15)).toBe(-1);
  });

  it("builds in shared memory, so a worker thread gets the table without copying it", () => {
    const t = buildRankTable("cl100k_base", loadRankFile("cl100k_base"));
    for (const a of [t.bytes, t.slots]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it("reads several offset groups and padding, and rejects a malformed file", () => {
    const file = { pat_str: ".", special_tokens: {}, bpe_ranks: `! 0 ${btoa("a")} ${btoa("bc")}\n! 10 ${btoa("def")} ${btoa("abcd")}` };
    const index = new RankIndex(buildRankTable("test", file));
    const rank = (s: string) => index.rank(Buffer.from(s), 0, s.length);
    expect([rank("a"), rank("bc"), rank("def"), rank("abcd"), rank("b")]).toEqual([0, 1, 10, 11, -1]);
    expect(() => buildRankTable("test", { ...file, bpe_ranks: "! x YQ==" })).toThrow(/malformed rank file for test/);
    expect(() => buildRankTable("test", { ...file, bpe_ranks: "! 0 Y*==" })).toThrow(/malformed rank file/);
  });
});
