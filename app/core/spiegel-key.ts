// The personal key of "Mijn spiegel" as words to write down, and back. Pure.
//
// A key is KEY_BYTES random bytes, sent as base64url (the Bearer token of the API). As words: one
// word per byte from a list of 256 plain Dutch nouns, plus one check word (a weighted sum modulo the
// prime 251), so a mistyped word or two swapped neighbours are caught here instead of reaching the
// server as a wrong key. Only a change of exactly 251 places in the list slips through.
// Every word is known by its first four letters: "vlinde" or "vlin" is enough.

/** 15 bytes = 120 bits: far beyond guessing through a rate-limited API, and 16 words with the check word. */
export const KEY_BYTES = 15;
export const KEY_WORD_COUNT = KEY_BYTES + 1;
export const SPIEGEL_KEY = /^[A-Za-z0-9_-]{20}$/;

// 256 words, no two with the same first four letters (key-words.test.ts checks it).
export const KEY_WORDS: readonly string[] = [
  "aap", "adelaar", "akker", "anker", "appel", "arend", "avond", "badjas", "bakker", "balkon", "banaan", "bank",
  "beek", "beer", "beker", "berg", "bever", "bijl", "blad", "bloem", "boek", "boom", "boot", "bord", "borstel",
  "bos", "bouwer", "brief", "brug", "bui", "bus", "cactus", "camping", "citroen", "dak", "dal", "das", "deken",
  "dier", "dijk", "dolfijn", "donder", "dorp", "draak", "druif", "duif", "duin", "eend", "egel", "eiland", "emmer",
  "engel", "erwt", "ezel", "fabriek", "fakkel", "fazant", "fiets", "flamingo", "fles", "fluit", "fontein", "forel",
  "fruit", "gans", "garnaal", "gazon", "geit", "gitaar", "glas", "golf", "gordijn", "graan", "gras", "grot", "haan",
  "hagel", "halte", "hamer", "haven", "heide", "helm", "hert", "hoed", "honing", "hoorn", "hout", "huis", "inkt",
  "jas", "jurk", "kaars", "kaas", "kabel", "kameel", "kano", "kapper", "kast", "kerk", "kers", "ketel", "kever",
  "kikker", "kip", "kleed", "klok", "knoop", "koe", "koffer", "kompas", "konijn", "kool", "kraan", "kroon", "kruik",
  "kussen", "kwal", "lamp", "lantaarn", "leeuw", "lelie", "lepel", "libel", "lint", "lucht", "maan", "mand", "mango",
  "mantel", "markt", "meer", "meeuw", "melk", "mier", "mol", "molen", "mossel", "muis", "mus", "muur", "naald",
  "nest", "neus", "noot", "oester", "oever", "olifant", "otter", "oven", "paard", "pad", "palm", "pan", "panda",
  "papier", "parel", "park", "pauw", "peer", "pen", "peper", "piano", "pier", "pinda", "plant", "plein", "poes",
  "pomp", "potlood", "prins", "pruim", "raam", "radijs", "raket", "regen", "reiger", "rijst", "rivier", "robot",
  "roos", "rots", "rups", "schaap", "schelp", "school", "sjaal", "slak", "sleutel", "sloot", "snoep", "sok", "spin",
  "spoor", "stad", "stal", "ster", "stoel", "stof", "storm", "straat", "suiker", "taart", "tafel", "tak", "tas",
  "tegel", "tent", "tijger", "tomaat", "toren", "trein", "trui", "tuin", "tulp", "uil", "uur", "vaas", "valk",
  "varken", "veer", "veld", "venster", "vest", "vijver", "vink", "vis", "vlag", "vlinder", "vloer", "vlot", "vogel",
  "vork", "vos", "vrucht", "vuur", "wafel", "wagen", "walvis", "water", "weg", "wesp", "wiel", "wind", "wolk",
  "worm", "wortel", "zaag", "zadel", "zand", "zee", "zeep", "zeil", "zolder", "zon", "zwaan", "zwaluw",
];

/** base64url without padding (the platform's btoa, which every browser and Node has). */
export function bytesToBase64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The bytes of a base64url text without padding; null when it is not one. */
export function base64urlToBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  return Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
}

/** Σ (i + 1) · byte_i mod 251: a wrong byte changes it by δ·(i + 1), a swap of neighbours by their difference. */
function checkValue(bytes: Uint8Array): number {
  return bytes.reduce((sum, byte, i) => (sum + (i + 1) * byte) % 251, 0);
}

/** The key as KEY_WORD_COUNT words; null when it is not a key. */
export function keyToWords(key: string): string[] | null {
  const bytes = SPIEGEL_KEY.test(key) ? base64urlToBytes(key) : null;
  if (!bytes || bytes.length !== KEY_BYTES) return null;
  return [...bytes, checkValue(bytes)].map((b) => KEY_WORDS[b]);
}

const BY_PREFIX = new Map(KEY_WORDS.map((w, i) => [w.slice(0, 4), i]));

function wordIndex(typed: string): number | undefined {
  const exact = KEY_WORDS.indexOf(typed);
  if (exact >= 0) return exact;
  if (typed.length < 4) return undefined;
  const i = BY_PREFIX.get(typed.slice(0, 4));
  // "vlinde" is vlinder; "vlinderkast" is not.
  return i !== undefined && KEY_WORDS[i].startsWith(typed) ? i : undefined;
}

export type WordsResult = { ok: true; key: string } | { ok: false; problem: string };

/** What someone typed (spaces, commas, dashes or new lines between the words, any case) back to the key. */
export function wordsToKey(input: string): WordsResult {
  const typed = input
    .toLowerCase()
    .split(/[\s,;.\-–]+/)
    .filter(Boolean);
  if (typed.length === 0) return { ok: false, problem: `Vul de ${KEY_WORD_COUNT} woorden in die je hebt opgeschreven.` };
  const unknown = typed.filter((w) => wordIndex(w) === undefined);
  if (unknown.length > 0) {
    const list = unknown.map((w) => `“${w}”`).join(", ");
    return { ok: false, problem: `Deze woorden kennen we niet: ${list}. Controleer ze op je briefje.` };
  }
  if (typed.length !== KEY_WORD_COUNT) {
    return { ok: false, problem: `Je sleutel heeft ${KEY_WORD_COUNT} woorden; je vulde er ${typed.length} in.` };
  }
  const values = typed.map((w) => wordIndex(w)!);
  const bytes = Uint8Array.from(values.slice(0, KEY_BYTES));
  if (checkValue(bytes) !== values[KEY_BYTES]) {
    return { ok: false, problem: "De woorden passen niet bij elkaar: er is er een verkeerd of twee staan omgewisseld. Controleer de volgorde." };
  }
  return { ok: true, key: bytesToBase64url(bytes) };
}
