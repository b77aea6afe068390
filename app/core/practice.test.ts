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
  });
});
