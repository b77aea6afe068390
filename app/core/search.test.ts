import { describe, expect, it } from "vitest";
import { normalise, SearchIndex } from "./search";

const index = new SearchIndex([
  { kind: "module", slug: "binding", title: "Binding", summary: "Gezien en gehoord worden", body: "De cliënt voelt zich gehoord. Empathie telt." },
  { kind: "casus", slug: "wia", title: "WIA en de theoretische functies", summary: "Een client bij UWV", body: "De arbeidsdeskundige legt de functies uit." },
  { kind: "module", slug: "kader", title: "Richting & kader", summary: "Duidelijkheid", body: "Rechten en plichten van de cliënt." },
]);

describe("search", () => {
  it("folds accents both ways", () => {
    expect(normalise("Cliënt ÉÉN")).toBe("client een");
    expect(index.search("client").map((h) => h.slug).sort()).toEqual(["binding", "kader", "wia"]);
    expect(index.search("cliënt").map((h) => h.slug).sort()).toEqual(["binding", "kader", "wia"]);
  });
  it("needs every word and ranks title hits first", () => {
    expect(index.search("functies uwv").map((h) => h.slug)).toEqual(["wia"]);
    expect(index.search("binding")[0].slug).toBe("binding");
    expect(index.search("binding empathie wia")).toEqual([]);
  });
  it("shows a snippet around the hit", () => {
    expect(index.search("empathie")[0].snippet).toContain("Empathie telt");
  });
  it("returns nothing for an empty or one-letter query", () => {
    expect(index.search("")).toEqual([]);
    expect(index.search("a")).toEqual([]);
  });
});
