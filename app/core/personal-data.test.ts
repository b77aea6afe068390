import { describe, expect, it } from "vitest";
import { confirmationQuestion, containsBsn, describePersonalData, findPersonalData, isValidBsn } from "./personal-data";

const kinds = (text: string) => findPersonalData(text).map((f) => f.kind);

describe("isValidBsn (11-proef)", () => {
  it("accepts numbers that pass the 11-proef", () => {
    expect(isValidBsn("111222333")).toBe(true); // 9+8+7+12+10+8+9+6-3 = 66
    expect(isValidBsn("123456782")).toBe(true);
  });
  it("rejects numbers that fail it, wrong lengths and all zeros", () => {
    expect(isValidBsn("123456789")).toBe(false);
    expect(isValidBsn("111222334")).toBe(false);
    expect(isValidBsn("12345678")).toBe(false);
    expect(isValidBsn("000000000")).toBe(false);
  });
});

describe("findPersonalData", () => {
  it("finds a BSN that passes the 11-proef, also grouped", () => {
    expect(kinds("BSN 111222333 staat in het dossier")).toEqual(["bsn"]);
    expect(kinds("nummer 111 222 333")).toEqual(["bsn"]);
    expect(kinds("nummer 123.456.782")).toEqual(["bsn"]);
  });
  it("ignores nine digits that fail the 11-proef", () => {
    expect(kinds("ordernummer 123456789")).toEqual([]);
  });
  it("finds e-mail addresses", () => {
    expect(kinds("mail naar j.jansen@voorbeeld.nl graag")).toEqual(["email"]);
  });
  it("finds Dutch phone numbers in common notations", () => {
    expect(kinds("bel 06-12345678")).toEqual(["telefoon"]);
    expect(kinds("bel 06 1234 5678")).toEqual(["telefoon"]);
    expect(kinds("bel 010-1234567")).toEqual(["telefoon"]);
    expect(kinds("bel +31 6 12345678")).toEqual(["telefoon"]);
  });
  it("finds postcodes but not ordinary words", () => {
    expect(kinds("woont op 3512 AB")).toEqual(["postcode"]);
    expect(kinds("woont op 3512AB")).toEqual(["postcode"]);
    expect(kinds("in 2024 OK bevonden")).toEqual(["postcode"]); // a known false positive: shape alone
    expect(kinds("na 12 weken ziek")).toEqual([]);
  });
  it("finds dates of birth in numeric and written form", () => {
    expect(kinds("geboren 03-11-1978")).toEqual(["geboortedatum"]);
    expect(kinds("geboren 3/11/1978")).toEqual(["geboortedatum"]);
    expect(kinds("geboren 3 november 1978")).toEqual(["geboortedatum"]);
  });
  it("leaves ordinary anonymised notes alone", () => {
    const note = "Cliënt (50+) werkte 20 jaar in de logistiek, week 52, 35% verlies, FML besproken. Score 7/10.";
    expect(findPersonalData(note)).toEqual([]);
  });
  it("finds an address inside a long word, and checks a long text without one in linear time", () => {
    expect(kinds(`${"x".repeat(5_000)}@voorbeeld.nl`)).toEqual(["email"]);
    // Quadratic matching took about 40 s for this; linear takes milliseconds.
    const started = performance.now();
    expect(findPersonalData("é".repeat(200_000))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
  it("describes findings in one Dutch sentence", () => {
    expect(describePersonalData(findPersonalData("111222333 en a@b.nl"))).toMatch(
      /een burgerservicenummer \(BSN\) en een e-mailadres/,
    );
    expect(describePersonalData([])).toBeNull();
  });
});

describe("what the warning says, by place", () => {
  const found = findPersonalData("mail me op jan@voorbeeld.nl");
  it("keeps the anonymisation wording for casus notes", () => {
    expect(describePersonalData(found)).toMatch(/Casussen moeten geanonimiseerd zijn/);
    expect(describePersonalData(found, "casus")).toBe(describePersonalData(found));
  });
  it("says on the werkblad that the text stays on this server", () => {
    expect(describePersonalData(found, "werkblad")).toMatch(/dit blijft op deze server — laat namen en nummers weg/i);
    expect(describePersonalData(found, "werkblad")).not.toMatch(/Casussen/);
  });
  it("speaks to an ervaringsdeskundige about her own data", () => {
    expect(describePersonalData(found, "eigen")).toMatch(/je eigen gegevens/);
    expect(describePersonalData(found, "eigen")).not.toMatch(/Casussen/);
  });
});

describe("what is refused and what is asked first", () => {
  it("finds a BSN (11-proef), grouped or not, and nothing else", () => {
    expect(containsBsn("BSN 111222333")).toBe(true);
    expect(containsBsn("nummer 111.222.333 erbij")).toBe(true);
    expect(containsBsn("123456789")).toBe(false);
    expect(containsBsn("bel 06-12345678")).toBe(false);
  });
  it("asks before an e-mail address or phone number is saved, not for a postcode", () => {
    expect(confirmationQuestion(["bel 06-12345678", "en jan@voorbeeld.nl"])).toMatch(/een telefoonnummer en een e-mailadres/);
    expect(confirmationQuestion(["1234 AB"])).toBeNull();
    expect(confirmationQuestion(["", "gewoon een leerpunt"])).toBeNull();
  });
});
