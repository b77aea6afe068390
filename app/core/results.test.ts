import { describe, expect, it } from "vitest";
import type { ElementId } from "./domain";
import type { FinalRating, LiveSample, MomentMark, ParticipantRecord, ParticipantRole, SessionSettings } from "./protocol";
import {
  agreementBand,
  clusterMoments,
  computeResults,
  findHotspots,
  type ResultsInput,
  type TimelineBin,
  turnAt,
} from "./results";

// ---- Fixtures ----

let pseudonymCounter = 0;
function person(id: string, role: ParticipantRole, extra: Partial<ParticipantRecord> = {}): ParticipantRecord {
  pseudonymCounter++;
  return { id, name: `Naam ${id}`, role, pseudonym: `Beoordelaar ${pseudonymCounter}`, focus: null, joinedAt: 0, removed: false, ...extra };
}

/** Scores in the order vertrouwen, richting-kader, binding, stroefheid. */
function final(participantId: string, [v, rk, b, s]: number[], observed: string[] = [], submittedAt = 1): FinalRating {
  return { participantId, scores: { vertrouwen: v, "richting-kader": rk, binding: b, stroefheid: s }, observed, submittedAt };
}

const SETTINGS: SessionSettings = { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: false };

const BEHAVIOURS: ResultsInput["behaviours"] = [
  { id: "veilige-sfeer", elementId: "vertrouwen" },
  { id: "doel-vervolg-rol", elementId: "richting-kader" },
  { id: "wet-en-proces", elementId: "richting-kader" },
  { id: "oprechte-interesse", elementId: "binding" },
  { id: "empathie", elementId: "binding" },
  { id: "gesprek-evalueren", elementId: "binding" },
  { id: "druk-voor-herstel", elementId: "stroefheid" },
];

function input(partial: Partial<ResultsInput>): ResultsInput {
  return {
    participants: [],
    samples: [],
    moments: [],
    finals: [],
    duration: null,
    settings: SETTINGS,
    behaviours: BEHAVIOURS,
    ...partial,
  };
}

let seqCounter = 0;
/** Samples for one rater and element: [t, value] pairs. */
function samples(participantId: string, element: ElementId, points: [number, number][]): LiveSample[] {
  return points.map(([t, value]) => ({ participantId, element, t, value, seq: ++seqCounter }));
}
/** A steady value every second from `from` up to and including `to` (the client's 1 Hz repeat). */
function steady(participantId: string, element: ElementId, from: number, to: number, value: number): LiveSample[] {
  const points: [number, number][] = [];
  for (let t = from; t <= to; t++) points.push([t, value]);
  return samples(participantId, element, points);
}

function moment(participantId: string, t: number, element: ElementId, behaviourId?: string): MomentMark {
  return { participantId, t, element, behaviourId, seq: ++seqCounter };
}

const element = (results: ReturnType<typeof computeResults>, id: ElementId) => results.elements.find((e) => e.elementId === id)!;

// Five raters and two who must not count: an observator and a removed AD.
const GROUP = [
  person("a1", "arbeidsdeskundige"),
  person("a2", "arbeidsdeskundige"),
  person("a3", "arbeidsdeskundige"),
  person("e1", "ervaringsdeskundige"),
  person("e2", "ervaringsdeskundige"),
  person("o1", "observator"),
  person("r1", "arbeidsdeskundige", { removed: true }),
];
const GROUP_FINALS = [
  final("a1", [6, 4, 5, 2]),
  final("a2", [7, 4, 5, 3]),
  final("a3", [8, 5, 5, 4]),
  final("e1", [9, 5, 3, 5]),
  final("e2", [10, 6, 4, 6]),
  final("o1", [0, 0, 0, 10]),
  final("r1", [0, 0, 0, 10]),
];

describe("final scores per element", () => {
  const results = computeResults(input({ participants: GROUP, finals: GROUP_FINALS }));

  it("counts only raters who are still in the session", () => {
    expect(results.raterCount).toBe(5);
    expect(results.roleCounts).toEqual({ arbeidsdeskundige: 3, ervaringsdeskundige: 2 });
    expect(results.finals.map((f) => f.pseudonym)).toEqual(GROUP.slice(0, 5).map((p) => p.pseudonym));
  });

  it("gives mean, median, range and sample SD per element (worked by hand)", () => {
    // Vertrouwen 6,7,8,9,10: mean 8, median 8, range 6–10, SD sqrt((4+1+0+1+4)/4) = sqrt(2.5).
    expect(element(results, "vertrouwen").summary).toEqual({ n: 5, mean: 8, median: 8, min: 6, max: 10, sd: Math.sqrt(2.5) });
    // Richting & Kader 4,4,5,5,6: mean 4.8, median 5; SD sqrt((0.64*2 + 0.04*2 + 1.44)/4) = sqrt(0.7).
    const rk = element(results, "richting-kader").summary!;
    expect(rk.mean).toBeCloseTo(4.8, 12);
    expect(rk.median).toBe(5);
    expect([rk.min, rk.max]).toEqual([4, 6]);
    expect(rk.sd).toBeCloseTo(Math.sqrt(0.7), 12);
    // Every rater is a dot.
    expect(element(results, "vertrouwen").scores.map((s) => s.value)).toEqual([6, 7, 8, 9, 10]);
  });

  it("gives the same per role", () => {
    const roles = element(results, "vertrouwen").roles!;
    // ADs 6,7,8: mean 7, median 7, SD 1. Ervaringsdeskundigen 9,10: mean 9.5, SD sqrt(0.5).
    expect(roles.arbeidsdeskundige.summary).toEqual({ n: 3, mean: 7, median: 7, min: 6, max: 8, sd: 1 });
    expect(roles.ervaringsdeskundige.summary).toMatchObject({ n: 2, mean: 9.5, median: 9.5, min: 9, max: 10 });
    expect(roles.ervaringsdeskundige.summary!.sd).toBeCloseTo(Math.sqrt(0.5), 12);
  });

  it("marks stroefheid as the negative element and never adds a total", () => {
    expect(results.elements.map((e) => [e.elementId, e.negative])).toEqual([
      ["vertrouwen", false],
      ["richting-kader", false],
      ["binding", false],
      ["stroefheid", true],
    ]);
    expect(JSON.stringify(results)).not.toMatch(/total/i);
  });

  it("shows pseudonyms or names as the session chose", () => {
    expect(results.finals[0].displayName).toBe(GROUP[0].pseudonym);
    const named = computeResults(input({ participants: GROUP, finals: GROUP_FINALS, settings: { ...SETTINGS, nameDisplay: "namen" } }));
    expect(named.finals[0].displayName).toBe("Naam a1");
  });

  it("gives the dots without a name or pseudonym, lowest first", () => {
    const named = computeResults(input({ participants: GROUP, finals: GROUP_FINALS, settings: { ...SETTINGS, nameDisplay: "namen" } }));
    // Binding: a1..a3 gave 5, e1 3, e2 4; in join order that would be 5,5,5,3,4.
    expect(element(named, "binding").scores).toEqual([
      { role: "ervaringsdeskundige", value: 3 },
      { role: "ervaringsdeskundige", value: 4 },
      { role: "arbeidsdeskundige", value: 5 },
      { role: "arbeidsdeskundige", value: 5 },
      { role: "arbeidsdeskundige", value: 5 },
    ]);
  });

  it("uses a rater's latest final if two were stored", () => {
    const r = computeResults(input({ participants: GROUP.slice(0, 1), finals: [final("a1", [3, 3, 3, 3], [], 5), final("a1", [1, 1, 1, 1], [], 2)] }));
    // One rater is a role of one, so the rows are gone (small-group privacy); the dots show it.
    expect(r.raterCount).toBe(1);
    expect(element(r, "vertrouwen").scores).toEqual([{ role: null, value: 3 }]);
  });
});

describe("the gap between ADs and ervaringsdeskundigen", () => {
  const results = computeResults(input({ participants: GROUP, finals: GROUP_FINALS }));

  it("says it plainly from 2 points (vertrouwen: 9.5 against 7)", () => {
    const gap = element(results, "vertrouwen").gap!;
    expect(gap.gap).toBe(2.5);
    expect(gap.large).toBe(true);
    expect(gap.line).toContain("ervaringsdeskundigen gemiddeld 2,5 punt meer dan de arbeidsdeskundigen");
    expect(gap.line).toContain("(9,5 tegen 7,0)");
  });

  it("says more stroefheid for the negative element (5.5 against 3)", () => {
    const gap = element(results, "stroefheid").gap!;
    expect(gap.gap).toBe(2.5);
    expect(gap.line).toContain("ervaren de ervaringsdeskundigen gemiddeld 2,5 punt meer stroefheid");
  });

  it("stays quiet below 2 points, in either direction", () => {
    // Richting & Kader: 5.5 - 4.33 = 1.17. Binding: 3.5 - 5 = -1.5.
    expect(element(results, "richting-kader").gap).toMatchObject({ large: false, line: null });
    expect(element(results, "binding").gap!.gap).toBe(-1.5);
    expect(element(results, "binding").gap!.line).toBeNull();
  });

  it("fires at exactly 2 points, and names the ADs when they score higher", () => {
    const people = [person("a", "arbeidsdeskundige"), person("b", "arbeidsdeskundige"), person("c", "ervaringsdeskundige"), person("d", "ervaringsdeskundige")];
    const r = computeResults(input({ participants: people, finals: [final("a", [7, 5, 5, 5]), final("b", [7, 5, 5, 5]), final("c", [5, 5, 5, 5]), final("d", [5, 5, 5, 5])] }));
    const gap = element(r, "vertrouwen").gap!;
    expect(gap).toMatchObject({ gap: -2, large: true });
    expect(gap.line).toContain("geven de arbeidsdeskundigen gemiddeld 2,0 punt meer dan de ervaringsdeskundigen");
  });
});

describe("small-group privacy", () => {
  const people = [person("a1", "arbeidsdeskundige"), person("a2", "arbeidsdeskundige"), person("e1", "ervaringsdeskundige")];
  const finals = [final("a1", [5, 5, 5, 5]), final("a2", [5, 5, 5, 5]), final("e1", [9, 9, 9, 9])];

  it("merges one ervaringsdeskundige into the group: no role mark, no role mean, no rows, and says so", () => {
    const r = computeResults(input({ participants: people, finals }));
    expect(r.rolesShown).toBe(false);
    expect(r.privacyNote).toBe("Eén ervaringsdeskundige deed mee; haar of zijn scores tellen mee in de groep en worden niet apart getoond.");
    expect(r.finals).toEqual([]);
    expect(r.roleCounts).toEqual({ arbeidsdeskundige: 2, ervaringsdeskundige: 1 });
    const binding = element(r, "binding");
    expect(binding.scores).toEqual([
      { role: null, value: 5 },
      { role: null, value: 5 },
      { role: null, value: 9 },
    ]);
    expect(binding.roles).toBeNull();
    expect(binding.gap).toBeNull();
    expect(binding.gapNote).toBe(r.privacyNote);
  });

  it("shows it when the session allows a group of one", () => {
    const r = computeResults(input({ participants: people, finals, settings: { ...SETTINGS, allowSingleRaterGroup: true } }));
    expect(r.rolesShown).toBe(true);
    expect(r.privacyNote).toBeNull();
    expect(element(r, "binding").roles!.ervaringsdeskundige).toMatchObject({ n: 1, shown: true, summary: { mean: 9, sd: null } });
    expect(element(r, "binding").gap).toMatchObject({ gap: 4, large: true });
  });

  it("hides every role when the session keeps roles together", () => {
    const r = computeResults(input({ participants: people, finals, settings: { ...SETTINGS, separateRoles: false } }));
    expect(r.rolesShown).toBe(false);
    expect(r.privacyNote).toContain("niet apart");
    expect(r.finals).toEqual([]);
    expect(element(r, "binding").scores.every((s) => s.role === null)).toBe(true);
    expect(element(r, "binding").roles).toBeNull();
    expect(element(r, "binding").gap).toBeNull();
  });

  it("protects a single arbeidsdeskundige the same way, and says who", () => {
    const flipped = [person("a1", "arbeidsdeskundige"), person("e1", "ervaringsdeskundige"), person("e2", "ervaringsdeskundige")];
    const r = computeResults(input({ participants: flipped, finals: [final("a1", [1, 1, 1, 1]), final("e1", [6, 6, 6, 6]), final("e2", [7, 7, 7, 7])] }));
    expect(r.rolesShown).toBe(false);
    expect(r.privacyNote).toContain("Eén arbeidsdeskundige deed mee");
    const both = computeResults(input({ participants: [person("a", "arbeidsdeskundige"), person("e", "ervaringsdeskundige")], finals: [final("a", [2, 2, 2, 2]), final("e", [8, 8, 8, 8])] }));
    expect(both.privacyNote).toContain("Eén arbeidsdeskundige en één ervaringsdeskundige");
  });

  it("keeps the roles apart when every role has two or more raters", () => {
    const r = computeResults(input({ participants: GROUP, finals: GROUP_FINALS }));
    expect(r.rolesShown).toBe(true);
    expect(r.privacyNote).toBeNull();
  });

  it("flags fewer than 3 raters with a Dutch caution", () => {
    const two = computeResults(input({ participants: people, finals: finals.slice(0, 2) }));
    expect(two.fewRaters).toBe(true);
    expect(two.caution).toContain("maar 2 mensen");
    const three = computeResults(input({ participants: people, finals }));
    expect(three).toMatchObject({ fewRaters: false, caution: null });
    const none = computeResults(input({ participants: people }));
    expect(none).toMatchObject({ raterCount: 0, fewRaters: true });
    expect(element(none, "binding").summary).toBeNull();
  });
});

describe("the timeline", () => {
  const two = [person("a", "arbeidsdeskundige"), person("b", "ervaringsdeskundige")];

  it("bins a rater's slider as a step function, time-weighted (worked by hand)", () => {
    // a: 4 at 0,1,2; 8 at 3,4. Hold 2 s: 4 on [0,3), 8 on [3,6). Bin 0: (4*3 + 8*2)/5 = 5.6; bin 1: 8 on [5,6).
    // b: 6 every second 0..9: 6 in both bins.
    const r = computeResults(
      input({
        participants: two,
        duration: 10,
        samples: [...samples("a", "binding", [[0, 4], [1, 4], [2, 4], [3, 8], [4, 8]]), ...steady("b", "binding", 0, 9, 6)],
      }),
    );
    const bins = element(r, "binding").timeline.bins;
    expect(r.timeline).toMatchObject({ binSeconds: 5, binCount: 2, end: 10, lagSeconds: 0 });
    expect(bins[0]).toMatchObject({ start: 0, end: 5, n: 2, min: 5.6, max: 6 });
    expect(bins[0].mean).toBeCloseTo(5.8, 12);
    expect(bins[0].sd).toBeCloseTo(0.4 / Math.SQRT2, 12);
    expect(bins[1]).toMatchObject({ start: 5, end: 10, n: 2, mean: 7, min: 6, max: 8 });
    expect(bins[1].sd).toBeCloseTo(Math.SQRT2, 12);
    expect(element(r, "binding").timeline.raters).toBe(2);
    expect(element(r, "vertrouwen").timeline.raters).toBe(0);
  });

  it("leaves a gap where nobody rated, instead of inventing values", () => {
    // 5 at 0,1,2 (covers [0,4)); silence; 7 at 12,13,14 (covers [12,15), cut at the end).
    const r = computeResults(
      input({ participants: two, duration: 15, samples: [...steady("a", "vertrouwen", 0, 2, 5), ...steady("a", "vertrouwen", 12, 14, 7)] }),
    );
    const bins = element(r, "vertrouwen").timeline.bins;
    expect(bins.map((b) => b.mean)).toEqual([5, null, 7]);
    expect(bins[1]).toMatchObject({ n: 0, sd: null, min: null, max: null });
  });

  it("carries a value further with a longer hold, for clients that send on change only", () => {
    const changes = samples("a", "binding", [[0, 3], [20, 7]]);
    const short = computeResults(input({ participants: two, duration: 30, samples: changes }));
    expect(element(short, "binding").timeline.bins.map((b) => b.mean)).toEqual([3, null, null, null, 7, null]);
    const long = computeResults(input({ participants: two, duration: 30, samples: changes, options: { holdSeconds: 30 } }));
    expect(element(long, "binding").timeline.bins.map((b) => b.mean)).toEqual([3, 3, 3, 3, 7, 7]);
  });

  it("lets the later sample win when two share a time", () => {
    const r = computeResults(input({ participants: two, duration: 5, samples: samples("a", "binding", [[0, 2], [0, 9]]) }));
    expect(element(r, "binding").timeline.bins[0].mean).toBe(9);
  });

  it("shifts every rater earlier with the lag correction (worked by hand)", () => {
    // 1 at 0..4, 9 at 5..9. Without lag: bins 1 and 9.
    // Lag 2: 1 at 0,0,0,1,2 → covers [0,3); 9 at 3..7 → covers [3,9). Bin 0: (1*3 + 9*2)/5 = 4.2; bin 1: 9.
    const data = [...steady("a", "stroefheid", 0, 4, 1), ...steady("a", "stroefheid", 5, 9, 9)];
    const plain = computeResults(input({ participants: two, duration: 10, samples: data }));
    expect(element(plain, "stroefheid").timeline.bins.map((b) => b.mean)).toEqual([1, 9]);
    const lagged = computeResults(input({ participants: two, duration: 10, samples: data, options: { lagSeconds: 2 } }));
    expect(lagged.timeline.lagSeconds).toBe(2);
    const bins = element(lagged, "stroefheid").timeline.bins;
    expect(bins[0].mean).toBeCloseTo(4.2, 12);
    expect(bins[1].mean).toBe(9);
  });

  it("keeps the lag within 0–3 s and the bin width within 1–60 s", () => {
    const r = computeResults(input({ participants: two, duration: 10, options: { lagSeconds: 10, binSeconds: 0 } }));
    expect(r.timeline).toMatchObject({ lagSeconds: 3, binSeconds: 1, binCount: 10 });
    expect(computeResults(input({ options: { lagSeconds: -1 } })).timeline.lagSeconds).toBe(0);
  });

  it("uses other bin widths", () => {
    const r = computeResults(
      input({ participants: two, duration: 10, samples: [...steady("a", "binding", 0, 4, 2), ...steady("a", "binding", 5, 9, 4)], options: { binSeconds: 10 } }),
    );
    expect(element(r, "binding").timeline.bins).toHaveLength(1);
    expect(element(r, "binding").timeline.bins[0].mean).toBe(3);
  });

  it("ignores samples of observators and removed raters", () => {
    const people = [...two, person("o", "observator"), person("x", "arbeidsdeskundige", { removed: true })];
    const r = computeResults(
      input({ participants: people, duration: 5, samples: [...steady("a", "binding", 0, 4, 5), ...steady("o", "binding", 0, 4, 0), ...steady("x", "binding", 0, 4, 0)] }),
    );
    expect(element(r, "binding").timeline.bins[0]).toMatchObject({ n: 1, mean: 5 });
  });

  it("ends at the last sample plus the hold when the length is unknown (role-play)", () => {
    const r = computeResults(input({ participants: two, duration: null, samples: steady("a", "binding", 0, 11, 5) }));
    expect(r.timeline.end).toBe(13);
    expect(r.timeline.binCount).toBe(3);
    expect(element(r, "binding").timeline.bins[2]).toMatchObject({ start: 10, end: 13, mean: 5 });
  });

  it("has no bins without data or length", () => {
    const r = computeResults(input({ participants: two }));
    expect(r.timeline.binCount).toBe(0);
    expect(element(r, "binding").timeline.bins).toEqual([]);
    expect(element(r, "binding").agreement.alpha).toBeNull();
  });
});

describe("agreement over the binned live ratings", () => {
  const two = [person("a", "arbeidsdeskundige"), person("b", "ervaringsdeskundige")];
  // One sample per 5-s bin, held for the whole bin.
  const perBin = (id: string, values: number[]) => samples(id, "binding", values.map((v, k) => [k * 5, v] as [number, number]));

  it("computes interval alpha with the raters and bins it rests on (72/82, worked by hand)", () => {
    const r = computeResults(
      input({ participants: two, duration: 15, samples: [...perBin("a", [1, 2, 3]), ...perBin("b", [1, 2, 4])], options: { holdSeconds: 5 } }),
    );
    const agreement = element(r, "binding").agreement;
    expect(agreement.alpha).toBeCloseTo(72 / 82, 12);
    expect(agreement).toMatchObject({ band: "betrouwbaar", raters: 2, bins: 3 });
    expect(agreement.line).toContain("0,88");
    expect(agreement.caution).toContain("2 beoordelaars en 3 tijdvakken van 5 seconden");
  });

  it("tolerates bins a rater missed (their gap is a missing value)", () => {
    // a: 2, -, 5, 6; b: 4, 5, 5, -; c: -, 5, 8, - → as Krippendorff with missing values:
    // pairable units (2,4), (5,5), (5,5,8); the last bin (6) has one value and drops out. n = 7.
    // Ordered-pair sums: 2*(2^2) = 8 over m-1 = 1; 0; 4*(3^2) = 36 over m-1 = 2 → 18. D_o = 26/7.
    // Pooled 2,4,5,5,5,5,8: sum 34, squares 184; pair sum 2*(7*184 - 1156) = 264; D_e = 264/42.
    // alpha = 1 - (26/7)/(264/42) = 1 - 156/264 = 108/264.
    const people = [...two, person("c", "arbeidsdeskundige")];
    const data = [
      ...samples("a", "binding", [[0, 2], [10, 5], [15, 6]]),
      ...samples("b", "binding", [[0, 4], [5, 5], [10, 5]]),
      ...samples("c", "binding", [[5, 5], [10, 8]]),
    ];
    const r = computeResults(input({ participants: people, duration: 20, samples: data, options: { holdSeconds: 5 } }));
    const agreement = element(r, "binding").agreement;
    expect(agreement).toMatchObject({ raters: 3, bins: 3 });
    expect(agreement.alpha).toBeCloseTo(108 / 264, 12);
    expect(agreement.band).toBe("verschillend");
    expect(agreement.line).toContain("de groep ziet het verschillend");
  });

  it("has no alpha with one rater, and says why", () => {
    const r = computeResults(input({ participants: two, duration: 15, samples: perBin("a", [1, 2, 3]), options: { holdSeconds: 5 } }));
    expect(element(r, "binding").agreement).toMatchObject({ alpha: null, band: null, raters: 0, bins: 0 });
    expect(element(r, "binding").agreement.line).toContain("minstens twee mensen");
  });

  it("has no alpha when everyone gave the same value throughout", () => {
    const r = computeResults(
      input({ participants: two, duration: 15, samples: [...perBin("a", [6, 6, 6]), ...perBin("b", [6, 6, 6])], options: { holdSeconds: 5 } }),
    );
    expect(element(r, "binding").agreement).toMatchObject({ alpha: null, raters: 2, bins: 3 });
    expect(element(r, "binding").agreement.line).toContain("dezelfde waarde");
  });

  it("names the bands at .80 and .667", () => {
    expect(agreementBand(0.8)).toBe("betrouwbaar");
    expect(agreementBand(0.799)).toBe("voorlopig");
    expect(agreementBand(0.667)).toBe("voorlopig");
    expect(agreementBand(0.666)).toBe("verschillend");
    expect(agreementBand(-0.2)).toBe("verschillend");
  });
});

describe("divergence hotspots", () => {
  const bin = (k: number, sd: number | null, n = 2): TimelineBin => ({
    start: k * 5,
    end: k * 5 + 5,
    n,
    mean: 5,
    sd,
    min: sd === null ? null : 5 - (sd * Math.SQRT2) / 2,
    max: sd === null ? null : 5 + (sd * Math.SQRT2) / 2,
  });

  it("finds the windows with the highest spread that do not overlap (worked by hand)", () => {
    // 15-s windows = 3 bins. Window spreads: bins 8–10: 3; 2–4: 1; 7–9 and 9–11: 2 but they overlap 8–10;
    // 6–8: 1 overlaps too. So: 40–55 s (3), then 10–25 s (1). Nothing else fits beside them.
    const sds = [0, 0, 1, 1, 1, 0, 0, 0, 3, 3, 3, 0];
    const hotspots = findHotspots("binding", sds.map((sd, k) => bin(k, sd)), 5, 15, 3, [0, 12, 38, 50]);
    expect(hotspots.map((h) => [h.start, h.end, h.spread, h.turnIndex])).toEqual([
      [40, 55, 3, 2],
      [10, 25, 1, 0],
    ]);
    expect(hotspots[0].meanRange).toBeCloseTo(3 * Math.SQRT2, 12);
    expect(hotspots[0].raters).toBe(2);
  });

  it("needs at least half of a window rated by two or more raters", () => {
    // Bins 0–2 and 1–3 hold one rated bin of 3: too thin, however high bin 0 is. Bins 2–4 and 3–5
    // hold two (spread 1); they overlap, so the earlier one stays.
    const bins = [bin(0, 4), bin(1, null, 1), bin(2, null, 0), bin(3, 1), bin(4, 1), bin(5, null, 1)];
    const hotspots = findHotspots("binding", bins, 5, 15, 3, null);
    expect(hotspots.map((h) => [h.start, h.end, h.spread, h.turnIndex])).toEqual([[10, 25, 1, null]]);
  });

  it("finds none where everybody agrees", () => {
    expect(findHotspots("binding", [bin(0, 0), bin(1, 0), bin(2, 0)], 5, 15, 3, null)).toEqual([]);
  });

  it("come out of computeResults per element and for the whole session", () => {
    const people = [person("a", "arbeidsdeskundige"), person("b", "arbeidsdeskundige"), person("c", "ervaringsdeskundige")];
    // Agreement everywhere, except 20–25 s where c says 9 and the others 3.
    const data = [
      ...steady("a", "binding", 0, 39, 3),
      ...steady("b", "binding", 0, 39, 3),
      ...steady("c", "binding", 0, 19, 3),
      ...steady("c", "binding", 20, 24, 9),
      ...steady("c", "binding", 25, 39, 3),
    ];
    const r = computeResults(
      input({ participants: people, duration: 40, samples: data, turns: [{ t: 0 }, { t: 18 }, { t: 30 }], options: { hotspotSeconds: 5 } }),
    );
    const hotspot = element(r, "binding").timeline.hotspots[0];
    // Bin 20–25: values 3, 3, 9: SD sqrt(12) = 3.46, range 6.
    expect(hotspot).toMatchObject({ elementId: "binding", start: 20, end: 25, meanRange: 6, raters: 3, turnIndex: 1 });
    expect(hotspot.spread).toBeCloseTo(Math.sqrt(12), 12);
    expect(r.hotspots[0]).toEqual(hotspot);
  });
});

describe("moment ticks", () => {
  it("cluster the marks made during the same turn", () => {
    const marks = [
      { participantId: "a", t: 11, behaviourId: "empathie" },
      { participantId: "b", t: 13, behaviourId: "empathie" },
      { participantId: "c", t: 19 },
      { participantId: "a", t: 25 },
    ];
    const clusters = clusterMoments(marks, [0, 10, 20]);
    expect(clusters).toHaveLength(2);
    expect(clusters[0]).toMatchObject({ turnIndex: 1, from: 11, to: 19, t: 43 / 3, raters: 3, count: 3, behaviours: [{ id: "empathie", raters: 2 }] });
    expect(clusters[1]).toMatchObject({ turnIndex: 2, raters: 1, count: 1, behaviours: [] });
  });

  it("cluster by time when there are no turns", () => {
    const marks = [11, 13, 19, 25].map((t, i) => ({ participantId: `p${i}`, t }));
    expect(clusterMoments(marks, null).map((c) => [c.from, c.to, c.raters])).toEqual([
      [11, 13, 2],
      [19, 19, 1],
      [25, 25, 1],
    ]);
  });

  it("count a rater once in a cluster, and shift with the lag", () => {
    const people = [person("a", "arbeidsdeskundige"), person("b", "ervaringsdeskundige")];
    const r = computeResults(
      input({
        participants: people,
        duration: 30,
        turns: [{ t: 0 }, { t: 10 }, { t: 20 }],
        moments: [moment("a", 11, "binding"), moment("a", 12, "binding"), moment("b", 21, "binding")],
        options: { lagSeconds: 2 },
      }),
    );
    // Shifted: 9, 10 → turns 0 and 1; 19 → turn 1.
    expect(element(r, "binding").timeline.moments.map((c) => [c.turnIndex, c.raters, c.count])).toEqual([
      [0, 1, 1],
      [1, 2, 2],
    ]);
  });

  it("find the turn being spoken", () => {
    expect(turnAt([0, 10, 20], 9.9)).toBe(0);
    expect(turnAt([0, 10, 20], 10)).toBe(1);
    expect(turnAt([0, 10, 20], 99)).toBe(2);
    expect(turnAt([5, 10], 1)).toBe(0);
    expect(turnAt([], 1)).toBeNull();
  });
});

describe("behaviours", () => {
  it("counts who ticked or marked each behaviour, and lists what nobody saw", () => {
    const people = [person("a", "arbeidsdeskundige"), person("b", "arbeidsdeskundige"), person("c", "ervaringsdeskundige"), person("x", "arbeidsdeskundige", { removed: true })];
    const r = computeResults(
      input({
        participants: people,
        finals: [final("a", [5, 5, 5, 5], ["empathie"]), final("b", [5, 5, 5, 5], ["empathie", "oprechte-interesse"]), final("x", [5, 5, 5, 5], ["gesprek-evalueren"])],
        moments: [moment("c", 10, "binding", "empathie"), moment("a", 12, "binding", "empathie"), moment("x", 12, "binding", "gesprek-evalueren")],
      }),
    );
    expect(element(r, "binding").behaviours).toEqual({
      seen: [
        { id: "empathie", raters: 3, inFinal: 2, inMoments: 2 },
        { id: "oprechte-interesse", raters: 1, inFinal: 1, inMoments: 0 },
      ],
      unseen: ["gesprek-evalueren"],
    });
    expect(element(r, "stroefheid").behaviours).toEqual({ seen: [], unseen: ["druk-voor-herstel"] });
  });
});

describe("the reference", () => {
  const people = [person("a", "arbeidsdeskundige"), person("b", "arbeidsdeskundige"), person("c", "ervaringsdeskundige")];
  const reference: ResultsInput["reference"] = {
    scores: { vertrouwen: 6, "richting-kader": 4, binding: 7, stroefheid: 3 },
    moments: [
      { turnIndex: 1, t: 10, id: "empathie", effect: "versterkt" },
      { turnIndex: 1, t: 10, id: "oprechte-interesse", effect: "versterkt" },
      { turnIndex: 2, t: 20, id: "doel-vervolg-rol", effect: "versterkt" },
      { turnIndex: 3, t: 30, id: "druk-voor-herstel", effect: "belast" },
    ],
  };
  const marks = [
    moment("a", 12, "binding", "empathie"),
    moment("b", 14, "binding"),
    moment("c", 26, "richting-kader", "wet-en-proces"),
  ];
  const finals = [final("a", [5, 5, 8, 2]), final("b", [7, 5, 6, 4], ["druk-voor-herstel"]), final("c", [9, 5, 7, 3])];

  it("puts the group beside the reference per element", () => {
    const r = computeResults(input({ participants: people, finals, reference }));
    // One ervaringsdeskundige: the small-group rule (decision 013) keeps their mean out.
    expect(element(r, "vertrouwen").reference).toEqual({ score: 6, groupMean: 7, difference: 1, clientView: null, edMean: null });
    expect(element(r, "richting-kader").reference).toEqual({ score: 4, groupMean: 5, difference: 1, clientView: null, edMean: null });
    expect(element(r, "stroefheid").reference).toEqual({ score: 3, groupMean: 3, difference: 0, clientView: null, edMean: null });
    expect(r.clientViewLine).toBeNull();
    expect(computeResults(input({ participants: people, finals })).reference).toBeNull();
  });

  describe("beside the written client view", () => {
    const clientView = { vertrouwen: 4, "richting-kader": 3, binding: 6, stroefheid: 6 };
    const withClient = { ...reference!, clientView };

    it("carries both references per element, and the ED mean beside the client view when both groups are shown", () => {
      const four = [...people, person("d", "ervaringsdeskundige")];
      const r = computeResults(input({ participants: four, finals: [...finals, final("d", [7, 3, 5, 7])], reference: withClient }));
      expect(r.rolesShown).toBe(true);
      expect(element(r, "vertrouwen").reference).toMatchObject({ score: 6, clientView: 4, edMean: 8 });
      expect(element(r, "richting-kader").reference).toMatchObject({ score: 4, clientView: 3, edMean: 4 });
      expect(element(r, "stroefheid").reference).toMatchObject({ score: 3, clientView: 6, edMean: 5 });
      expect(r.clientViewLine).toMatch(/^2 ervaringsdeskundigen beoordeelden mee: zij zijn de echte cliëntblik in deze ruimte/);
      expect(r.clientViewLine).toContain("schatting van de makers");
      expect(r.clientViewLine).toContain("naast de geschreven cliëntblik");
    });

    it("keeps a single ervaringsdeskundige's mean out, and says so", () => {
      const r = computeResults(input({ participants: people, finals, reference: withClient }));
      expect(element(r, "binding").reference).toMatchObject({ score: 7, clientView: 6, edMean: null });
      expect(r.clientViewLine).toMatch(/^Eén ervaringsdeskundige beoordeelde mee/);
      expect(r.clientViewLine).toContain("niet apart");
    });

    it("calls the client view the makers' estimate when no ervaringsdeskundige rated", () => {
      const ads = people.slice(0, 2);
      const r = computeResults(input({ participants: ads, finals: finals.slice(0, 2), reference: withClient }));
      expect(element(r, "binding").reference).toMatchObject({ clientView: 6, edMean: null });
      expect(r.clientViewLine).toMatch(/^Er beoordeelden geen ervaringsdeskundigen mee\. De cliëntblik is een schatting van de makers/);
    });
  });

  it("matches marks to reference moments by behaviour, else by element, within the turn's window", () => {
    const r = computeResults(input({ participants: people, finals, moments: marks, reference, turns: [{ t: 0 }, { t: 10 }, { t: 20 }, { t: 30 }] }));
    const { marked, missed } = r.reference!;
    // Turn 1 runs 10–20: window 8–25. a marked empathie → "gedrag". For oprechte-interesse a's mark is
    // already the empathie moment's; b's mark without a behaviour counts → "element".
    // Turn 2: window 18–35; c marked another richting-kader behaviour → "element".
    expect(marked.map((m) => [m.id, m.match, m.raters, m.from, m.to])).toEqual([
      ["empathie", "gedrag", 1, 8, 25],
      ["oprechte-interesse", "element", 1, 8, 25],
      ["doel-vervolg-rol", "element", 1, 18, 35],
    ]);
    // The last turn has no next turn: window 28–50. Nobody marked it; one rater ticked it at the end.
    expect(missed).toEqual([
      { turnIndex: 3, t: 30, id: "druk-voor-herstel", elementId: "stroefheid", effect: "belast", from: 28, to: 50, match: null, raters: 0, inFinal: 1 },
    ]);
  });

  it("travels as JSON (no NaN, no Infinity, no Map)", () => {
    const r = computeResults(
      input({ participants: people, finals, moments: marks, reference, duration: 40, turns: [{ t: 0 }, { t: 10 }, { t: 20 }, { t: 30 }], samples: [...steady("a", "binding", 0, 30, 4), ...steady("b", "binding", 5, 39, 7)] }),
    );
    const flagged = JSON.stringify(r, (_, v) => (typeof v === "number" && !Number.isFinite(v)) || v instanceof Map ? "NIET-JSON" : v);
    expect(flagged).not.toContain("NIET-JSON");
  });

  it("uses a 20-second window without turns, and the lag shift", () => {
    // Without turns a reference moment's window is 2 s before to 20 s after it: 8–30 for turn 1.
    const late = [moment("a", 31, "binding", "empathie")];
    const plain = computeResults(input({ participants: people, finals, moments: late, reference }));
    expect(plain.reference!.marked.map((m) => m.id)).toEqual([]);
    // With a 2-s lag correction a's mark moves to 29 and falls in the window. It names empathie, so it
    // does not also count for oprechte-interesse in the same turn.
    const lagged = computeResults(input({ participants: people, finals, moments: late, reference, options: { lagSeconds: 2 } }));
    expect(lagged.reference!.marked.map((m) => [m.id, m.match, m.from, m.to])).toEqual([["empathie", "gedrag", 8, 30]]);
    expect(lagged.reference!.missed.map((m) => m.id)).toEqual(["oprechte-interesse", "doel-vervolg-rol", "druk-voor-herstel"]);
  });
});

describe("scale", () => {
  // Speed is measured by `npm run bench`; this checks the shape at full size.
  it("bins an hour of 30 raters at 10 Hz into 720 bins per element", () => {
    const people = Array.from({ length: 30 }, (_, i) => person(`p${i}`, i % 5 === 0 ? "ervaringsdeskundige" : "arbeidsdeskundige"));
    const data: LiveSample[] = [];
    let seq = 0;
    for (const p of people) {
      for (let i = 0; i < 36_000; i++) {
        data.push({ participantId: p.id, element: "binding", t: i / 10, value: 5 + Math.round(4 * Math.sin(i / 300 + seq % 7)), seq: ++seq });
      }
    }
    const r = computeResults(input({ participants: people, duration: 3600, samples: data }));
    expect(element(r, "binding").timeline.bins).toHaveLength(720);
    expect(element(r, "binding").agreement.raters).toBe(30);
  });
});
