import { describe, expect, it } from "vitest";
import { pathForLog } from "./log-path";

describe("pathForLog", () => {
  it("keeps the app's own route words", () => {
    expect(pathForLog("/casussen/bezwaar-fml/oefenen")).toBe("/casussen/bezwaar-fml/oefenen");
    expect(pathForLog("/tips")).toBe("/tips");
    expect(pathForLog("/")).toBe("/");
  });
  it("hides join codes, session ids, feedback links and anything after ?", () => {
    expect(pathForLog("/sessie/K7QX2M/verslag.csv")).toBe("/sessie/:…/verslag.csv");
    expect(pathForLog("/api/sessions/AbC_def-1234567890xyz/host-cookie")).toBe("/api/sessions/:…/host-cookie");
    expect(pathForLog("/s/q8Hn2kLmPz0aBcDe")).toBe("/s/:…");
    expect(pathForLog("/s/abcdefghijkl")).toBe("/s/:…");
    expect(pathForLog("/sessie/kqxzmp/beamer")).toBe("/sessie/:…/beamer");
    expect(pathForLog("/bestaat-niet?code=QWERTY")).toBe("/bestaat-niet");
    expect(pathForLog("/sessie/k7qx2m")).toBe("/sessie/:…");
  });
});
