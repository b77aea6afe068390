// Warns when a note looks like it holds personal data. OT cases must be anonymised, so the
// werkblad, notes and learning points flag what looks like an e-mail address, phone number,
// BSN (checked with the 11-proef), postcode or date of birth. A warning, and two stricter rules
// where text is saved: a BSN is never stored (refused), and an e-mail address or phone number is
// stored only after the person confirmed it.

export type PersonalDataKind = "email" | "telefoon" | "bsn" | "postcode" | "geboortedatum";

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** The text that triggered the warning. */
  match: string;
  index: number;
}

export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, string> = {
  email: "een e-mailadres",
  telefoon: "een telefoonnummer",
  bsn: "een burgerservicenummer (BSN)",
  postcode: "een postcode",
  geboortedatum: "een (geboorte)datum",
};

/** The Dutch 11-proef for a BSN: 9 digits, weights 9..2 and -1, sum divisible by 11, not 0. */
export function isValidBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum !== 0 && sum % 11 === 0;
}

const MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec";

const PATTERNS: { kind: PersonalDataKind; re: RegExp; accept?: (m: RegExpExecArray) => boolean }[] = [
  // Starts only where a run of address characters starts: without the lookbehind, a long word
  // without "@" is rescanned from every letter (quadratic; 10 000 letters took ~100 ms a note).
  { kind: "email", re: /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu },
  {
    // Dutch numbers: 06-12345678, 06 1234 5678, 010-1234567, +31 6 12345678, 0031 ...
    kind: "telefoon",
    re: /(?<![\d])(?:(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?[1-9]|0[1-9])(?:[\s-]?\d){8}(?![\d])/g,
  },
  {
    kind: "bsn",
    // 9 digits, optionally grouped as 123 456 789 or 123.456.789
    re: /(?<![\d.])\d{3}[ .]?\d{3}[ .]?\d{3}(?![\d])/g,
    accept: (m) => isValidBsn(m[0].replace(/[ .]/g, "")),
  },
  { kind: "postcode", re: /(?<![\p{L}\p{N}])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\p{L}\p{N}])/gu },
  {
    kind: "geboortedatum",
    re: new RegExp(
      `(?<![\\d])(?:(?:0?[1-9]|[12]\\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)\\d{2}|(?:0?[1-9]|[12]\\d|3[01])\\s+(?:${MONTHS})\\.?\\s+(?:19|20)\\d{2})(?![\\d])`,
      "giu",
    ),
  },
];

export function findPersonalData(text: string): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  for (const { kind, re, accept } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (accept && !accept(m)) continue;
      findings.push({ kind, match: m[0], index: m.index });
    }
  }
  // A valid BSN is also nine digits a phone pattern might claim; keep the most specific per spot.
  findings.sort((a, b) => a.index - b.index);
  return findings.filter(
    (f, i) => !findings.some((g, j) => j !== i && g.index === f.index && g.kind === "bsn" && f.kind === "telefoon"),
  );
}

/**
 * Where a text is written, which decides what the warning says: a note about a casus (casussen
 * must be anonymised), the werkblad (kept on this server, about a real conversation), or an
 * ervaringsdeskundige writing from her own experience (her own data, seen by others).
 */
export type PersonalDataPlace = "casus" | "werkblad" | "eigen";

const PLACE_ADVICE: Record<PersonalDataPlace, string> = {
  casus: "Casussen moeten geanonimiseerd zijn; haal herleidbare gegevens weg.",
  werkblad: "Dit blijft op deze server — laat namen en nummers weg.",
  eigen:
    "Gaat het om je eigen gegevens? Die hoeven hier niet in: de begeleider en het verslag krijgen deze tekst te zien. Vertel over je ervaring, maar laat je eigen nummers, adres en geboortedatum weg.",
};

/** One Dutch sentence for the user, or null when nothing was found. */
export function describePersonalData(findings: PersonalDataFinding[], place: PersonalDataPlace = "casus"): string | null {
  if (findings.length === 0) return null;
  const kinds = [...new Set(findings.map((f) => PERSONAL_DATA_LABELS[f.kind]))];
  const list = kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(", ")} en ${kinds[kinds.length - 1]}`;
  return `Let op: deze tekst lijkt ${list} te bevatten. ${PLACE_ADVICE[place]}`;
}

// ---- What is never stored, and what is stored only after a yes ----

/** A BSN is never stored, anywhere: the text is refused with this message and nothing changes. */
export const BSN_REFUSED = "Hier staat een burgerservicenummer (BSN). Dat bewaren we nooit: haal het nummer weg en probeer het opnieuw.";

export function containsBsn(text: string): boolean {
  return findPersonalData(text).some((f) => f.kind === "bsn");
}

/** Kinds that are stored only after the person confirmed it: an e-mail address, a phone number. */
const CONFIRM_KINDS: readonly PersonalDataKind[] = ["email", "telefoon"];

/** The question to ask before saving these texts, or null when there is nothing to ask. */
export function confirmationQuestion(texts: readonly string[]): string | null {
  const kinds = [...new Set(texts.flatMap((t) => findPersonalData(t).map((f) => f.kind)))].filter((k) => CONFIRM_KINDS.includes(k));
  if (kinds.length === 0) return null;
  const list = kinds.map((k) => PERSONAL_DATA_LABELS[k]).join(" en ");
  return `Je tekst lijkt ${list} te bevatten. Weet je zeker dat je dat wilt bewaren? Haal het anders eerst weg.`;
}
