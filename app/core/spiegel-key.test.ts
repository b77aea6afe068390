import { describe, expect, it } from "vitest";
import { base64urlToBytes, bytesToBase64url, KEY_BYTES, KEY_WORD_COUNT, KEY_WORDS, keyToWords, wordsToKey } from "./spiegel-key";

// A fixed generator, so a failure can be repeated.
function* bytes(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x >> 16;
  }
}
function keys(n: number): string[] {
  const gen = bytes(7);
  return Array.from({ length: n }, () => bytesToBase64url(Uint8Array.from({ length: KEY_BYTES }, () => gen.next().value & 255)));
}

describe("the key as words", () => {
  it("has 256 distinct words, each known by its first four letters", () => {
    expect(KEY_WORDS).toHaveLength(256);
    expect(new Set(KEY_WORDS.map((w) => w.slice(0, 4))).size).toBe(256);
    for (const w of KEY_WORDS) expect(w).toMatch(/^[a-z]{2,10}$/);
  });

  it("round-trips every key, also typed in capitals, with commas or on several lines", () => {
    for (const key of [...keys(500), "AAAAAAAAAAAAAAAAAAAA", "____________________"]) {
      const words = keyToWords(key)!;
      expect(words).toHaveLength(KEY_WORD_COUNT);
      expect(wordsToKey(words.join(" "))).toEqual({ ok: true, key });
      expect(wordsToKey(words.map((w) => w.toUpperCase()).join(",\n"))).toEqual({ ok: true, key });
    }
  });

  it("takes the first four letters of a word as the word", () => {
    const key = keys(1)[0];
    const words = keyToWords(key)!;
    expect(wordsToKey(words.map((w) => w.slice(0, 4)).join(" "))).toEqual({ ok: true, key });
  });

  it("catches a wrong word and a swap of two different neighbours (unless they lie exactly 251 apart in the list)", () => {
    const at = (w: string) => KEY_WORDS.indexOf(w);
    for (const key of keys(40)) {
      const words = keyToWords(key)!;
      for (let i = 0; i < KEY_BYTES; i++) {
        for (const step of [1, 2, 100, 250, 255]) {
          const wrong = [...words];
          wrong[i] = KEY_WORDS[(at(words[i]) + step) % 256];
          if (Math.abs(at(wrong[i]) - at(words[i])) === 251) continue;
          expect(wordsToKey(wrong.join(" ")).ok).toBe(false);
        }
        if (i + 1 < KEY_BYTES && words[i] !== words[i + 1] && Math.abs(at(words[i]) - at(words[i + 1])) !== 251) {
          const swapped = [...words];
          [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
          expect(wordsToKey(swapped.join(" ")).ok).toBe(false);
        }
      }
    }
  });

  it("says in Dutch what is wrong: unknown words, too few, nothing", () => {
    const words = keyToWords(keys(1)[0])!;
    expect(wordsToKey("")).toEqual({ ok: false, problem: expect.stringContaining("16 woorden") });
    expect(wordsToKey(words.slice(1).join(" "))).toEqual({ ok: false, problem: "Je sleutel heeft 16 woorden; je vulde er 15 in." });
    expect(wordsToKey(["pinguïn", ...words.slice(1)].join(" "))).toEqual({ ok: false, problem: expect.stringContaining("“pinguïn”") });
  });

  it("refuses what is not a key", () => {
    expect(keyToWords("te kort")).toBeNull();
    expect(keyToWords("A".repeat(21))).toBeNull();
    expect(base64urlToBytes("a+b/")).toBeNull();
    expect(bytesToBase64url(Uint8Array.from([251, 255, 191]))).toBe("-_-_");
  });
});
