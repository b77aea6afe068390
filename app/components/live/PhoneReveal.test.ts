// The phone's reveal rendered on the server from results that the real computeResults made: the
// rater's own numbers beside the group's, the group view for observers, stroefheid's direction.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ElementId } from "~/core/domain";
import type { FinalRating, ParticipantRecord, ParticipantRole } from "~/core/protocol";
import { computeResults } from "~/core/results";
import type { RankedTip } from "~/core/tip-rules";
import { PhoneReveal, phoneRevealRows } from "./PhoneReveal";

const person = (id: string, role: ParticipantRole): ParticipantRecord => ({ id, name: `Naam ${id}`, role, pseudonym: `Beoordelaar ${id}`, focus: null, joinedAt: 0, removed: false });
const scores = ([v, rk, b, s]: number[]): Record<ElementId, number> => ({ vertrouwen: v, "richting-kader": rk, binding: b, stroefheid: s });
const final = (id: string, values: number[]): FinalRating => ({ participantId: id, scores: scores(values), observed: [], submittedAt: 1 });

const people = [person("a1", "arbeidsdeskundige"), person("a2", "arbeidsdeskundige"), person("a3", "arbeidsdeskundige"), person("e1", "ervaringsdeskundige")];
const results = computeResults({
  participants: people,
  samples: [],
  moments: [],
  finals: [final("a1", [8, 4, 6, 3]), final("a2", [2, 5, 6, 2]), final("a3", [3, 5, 7, 4]), final("e1", [2, 9, 1, 8])],
  duration: null,
  settings: { separateRoles: true, nameDisplay: "namen", allowSingleRaterGroup: false },
  behaviours: [],
});
const tips: RankedTip[] = [
  { tipId: "eerst-binding", fits: true, weight: 2, rules: [], elements: [], moments: [] },
  { tipId: "in-de-ot", fits: false, weight: 0, rules: [], elements: [], moments: [] },
];
const tipInfo = [
  { id: "eerst-binding", number: 4, title: "Eerst binding" },
  { id: "in-de-ot", number: 5, title: "In de OT" },
];
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ");
const render = (own: Record<ElementId, number> | null, discussed: string[] = []) =>
  renderToString(createElement(PhoneReveal, { results, own, tips, tipInfo, elementNames: {}, discussedTips: discussed }));

describe("the phone reveal", () => {
  it("says what the rater gave beside the group mean, per element", () => {
    const out = text(render(scores([8, 4, 6, 3])));
    // Vertrouwen 8, 2, 3, 2: mean 3,75 → "3,8". Stroefheid 3, 2, 4, 8: 4,25 → "4,3".
    expect(out).toContain("Jij gaf 8 · de groep gemiddeld 3,8");
    expect(out).toContain("Jij gaf 3 · de groep gemiddeld 4,3");
    expect(out).toContain("Stroefheid · hoger = stroever");
    expect(out).toContain("Kijk mee op het grote scherm");
    expect(out).toContain(results.privacyNote!);
  });

  it("gives observers the group view, without 'jij'", () => {
    const html = render(null);
    expect(text(html)).toContain("De groep gemiddeld 3,8 · van 2 tot 8");
    expect(html).not.toMatch(/Jij gaf|pr-you/);
  });

  it("lists only the fitting tips, and marks the discussed ones", () => {
    const out = text(render(null, ["eerst-binding"]));
    expect(out).toContain("Tip 4: Eerst binding besproken");
    expect(out).not.toContain("In de OT");
  });

  it("draws every score once, with the rater's own as 'jij'", () => {
    const html = render(scores([8, 4, 6, 3]));
    // Four elements × (four scores − the rater's own) grey dots, and four "jij" marks.
    expect(html.match(/class="pr-dot"/g)).toHaveLength(12);
    expect(html.match(/class="pr-you"/g)).toHaveLength(4);
    expect(phoneRevealRows(results, null)[0].values).toEqual([2, 2, 3, 8]);
  });
});
