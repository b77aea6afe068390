import { describe, expect, it } from "vitest";
import { comparePractice } from "./practice";

const names = { vertrouwen: "vertrouwen", "richting-kader": "richting & kader", binding: "binding", stroefheid: "stroefheid" };
const behaviours = [
  { id: "empathie", elementId: "binding" as const, label: "Empathie" },
  { id: "doel-vervolg-rol", elementId: "richting-kader" as const, label: "Doel uitleggen" },
  { id: "druk-voor-herstel", elementId: "stroefheid" as const, label: "Druk voor herstel" },
];
const tips = [
  { id: "vanaf-eerste-contact", number: 1, title: "t1", elements: ["richting-kader" as const], behaviours: ["doel-vervolg-rol"] },
  { id: "eerst-binding", number: 4, title: "t4", elements: ["binding" as const, "stroefheid" as const], behaviours: ["empathie", "druk-voor-herstel"] },
  { id: "kernwaarden", number: 6, title: "t6", elements: ["vertrouwen" as const], behaviours: [] },
];
const moment = (id: string, turnIndex: number) => ({ id, effect: "belast" as const, note: "n", turnIndex, t: turnIndex * 10 });

describe("comparePractice", () => {
  const result = comparePractice({
    mine: { vertrouwen: 6, "richting-kader": 8, binding: 3, stroefheid: 2 },
    observed: ["doel-vervolg-rol", "empathie", "onbekend-id"],
    reference: { vertrouwen: 5, "richting-kader": 4, binding: 3, stroefheid: 7 },
    referenceMoments: [moment("doel-vervolg-rol", 1), moment("druk-voor-herstel", 5)],
    behaviours,
    tips,
    elementNames: names,
  });

  it("states the difference per element, close within one point", () => {
    expect(result.elements.map((e) => [e.elementId, e.difference, e.verdict])).toEqual([
      ["vertrouwen", 1, "dichtbij"],
      ["richting-kader", 4, "hoger"],
      ["binding", 0, "dichtbij"],
      ["stroefheid", -5, "lager"],
    ]);
  });

  it("speaks of stroefheid as the negative element", () => {
    expect(result.elements[3].sentence).toMatch(/minder stroefheid/);
    expect(result.elements[1].sentence).toMatch(/4 punten hoger/);
  });

  it("splits reference moments into seen and missed, and lists extra ticks", () => {
    expect(result.seen.map((m) => m.id)).toEqual(["doel-vervolg-rol"]);
    expect(result.missed.map((m) => m.id)).toEqual(["druk-voor-herstel"]);
    expect(result.extra.map((b) => b.id)).toEqual(["empathie"]); // unknown ids are ignored
  });

  it("suggests tips for missed behaviours first, then for large differences", () => {
    expect(result.tips.map((t) => t.tipId)).toEqual(["eerst-binding", "vanaf-eerste-contact"]);
    expect(result.tips[0].reasons[0]).toMatch(/Druk voor herstel/);
  });

  it("suggests nothing when rating and reference agree and nothing was missed", () => {
    const same = comparePractice({
      mine: { vertrouwen: 5, "richting-kader": 4, binding: 3, stroefheid: 7 },
      observed: ["druk-voor-herstel"],
      reference: { vertrouwen: 5, "richting-kader": 4, binding: 3, stroefheid: 7 },
      referenceMoments: [moment("druk-voor-herstel", 5)],
      behaviours,
      tips,
      elementNames: names,
    });
    expect(same.tips).toEqual([]);
    expect(same.missed).toEqual([]);
    expect(same.elements.every((e) => e.clientView === null && e.clientNote === null)).toBe(true);
  });

  it("sets the written client view beside the expert reference, and says where the client would see it differently", () => {
    const both = comparePractice({
      mine: { vertrouwen: 6, "richting-kader": 8, binding: 3, stroefheid: 2 },
      observed: [],
      reference: { vertrouwen: 5, "richting-kader": 4, binding: 3, stroefheid: 7 },
      clientView: { vertrouwen: 4, "richting-kader": 1, binding: 3, stroefheid: 10 },
      referenceMoments: [],
      behaviours,
      tips,
      elementNames: names,
    });
    expect(both.elements.map((e) => [e.elementId, e.reference, e.clientView])).toEqual([
      ["vertrouwen", 5, 4],
      ["richting-kader", 4, 1],
      ["binding", 3, 3],
      ["stroefheid", 7, 10],
    ]);
    expect(both.elements[0].clientNote).toBeNull();
    expect(both.elements[1].clientNote).toBe(`De cliënt beleeft ${names["richting-kader"].toLowerCase()} waarschijnlijk 3 punten lager dan de vakreferentie.`);
    expect(both.elements[3].clientNote).toBe("De cliënt ervaart waarschijnlijk 3 punten meer stroefheid dan de vakreferentie aangeeft.");
    // The tips still follow the expert reference only.
    expect(both.tips).toEqual(
      comparePractice({
        mine: { vertrouwen: 6, "richting-kader": 8, binding: 3, stroefheid: 2 },
        observed: [],
        reference: { vertrouwen: 5, "richting-kader": 4, binding: 3, stroefheid: 7 },
        referenceMoments: [],
        behaviours,
        tips,
        elementNames: names,
      }).tips,
    );
    expect(both.tips.length).toBeGreaterThan(0);
  });
});
