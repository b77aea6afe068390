// The headlines of the reveal, from results that the real computeResults made out of small groups.
import { describe, expect, it } from "vitest";
import { ELEMENT_IDS, type ElementId } from "./domain";
import type { FinalRating, ParticipantRecord, SessionSettings } from "./protocol";
import { computeResults, type RevealResults } from "./results";
import { agreementInWords, elementStory, overviewHeadline, spreadInWords, visibleRole } from "./reveal-story";

const SETTINGS: SessionSettings = { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: false };

type Rater = { role: "arbeidsdeskundige" | "ervaringsdeskundige"; scores: Partial<Record<ElementId, number>> };

/** A session of finals only: every element a rater leaves out gets 5. */
function session(raters: Rater[], extra: { settings?: Partial<SessionSettings>; reference?: Record<ElementId, number>; clientView?: Record<ElementId, number> } = {}): RevealResults {
  const participants: ParticipantRecord[] = raters.map((r, i) => ({
    id: `p${i}`,
    name: `Naam ${i}`,
    role: r.role,
    pseudonym: `Beoordelaar ${i + 1}`,
    focus: null,
    joinedAt: 0,
    removed: false,
  }));
  const finals: FinalRating[] = raters.map((r, i) => ({
    participantId: `p${i}`,
    scores: Object.fromEntries(ELEMENT_IDS.map((e) => [e, r.scores[e] ?? 5])) as Record<ElementId, number>,
    observed: [],
    submittedAt: 1,
  }));
  return computeResults({
    participants,
    finals,
    samples: [],
    moments: [],
    duration: 60,
    settings: { ...SETTINGS, ...extra.settings },
    behaviours: [],
    reference: extra.reference ? { scores: extra.reference, clientView: extra.clientView, moments: [] } : undefined,
  });
}

const ad = (scores: Rater["scores"]): Rater => ({ role: "arbeidsdeskundige", scores });
const ed = (scores: Rater["scores"]): Rater => ({ role: "ervaringsdeskundige", scores });
const story = (results: RevealResults, id: ElementId) => elementStory(results.elements.find((e) => e.elementId === id)!, results);

describe("agreement", () => {
  it("says the group agrees when every score lies within one point", () => {
    const r = session([ad({ binding: 7 }), ad({ binding: 8 }), ad({ binding: 7 }), ad({ binding: 8 })]);
    const s = story(r, "binding");
    expect(s.kind).toBe("eens");
    expect(s.headline).toBe("Over Binding is de groep het eens: iedereen gaf 7 of 8.");
    expect(story(session([ad({}), ad({}), ad({})]), "binding").headline).toBe("Over Binding is de groep het eens: iedereen gaf 5.");
  });

  it("says 'bijna iedereen' when one score of five lies apart", () => {
    const r = session([ad({ vertrouwen: 7 }), ad({ vertrouwen: 8 }), ad({ vertrouwen: 8 }), ad({ vertrouwen: 7 }), ad({ vertrouwen: 2 })]);
    const s = story(r, "vertrouwen");
    expect(s.kind).toBe("grotendeels-eens");
    expect(s.headline).toBe("Over Vertrouwen is de groep het grotendeels eens: bijna iedereen gaf 7 of 8, één gaf 2.");
  });

  it("says the group disagrees, with the range, from four points apart", () => {
    const r = session([ad({ binding: 2 }), ad({ binding: 5 }), ad({ binding: 9 }), ad({ binding: 6 })]);
    const s = story(r, "binding");
    expect(s.kind).toBe("oneens");
    expect(s.headline).toBe("Over Binding is de groep het oneens: van 2 tot 9.");
    // Three points apart is close, not a disagreement.
    const close = story(session([ad({ binding: 4 }), ad({ binding: 6 }), ad({ binding: 7 })]), "binding");
    expect(close.kind).toBe("dichtbij");
    expect(close.headline).toBe("Over Binding liggen de scores dicht bij elkaar: van 4 tot 7.");
  });
});

describe("the role gap", () => {
  const gapped = session([ad({ vertrouwen: 5 }), ad({ vertrouwen: 6 }), ad({ vertrouwen: 7 }), ed({ vertrouwen: 8 }), ed({ vertrouwen: 9 })]);

  it("leads with the gap when ADs and ervaringsdeskundigen differ by two points or more", () => {
    const s = story(gapped, "vertrouwen");
    expect(s.headline).toBe("De ervaringsdeskundigen gaven Vertrouwen hoger dan de arbeidsdeskundigen: gemiddeld 8,5 tegen 6,0.");
    expect(s.roleGap).toBe(s.headline);
    expect(s.agreement).toBe("Over Vertrouwen is de groep het oneens: van 5 tot 9.");
  });

  it("stays silent on a small gap, and when the session keeps the roles together", () => {
    expect(story(gapped, "binding").roleGap).toBeNull();
    const together = session(gapped.finals.map((f) => ({ role: f.role ?? "arbeidsdeskundige", scores: f.scores })), { settings: { separateRoles: false } });
    expect(story(together, "vertrouwen").roleGap).toBeNull();
    expect(story(together, "vertrouwen").headline).toBe("Over Vertrouwen is de groep het oneens: van 5 tot 9.");
  });

  it("never compares against a single ervaringsdeskundige", () => {
    const one = session([ad({ vertrouwen: 2 }), ad({ vertrouwen: 3 }), ed({ vertrouwen: 9 })]);
    expect(story(one, "vertrouwen").roleGap).toBeNull();
  });
});

describe("stroefheid", () => {
  it("says who saw more friction, and that higher is worse", () => {
    const r = session([ad({ stroefheid: 2 }), ad({ stroefheid: 3 }), ed({ stroefheid: 6 }), ed({ stroefheid: 7 })]);
    const s = story(r, "stroefheid");
    expect(s.headline).toBe("De ervaringsdeskundigen zagen meer stroefheid dan de arbeidsdeskundigen: gemiddeld 6,5 tegen 2,5.");
    expect(s.direction).toBe("Hoger is stroever. De groep zag gemiddeld enige stroefheid (4,5 van 10).");
  });

  it("turns around when the arbeidsdeskundigen saw more", () => {
    const r = session([ad({ stroefheid: 8 }), ad({ stroefheid: 9 }), ed({ stroefheid: 1 }), ed({ stroefheid: 2 })]);
    expect(story(r, "stroefheid").headline).toMatch(/^De arbeidsdeskundigen zagen meer stroefheid dan de ervaringsdeskundigen/);
  });

  it("names little and much friction, and has no direction line for the other elements", () => {
    expect(story(session([ad({ stroefheid: 1 }), ad({ stroefheid: 2 }), ad({ stroefheid: 1 })]), "stroefheid").direction).toContain("weinig stroefheid");
    expect(story(session([ad({ stroefheid: 8 }), ad({ stroefheid: 9 }), ad({ stroefheid: 8 })]), "stroefheid").direction).toContain("veel stroefheid");
    expect(story(session([ad({}), ad({}), ad({})]), "vertrouwen").direction).toBeNull();
  });
});

describe("the reference", () => {
  const ref = { vertrouwen: 7, "richting-kader": 5, binding: 8, stroefheid: 2 };
  const r = session([ad({ vertrouwen: 7, binding: 5, stroefheid: 4 }), ad({ vertrouwen: 7, binding: 6, stroefheid: 5 }), ad({ vertrouwen: 8, binding: 5, stroefheid: 3 })], {
    reference: ref,
  });

  it("says how far the group lies from the reference, in the element's own direction", () => {
    expect(story(r, "vertrouwen").reference).toBe("De vakreferentie geeft 7, de groep gemiddeld 7,3: ongeveer gelijk.");
    expect(story(r, "binding").reference).toBe("De vakreferentie geeft 8, de groep gemiddeld 5,3: de groep zit 2,7 punt lager.");
    expect(story(r, "stroefheid").reference).toBe("De vakreferentie geeft 2, de groep gemiddeld 4,0: de groep zag 2,0 punt meer stroefheid.");
  });

  it("names the written client view as the makers' and the ervaringsdeskundigen in the room as the real one", () => {
    const clientView = { vertrouwen: 5, "richting-kader": 4, binding: 6, stroefheid: 6 };
    const adsOnly = session([ad({}), ad({}), ad({})], { reference: ref, clientView });
    expect(story(adsOnly, "stroefheid").clientView).toBe("De cliëntblik, geschreven door de makers, geeft 6.");
    const withEds = session([ad({}), ad({}), ed({ binding: 7 }), ed({ binding: 8 })], { reference: ref, clientView });
    expect(story(withEds, "binding").clientView).toBe(
      "De cliëntblik, geschreven door de makers, geeft 6; de ervaringsdeskundigen hier, de echte cliëntblik, gaven gemiddeld 7,5.",
    );
    // One ervaringsdeskundige: their score stays out of it (decision 013).
    const oneEd = session([ad({}), ad({}), ed({ binding: 9 })], { reference: ref, clientView });
    expect(story(oneEd, "binding").clientView).toBe("De cliëntblik, geschreven door de makers, geeft 6.");
    expect(story(r, "binding").clientView).toBeNull();
  });

  it("has no reference line without a reference", () => {
    expect(story(session([ad({}), ad({}), ad({})]), "binding").reference).toBeNull();
  });
});

describe("few raters", () => {
  it("gives the scores themselves, no claim about agreement", () => {
    const two = session([ad({ binding: 4 }), ed({ binding: 7 })]);
    expect(story(two, "binding")).toMatchObject({ kind: "weinig", headline: "Bij Binding gaven de twee beoordelaars 4 en 7.", roleGap: null });
    expect(story(session([ad({ binding: 6 })]), "binding").headline).toBe("Voor Binding is er één eindscore: 6.");
    expect(story(session([]), "binding")).toMatchObject({ kind: "leeg", headline: "Voor Binding gaf niemand een eindscore." });
    expect(overviewHeadline(two)).toBe("2 beoordelaars: zie de scores als begin van het gesprek.");
    expect(overviewHeadline(session([]))).toBe("Er zijn nog geen eindscores.");
  });
});

describe("the first screen and the details", () => {
  it("names the element the group differed on most", () => {
    const r = session([ad({ binding: 2, vertrouwen: 6 }), ad({ binding: 9, vertrouwen: 4 }), ad({ binding: 6 })]);
    expect(overviewHeadline(r)).toBe("3 beoordelaars. Het verst uiteen over Binding: van 2 tot 9.");
    expect(overviewHeadline(session([ad({}), ad({}), ad({})]))).toBe("3 beoordelaars. Over alle vier de elementen liggen de scores dicht bij elkaar.");
  });

  it("puts the standard deviation and alpha in words", () => {
    expect(spreadInWords(0.5)).toMatch(/^De scores liggen dicht bij elkaar: gemiddeld 0,5 punt/);
    expect(spreadInWords(2.4)).toMatch(/ver uit elkaar/);
    expect(spreadInWords(null)).toBeNull();
    const r = session([ad({}), ad({}), ad({})]);
    expect(agreementInWords(r.elements[0])).toMatch(/te weinig mensen/);
  });
});

describe("which role a shared screen may draw", () => {
  it("draws a role only when the session shows roles apart and the role's group is not one person", () => {
    const big = session([ad({}), ad({}), ed({}), ed({})]);
    expect(visibleRole(big, "ervaringsdeskundige")).toBe("ervaringsdeskundige");
    expect(visibleRole(big, null)).toBeNull();
    expect(visibleRole(big, undefined)).toBeNull();
    const oneEd = session([ad({}), ad({}), ed({})]);
    // The results merge every role when one would be a single person (decision 013): no marks at all.
    expect(visibleRole(oneEd, "ervaringsdeskundige")).toBeNull();
    expect(visibleRole(oneEd, "arbeidsdeskundige")).toBeNull();
    const agreed = session([ad({}), ad({}), ed({})], { settings: { allowSingleRaterGroup: true } });
    expect(visibleRole(agreed, "ervaringsdeskundige")).toBe("ervaringsdeskundige");
    const together = session([ad({}), ad({}), ed({}), ed({})], { settings: { separateRoles: false } });
    expect(visibleRole(together, "arbeidsdeskundige")).toBeNull();
  });
});
