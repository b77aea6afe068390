import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatJoinCode, isJoinCode, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, JOIN_CODE_SPACE, joinCodeFromBytes, joinCodeProblem, normalizeJoinCode, unknownJoinCodeMessage } from "./join-code";
import { joinPayload } from "./protocol";

describe("join codes", () => {
  it("has no look-alike characters", () => {
    for (const c of "01OILQSBGZUVY5") expect(JOIN_CODE_ALPHABET).not.toContain(c);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
    expect(JOIN_CODE_SPACE).toBe(22 ** 6);
  });

  it("is made from the bytes it is given, and passes the protocol's schema", () => {
    const code = joinCodeFromBytes(Uint8Array.from([0, 1, 2, 3, 4, 21]));
    expect(code).toBe("ACDEF9");
    expect(isJoinCode(code!)).toBe(true);
    expect(joinPayload.safeParse({ code, hostToken: "x".repeat(22) }).success).toBe(true);
  });

  it("skips the bytes that would bias the distribution, and says when the bytes ran out", () => {
    // 242..255 are above the largest multiple of 22 below 256.
    expect(joinCodeFromBytes(Uint8Array.from([255, 242, 22, 23, 24, 25, 26, 27]))).toBe("ACDEFH");
    expect(joinCodeFromBytes(Uint8Array.from([250, 251, 1]))).toBeNull();
  });

  it("spreads evenly over the alphabet", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      for (const c of joinCodeFromBytes(randomBytes(16))!) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const expected = (4000 * JOIN_CODE_LENGTH) / JOIN_CODE_ALPHABET.length;
    expect(counts.size).toBe(JOIN_CODE_ALPHABET.length);
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.2);
  });

  it("accepts what people type", () => {
    expect(normalizeJoinCode(" acd-234 ")).toBe("ACD234");
    expect(formatJoinCode("ACD234")).toBe("ACD 234");
    expect(isJoinCode("ACD23O")).toBe(false);
  });
});

describe("what is wrong with a typed code", () => {
  it("names the characters that never occur, and counts only when the count is wrong", () => {
    const zzz = joinCodeProblem(normalizeJoinCode("ZZZ ZZZ"))!;
    expect(zzz).toContain("“Z”");
    expect(zzz).not.toMatch(/6 tekens/);
    expect(joinCodeProblem("ACD23")).toMatch(/een code heeft 6 tekens, deze heeft er 5/);
    expect(joinCodeProblem("")).toMatch(/Vul de code in/);
    expect(joinCodeProblem("ACD234")).toBeNull();
  });

  it("says there is no session with a well-formed code", () => {
    expect(unknownJoinCodeMessage("ACD234")).toMatch(/^Er is geen sessie met code ACD 234\./);
  });
});
