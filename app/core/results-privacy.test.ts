// Small-group privacy in the results themselves (docs/decisions/013-small-group-privacy.md): what
// computeResults returns goes to every phone, the projector and the report. These tests play the
// curious participant: with the snapshot's knowledge (who has which role, in which order they joined)
// and the results, try every known way to get one ervaringsdeskundige's own score.
import { describe, expect, it } from "vitest";
import { ELEMENT_IDS, type ElementId } from "./domain";
import type { FinalRating, ParticipantRecord, ParticipantRole, SessionSettings } from "./protocol";
import { computeResults, type RevealResults, rolePrivacy } from "./results";

interface Group {
  participants: ParticipantRecord[];
  finals: FinalRating[];
  settings: SessionSettings;
}

/** What every phone knows from its snapshot: each seat's display name and role, in join order. */
function snapshotView(group: Group) {
  return group.participants.map((p) => ({
    displayName: group.settings.nameDisplay === "namen" ? p.name : p.pseudonym,
    role: p.role,
  }));
}

/**
 * Every way we know to read a single ervaringsdeskundige's score per element out of what is sent.
 * Returns the values an attacker would claim, per element (empty: nothing to claim).
 */
function deriveSingleEdScore(results: RevealResults, known: ReturnType<typeof snapshotView>): Record<ElementId, number[]> {
  const claims = Object.fromEntries(ELEMENT_IDS.map((e) => [e, [] as number[]])) as Record<ElementId, number[]>;
  const edCount = results.roleCounts.ervaringsdeskundige;
  for (const e of results.elements) {
    const claim = (x: number) => claims[e.elementId].push(Math.round(x * 1e6) / 1e6);
    // 1. A dot with the ervaringsdeskundige's mark.
    for (const s of e.scores) if (s.role === "ervaringsdeskundige" && edCount === 1) claim(s.value);
    // 2. The ervaringsdeskundigen's own mean (a group of one is that person).
    const edMean = e.roles?.ervaringsdeskundige.summary?.mean ?? e.gap?.ervaringsdeskundigeMean;
    if (edMean !== undefined && edCount === 1) claim(edMean);
    // 3. The group mean beside the ADs' mean: (n·group − k·AD) / 1.
    const adMean = e.roles?.arbeidsdeskundige.summary?.mean ?? e.gap?.arbeidsdeskundigeMean;
    const adCount = results.roleCounts.arbeidsdeskundige;
    if (adMean !== undefined && e.summary && edCount === 1) claim(e.summary.n * e.summary.mean - adCount * adMean);
    // 4. Per-person rows: by role, or by name looked up in the snapshot.
    for (const row of results.finals) {
      const role = row.role ?? known.find((k) => k.displayName === row.displayName)?.role;
      if (role === "ervaringsdeskundige" && edCount === 1) claim(row.scores[e.elementId]);
    }
    // 5. Dots in join order: the ervaringsdeskundige's seat index picks her dot.
    const seat = known.filter((k) => k.role === "arbeidsdeskundige" || k.role === "ervaringsdeskundige").findIndex((k) => k.role === "ervaringsdeskundige");
    if (seat >= 0 && edCount === 1 && e.scores.length === known.filter((k) => k.role !== "observator").length && !isSorted(e.scores.map((s) => s.value))) {
      claim(e.scores[seat].value);
    }
  }
  return claims;
}

const isSorted = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

function person(id: string, role: ParticipantRole, index: number): ParticipantRecord {
  return { id, name: `Naam ${id}`, role, pseudonym: `Beoordelaar ${index + 1}`, focus: null, joinedAt: index, removed: false };
}

function makeGroup(next: (n: number) => number, settings: SessionSettings, adCount: number): Group {
  const roles: ParticipantRole[] = [...Array<ParticipantRole>(adCount).fill("arbeidsdeskundige"), "ervaringsdeskundige"];
  if (next(2)) roles.push("observator");
  // Join order at random: the ervaringsdeskundige may be anywhere.
  for (let i = roles.length - 1; i > 0; i--) {
    const j = next(i + 1);
    [roles[i], roles[j]] = [roles[j], roles[i]];
  }
  const participants = roles.map((role, i) => person(`p${i}`, role, i));
  const finals = participants.map((p) => ({
    participantId: p.id,
    scores: Object.fromEntries(ELEMENT_IDS.map((e) => [e, next(11)])) as Record<ElementId, number>,
    observed: [],
    submittedAt: 1,
  }));
  return { participants, finals, settings };
}

const results = (g: Group) =>
  computeResults({ participants: g.participants, samples: [], moments: [], finals: g.finals, duration: null, settings: g.settings, behaviours: [] });

const edScores = (g: Group) => {
  const ed = g.participants.find((p) => p.role === "ervaringsdeskundige")!;
  return g.finals.find((f) => f.participantId === ed.id)!.scores;
};

describe("one ervaringsdeskundige cannot be read out of the results", () => {
  const protectedSettings: SessionSettings[] = [
    { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: false },
    { separateRoles: true, nameDisplay: "namen", allowSingleRaterGroup: false },
    { separateRoles: false, nameDisplay: "namen", allowSingleRaterGroup: false },
    { separateRoles: false, nameDisplay: "pseudoniemen", allowSingleRaterGroup: true },
  ];

  it("the attacks work where the person agreed to be shown (so they can find a leak)", () => {
    const next = generator(7);
    const consent: SessionSettings = { separateRoles: true, nameDisplay: "namen", allowSingleRaterGroup: true };
    for (let round = 0; round < 50; round++) {
      const g = makeGroup(next, consent, 1 + next(5));
      const claims = deriveSingleEdScore(results(g), snapshotView(g));
      for (const e of ELEMENT_IDS) expect(claims[e]).toContain(edScores(g)[e]);
    }
  });

  it("no attack finds anything for 400 random groups with one ervaringsdeskundige", () => {
    const next = generator(2026);
    for (let round = 0; round < 400; round++) {
      const settings = protectedSettings[round % protectedSettings.length];
      const g = makeGroup(next, settings, next(7));
      const r = results(g);
      const claims = deriveSingleEdScore(r, snapshotView(g));
      for (const e of ELEMENT_IDS) expect(claims[e], `ronde ${round}, ${e}`).toEqual([]);
      // And the payload as it travels: no role on any rater, no mean per role, no name.
      const wire = JSON.stringify(r);
      expect(wire).not.toMatch(/"role":"(ervarings|arbeids)deskundige"/);
      expect(wire).not.toMatch(/deskundigeMean/);
      for (const p of g.participants) {
        expect(wire).not.toContain(p.name);
        expect(wire).not.toContain(`"${p.pseudonym}"`);
      }
      expect(r.privacyNote).toMatch(settings.separateRoles ? /^Eén (arbeids|ervarings)deskundige/ : /niet apart/);
    }
  });

  it("the dots do not follow the join order", () => {
    const next = generator(99);
    const g = makeGroup(next, protectedSettings[0], 4);
    const reversed = { ...g, participants: [...g.participants].reverse() };
    expect(results(reversed).elements.map((e) => e.scores)).toEqual(results(g).elements.map((e) => e.scores));
  });
});

describe("rolePrivacy", () => {
  const apart: SessionSettings = { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: false };
  it("keeps roles apart only when every role present has two or more raters, or a group of one was agreed", () => {
    expect(rolePrivacy({ arbeidsdeskundige: 3, ervaringsdeskundige: 2 }, apart)).toEqual({ rolesShown: true, note: null });
    expect(rolePrivacy({ arbeidsdeskundige: 3, ervaringsdeskundige: 0 }, apart)).toEqual({ rolesShown: true, note: null });
    expect(rolePrivacy({ arbeidsdeskundige: 3, ervaringsdeskundige: 1 }, apart)).toEqual({
      rolesShown: false,
      note: "Eén ervaringsdeskundige deed mee; haar of zijn scores tellen mee in de groep en worden niet apart getoond.",
    });
    expect(rolePrivacy({ arbeidsdeskundige: 3, ervaringsdeskundige: 1 }, { ...apart, allowSingleRaterGroup: true }).rolesShown).toBe(true);
    expect(rolePrivacy({ arbeidsdeskundige: 3, ervaringsdeskundige: 2 }, { ...apart, separateRoles: false }).rolesShown).toBe(false);
    expect(rolePrivacy({ arbeidsdeskundige: 0, ervaringsdeskundige: 0 }, { ...apart, separateRoles: false })).toEqual({ rolesShown: false, note: null });
  });
});
