// Join codes: short, read aloud in a meeting room, typed on a phone. Pure: the random bytes come in.
//
// The alphabet leaves out every character that looks or sounds like another one:
// 0/O/Q/D-like pairs (0, O, Q), 1/I/L/J-like (1, I, L), 5/S, B/8-like (B), G/6-like (G), 2/Z (Z),
// U/V and the Dutch "ij"/Y. What is left is 22 characters; 6 of them give 22^6 ≈ 1.1 · 10^8 codes.

export const JOIN_CODE_ALPHABET = "ACDEFHJKMNPRTWX2346789";
export const JOIN_CODE_LENGTH = 6;
/** The number of different codes: 22^6 = 113 379 904. */
export const JOIN_CODE_SPACE = JOIN_CODE_ALPHABET.length ** JOIN_CODE_LENGTH;

// Rejection sampling keeps every character equally likely: bytes at or above the largest multiple
// of the alphabet size below 256 are skipped instead of wrapped around (which would bias the start).
const LIMIT = 256 - (256 % JOIN_CODE_ALPHABET.length);

/**
 * Makes a code from random bytes. Returns null when the bytes ran out before the code was complete
 * (about 1 in 10^7 for 16 bytes); the caller draws fresh bytes and tries again.
 */
export function joinCodeFromBytes(bytes: Uint8Array, length = JOIN_CODE_LENGTH): string | null {
  let code = "";
  for (const byte of bytes) {
    if (byte >= LIMIT) continue;
    code += JOIN_CODE_ALPHABET[byte % JOIN_CODE_ALPHABET.length];
    if (code.length === length) return code;
  }
  return null;
}

/**
 * What people type: lower case, spaces or dashes between groups ("acd 234"). Characters that are
 * not in the alphabet stay, so a mistyped code does not silently match another session.
 */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

export function isJoinCode(code: string): boolean {
  return code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));
}

/** "ACD234" → "ACD 234": easier to read aloud from a projector. */
export function formatJoinCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

/**
 * Why a typed code cannot be a code, in Dutch, or null when it can. Says what is actually wrong:
 * "ZZZ ZZZ" has six characters, but Z never occurs in a code.
 */
export function joinCodeProblem(code: string): string | null {
  if (code.length === 0) return "Vul de code in die de begeleider laat zien.";
  const foreign = [...new Set([...code].filter((c) => !JOIN_CODE_ALPHABET.includes(c)))];
  if (foreign.length > 0) {
    const list = foreign.map((c) => `“${c}”`).join(", ");
    return `Deze code kan niet kloppen: ${list} ${foreign.length === 1 ? "komt" : "komen"} in geen enkele code voor. Controleer de code bij de begeleider.`;
  }
  if (code.length !== JOIN_CODE_LENGTH) {
    return `Deze code kan niet kloppen: een code heeft ${JOIN_CODE_LENGTH} tekens, deze heeft er ${code.length}.`;
  }
  return null;
}

/** The answer to a well-formed code that no session has. */
export function unknownJoinCodeMessage(code: string): string {
  return `Er is geen sessie met code ${formatJoinCode(code)}. Controleer de code bij de begeleider.`;
}
