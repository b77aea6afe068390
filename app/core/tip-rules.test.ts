import { describe, expect, it } from "vitest";
import { loadContent } from "../content.server";
import { loadTipRules } from "../tip-rules.server";
import { type ElementId, TIP_IDS } from "./domain";
import type { FinalRating, LiveSample, ParticipantRecord, ParticipantRole } from "./protocol";
import { computeResults, type ResultsInput } from "./results";
import { evaluateTipRules, type FiredRule, findSpikes, parseTipRules, rankTips, type TipRule } from "./tip-rules";

const CONTENT = new URL("../../content", import.meta.url).pathname;
const content = loadContent(CONTENT);
const RULES = loadTipRules(CONTENT);
const LABELS = Object.fromEntries([...content.behaviourIndex].map(([id, b]) => [id, b.label]));
const BEHAVIOURS = [...content.behaviourIndex].map(([id, b]) => ({ id, elementId: b.elementId as ElementId }));
const ALL_BEHAVIOUR_IDS = BEHAVIOURS.map((b) => b.id);

function rule(id: string): TipRule {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(`geen regel ${id}`);
  return found;
}

function person(id: string, role: ParticipantRole, focus: ElementId | null = null): ParticipantRecord {
  return { id, name: id, role, pseudonym: `Beoordelaar ${id}`, focus, joinedAt: 0, removed: false };
}

/** Raters as [role, scores v/rk/b/s, observed, focus]. */
function session(
  raters: [ParticipantRole, number[], string[]?, (ElementId | null)?][],
  extra: Partial<ResultsInput> = {},
): ReturnType<typeof computeResults> {
  const participants = raters.map(([role, , , focus], i) => person(`p${i}`, role, focus ?? null));
  const finals: FinalRating[] = raters.map(([, [v, rk, b, s], observed], i) => ({
    participantId: `p${i}`,
    scores: { vertrouwen: v, "richting-kader": rk, binding: b, stroefheid: s },
    observed: observed ?? [],
    submittedAt: 1,
  }));
  return computeResults({
    participants,
    finals,
    samples: [],
    moments: [],
    duration: null,
    settings: { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: false },
    behaviours: BEHAVIOURS,
    ...extra,
  });
}

const AD = "arbeidsdeskundige" as const;
const ED = "ervaringsdeskundige" as const;
/** Everybody saw everything: no "unobserved" rule can fire. */
const SAW_ALL = ALL_BEHAVIOUR_IDS;

function fire(ruleId: string, results: ReturnType<typeof computeResults>): FiredRule[] {
  return evaluateTipRules([rule(ruleId)], results, { behaviourLabels: LABELS });
}

describe("the shipped content/tip-rules.yaml", () => {
  it("validates and cross-checks against the behaviours in content", () => {
    expect(RULES.length).toBeGreaterThanOrEqual(5);
    expect(new Set(RULES.map((r) => r.kind))).toEqual(new Set(["scores", "role-gap", "unobserved", "spike", "role-absent"]));
  });

  it("can put every one of the six tips first", () => {
    const reachable = new Set(RULES.flatMap((r) => r.tips));
    expect([...reachable].sort()).toEqual([...TIP_IDS].sort());
  });
});

describe("stroef-zonder-binding: high stroefheid with low binding → eerst-binding", () => {
  it("fires at stroefheid 7 and binding 4, and says so in numbers", () => {
    const fired = fire("stroef-zonder-binding", session([[AD, [5, 5, 4, 7], SAW_ALL], [AD, [5, 5, 4, 7]], [ED, [5, 5, 4, 7]]]));
    expect(fired).toHaveLength(1);
    expect(fired[0].tips).toEqual(["eerst-binding"]);
    expect(fired[0].why).toContain("stroefheid gemiddeld 7,0 (vanaf 6 noemen we dat hoog)");
    expect(fired[0].why).toContain("binding gemiddeld 4,0 (tot en met 5 noemen we dat laag)");
    expect(fired[0].numbers).toEqual({ "stroefheid.mean": 7, "binding.mean": 4 });
  });

  it("fires at the thresholds themselves (stroefheid 6, binding 5)", () => {
    expect(fire("stroef-zonder-binding", session([[AD, [5, 5, 5, 6]], [AD, [5, 5, 5, 6]]]))).toHaveLength(1);
  });

  it("does not fire when binding holds (6) or stroefheid is low (5.7)", () => {
    expect(fire("stroef-zonder-binding", session([[AD, [5, 5, 6, 8]], [AD, [5, 5, 6, 8]]]))).toEqual([]);
    expect(fire("stroef-zonder-binding", session([[AD, [5, 5, 3, 6]], [AD, [5, 5, 3, 6]], [AD, [5, 5, 3, 5]]]))).toEqual([]);
  });

  it("does not fire without final scores", () => {
    expect(fire("stroef-zonder-binding", session([]))).toEqual([]);
  });
});

describe("weinig-richting-kader: low richting & kader → explaining role, rights, duties and report", () => {
  it("fires at 5 and names the behaviours nobody saw", () => {
    const fired = fire("weinig-richting-kader", session([[AD, [7, 5, 7, 2], ["doel-vervolg-rol"]], [ED, [7, 5, 7, 2], ["wet-en-proces"]]]));
    expect(fired).toHaveLength(1);
    expect(fired[0].tips).toEqual(["vanaf-eerste-contact", "niet-invullen"]);
    expect(fired[0].why).toContain("Richting & Kader kreeg gemiddeld 5,0");
    expect(fired[0].why).toContain(LABELS["heldere-rapportage"]);
    expect(fired[0].why).not.toContain(LABELS["doel-vervolg-rol"]);
    expect(fired[0].behaviours).toEqual(["verwachtingen-expliciet", "informatie-gebruik", "heldere-rapportage", "iemand-meenemen"]);
  });

  it("does not fire at 6", () => {
    expect(fire("weinig-richting-kader", session([[AD, [7, 6, 7, 2]], [ED, [7, 6, 7, 2]]]))).toEqual([]);
  });
});

describe("laag-vertrouwen → name the resistance, explain independence from the first contact", () => {
  it("fires at 4 and not at 6, pointing to niet-invullen and vanaf-eerste-contact, not to the gedragscode", () => {
    const fired = fire("laag-vertrouwen", session([[AD, [4, 7, 7, 2]], [AD, [4, 7, 7, 2]]]));
    expect(fired[0].why).toContain("Vertrouwen kreeg gemiddeld 4,0");
    expect(fired[0].tips).toEqual(["niet-invullen", "vanaf-eerste-contact"]);
    expect(fired[0].prompt).toContain("onafhankelijk");
    expect(fire("laag-vertrouwen", session([[AD, [6, 7, 7, 2]], [AD, [6, 7, 7, 2]]]))).toEqual([]);
  });
});

describe("goed-gesprek → kernwaarden: the gedragscode as what worked, not as a reproach", () => {
  it("fires only when the alliance held on every element", () => {
    expect(fire("goed-gesprek", session([[AD, [8, 7, 8, 2]], [ED, [7, 8, 7, 3]]])).map((f) => f.tips)).toEqual([["kernwaarden"]]);
    expect(fire("goed-gesprek", session([[AD, [8, 7, 8, 5]], [ED, [7, 8, 7, 4]]]))).toEqual([]);
    expect(fire("goed-gesprek", session([[AD, [8, 5, 8, 2]], [ED, [7, 6, 7, 2]]]))).toEqual([]);
  });
});

describe("no two contradicting tips fire together", () => {
  // "Explain the frame more" (weinig-richting-kader) against "binding before the frame" (stroef-zonder-binding,
  // kader-na-binding): at every combination of scores, at most one of the two directions fires.
  it("never fires weinig-richting-kader beside a binding-first rule, over every score from 0 to 10", () => {
    const frameFirst = new Set(["weinig-richting-kader"]);
    const bindingFirst = new Set(["stroef-zonder-binding", "kader-na-binding"]);
    let frameCount = 0;
    let bindingCount = 0;
    for (let rk = 0; rk <= 10; rk++) {
      for (let b = 0; b <= 10; b += 2) {
        for (let st = 0; st <= 10; st++) {
          const ids = evaluateTipRules(RULES, session([[AD, [5, rk, b, st], SAW_ALL], [AD, [5, rk, b, st]]]), { behaviourLabels: LABELS }).map((f) => f.ruleId);
          const frame = ids.some((id) => frameFirst.has(id));
          const binding = ids.some((id) => bindingFirst.has(id));
          expect(frame && binding, `rk ${rk}, binding ${b}, stroefheid ${st}: ${ids.join(", ")}`).toBe(false);
          if (frame) frameCount++;
          if (binding) bindingCount++;
        }
      }
    }
    // Both directions do fire somewhere, so the check above is not empty.
    expect(frameCount).toBeGreaterThan(0);
    expect(bindingCount).toBeGreaterThan(0);
  });

  it("turns low richting & kader in a stiff gesprek into kader-na-binding (binding first, then the frame)", () => {
    const ids = evaluateTipRules(RULES, session([[AD, [5, 4, 6, 7]], [AD, [5, 4, 6, 7]]])).map((f) => f.ruleId);
    expect(ids).toContain("kader-na-binding");
    expect(ids).not.toContain("weinig-richting-kader");
    expect(fire("kader-na-binding", session([[AD, [5, 4, 6, 7]], [AD, [5, 4, 6, 7]]]))[0].tips[0]).toBe("eerst-binding");
  });
});

describe("verschil-rollen: a large AD–ervaringsdeskundige gap → niet-invullen + evalueer-gesprek", () => {
  it("fires once per element with a gap of 2 or more, largest first", () => {
    // Binding: ADs 4, ervaringsdeskundigen 7 (gap 3). Stroefheid: ADs 5, eds 3 (gap -2). Vertrouwen: gap 1.
    const fired = fire("verschil-rollen", session([[AD, [6, 6, 4, 5]], [AD, [6, 6, 4, 5]], [ED, [7, 6, 7, 3]], [ED, [7, 6, 7, 3]]]));
    expect(fired.map((f) => f.elements)).toEqual([["binding"], ["stroefheid"]]);
    expect(fired[0].tips).toEqual(["niet-invullen", "evalueer-gesprek"]);
    expect(fired[0].why).toBe(
      "Bij Binding scoren de ervaringsdeskundigen gemiddeld 3,0 punt hoger dan de arbeidsdeskundigen (4,0 bij de arbeidsdeskundigen, 7,0 bij de ervaringsdeskundigen).",
    );
    expect(fired[1].why).toContain("scoren de arbeidsdeskundigen gemiddeld 2,0 punt hoger dan de ervaringsdeskundigen");
    expect(fired[0].numbers).toEqual({ gap: 3, adMean: 4, edMean: 7 });
  });

  it("does not fire below 2 points", () => {
    expect(fire("verschil-rollen", session([[AD, [6, 6, 5, 5]], [AD, [6, 6, 5, 5]], [ED, [7, 6, 6, 4]], [ED, [7, 6, 7, 4]]]))).toEqual([]);
  });

  it("does not fire on a single ervaringsdeskundige whose mean stays private", () => {
    expect(fire("verschil-rollen", session([[AD, [6, 6, 4, 5]], [AD, [6, 6, 4, 5]], [ED, [7, 6, 9, 3]]]))).toEqual([]);
  });
});

describe("unobserved behaviours → what could the AD have done there", () => {
  /** Every behaviour can occur, as if a casus said so. */
  const ALL = { applicableBehaviours: ALL_BEHAVIOUR_IDS };

  it("niet-gezien-eerste-contact fires when two or more of its behaviours went unticked, worded as such", () => {
    const fired = fire("niet-gezien-eerste-contact", session([[AD, [5, 5, 5, 5], ["doel-vervolg-rol"]], [AD, [5, 5, 5, 5]]], ALL));
    expect(fired).toHaveLength(1);
    expect(fired[0].behaviours).toEqual(["iemand-meenemen", "informatie-gebruik", "heldere-rapportage"]);
    expect(fired[0].why).toContain("3 van de 4 gedragingen");
    expect(fired[0].why).toContain("2 beoordelaars letten op Richting & Kader");
    expect(fired[0].prompt).toContain(`Niemand vinkte aan: ${LABELS["iemand-meenemen"]}; ${LABELS["informatie-gebruik"]}`);
    for (const r of RULES.filter((x) => x.kind === "unobserved")) expect(r.prompt + r.why).not.toMatch(/niemand zag/i);
  });

  it("niet-gezien-eerste-contact does not fire when only one went unticked, or with one rater", () => {
    const mostly = ["doel-vervolg-rol", "iemand-meenemen", "informatie-gebruik"];
    expect(fire("niet-gezien-eerste-contact", session([[AD, [5, 5, 5, 5], mostly], [AD, [5, 5, 5, 5]]], ALL))).toEqual([]);
    expect(fire("niet-gezien-eerste-contact", session([[AD, [5, 5, 5, 5]]], ALL))).toEqual([]);
  });

  it("counts a behaviour marked as a moment as seen", () => {
    const results = session([[AD, [5, 5, 5, 5], ["doel-vervolg-rol", "iemand-meenemen"]], [AD, [5, 5, 5, 5]]], {
      ...ALL,
      moments: [{ participantId: "p1", seq: 1, t: 4, element: "richting-kader", behaviourId: "informatie-gebruik" }],
    });
    expect(fire("niet-gezien-eerste-contact", results)).toEqual([]);
  });

  it("counts only behaviours that can occur in the casus: no 'iemand meenemen' while the daughter sits at the table", () => {
    const casus = content.cases.find((c) => c.slug === "herbeoordeling-met-dochter")!;
    expect(casus.applicableBehaviours).not.toContain("iemand-meenemen");
    const results = session([[AD, [5, 5, 5, 5], ["doel-vervolg-rol", "informatie-gebruik"]], [AD, [5, 5, 5, 5]]], {
      applicableBehaviours: casus.applicableBehaviours,
    });
    // Only heldere-rapportage is left unticked: one is below the threshold of two.
    expect(fire("niet-gezien-eerste-contact", results)).toEqual([]);
    const none = session([[AD, [5, 5, 5, 5]], [AD, [5, 5, 5, 5]]], { applicableBehaviours: casus.applicableBehaviours });
    const fired = fire("niet-gezien-eerste-contact", none);
    expect(fired[0].behaviours).not.toContain("iemand-meenemen");
    expect(fired[0].why).toContain("3 van de 3 gedragingen");
  });

  it("does not fire without a casus (an own recording): nobody said what could occur", () => {
    for (const r of RULES.filter((x) => x.kind === "unobserved")) {
      expect(evaluateTipRules([r], session([[AD, [5, 5, 5, 8]], [ED, [5, 5, 5, 8]]]))).toEqual([]);
    }
  });

  it("counts only elements that enough raters watched: focus elsewhere is not 'nobody ticked it'", () => {
    // Four raters, one per element: only one watched Richting & Kader, below the two the rule needs.
    const spread: [ParticipantRole, number[], string[], ElementId][] = [
      [AD, [5, 5, 5, 5], [], "vertrouwen"],
      [AD, [5, 5, 5, 5], [], "richting-kader"],
      [ED, [5, 5, 5, 5], [], "binding"],
      [ED, [5, 5, 5, 5], [], "stroefheid"],
    ];
    expect(fire("niet-gezien-eerste-contact", session(spread, ALL))).toEqual([]);
    // A second rater on Richting & Kader (or one without focus, who watches everything) makes it count.
    expect(fire("niet-gezien-eerste-contact", session([...spread, [AD, [5, 5, 5, 5], [], "richting-kader"]], ALL))).toHaveLength(1);
    const open = session([...spread.slice(0, 3), [AD, [5, 5, 5, 5], [], null as unknown as ElementId]], ALL);
    expect(fire("niet-gezien-eerste-contact", open)[0].why).toContain("2 beoordelaars letten op Richting & Kader");
  });

  it("niet-gezien-binding needs resistance before it points to the resistance tip", () => {
    expect(fire("niet-gezien-binding", session([[AD, [5, 5, 5, 2]], [ED, [5, 5, 5, 3]]], ALL))).toEqual([]);
    const fired = fire("niet-gezien-binding", session([[AD, [5, 5, 5, 6]], [ED, [5, 5, 5, 6]]], ALL));
    expect(fired).toHaveLength(1);
    expect(fired[0].why).toContain("stroefheid gemiddeld 6,0");
  });

  for (const id of ["niet-gezien-doorvragen", "niet-gezien-binding", "niet-gezien-evaluatie"]) {
    it(`${id} fires when nobody ticked its behaviours, and not when everybody saw everything`, () => {
      const fired = fire(id, session([[AD, [5, 5, 5, 7]], [ED, [5, 5, 5, 7]]], ALL));
      expect(fired).toHaveLength(1);
      const r = rule(id);
      expect(fired[0].behaviours).toEqual(r.kind === "unobserved" ? r.behaviours : []);
      expect(fire(id, session([[AD, [5, 5, 5, 7], SAW_ALL], [ED, [5, 5, 5, 7]]], ALL))).toEqual([]);
    });
  }

  it("every casus says which behaviours can occur in it, and they are behaviours, not friction signals", () => {
    for (const c of content.cases) {
      expect(c.applicableBehaviours.length, c.slug).toBeGreaterThan(0);
      for (const id of c.applicableBehaviours) expect(content.behaviourIndex.get(id)?.elementId, `${c.slug}: ${id}`).not.toBe("stroefheid");
    }
  });
});

describe("stroefheid-piek: a friction spike after a turn → look at that turn together", () => {
  const people: [ParticipantRole, number[], string[]][] = [
    [AD, [5, 5, 5, 5], SAW_ALL],
    [AD, [5, 5, 5, 5], []],
    [ED, [5, 5, 5, 5], []],
  ];
  /** Every rater at `low` on stroefheid until `at`, then `high` until 60 s. */
  function climb(low: number, high: number, at: number): LiveSample[] {
    const out: LiveSample[] = [];
    let seq = 0;
    for (const id of ["p0", "p1", "p2"]) {
      for (let t = 0; t < 60; t++) out.push({ participantId: id, element: "stroefheid", t, value: t < at ? low : high, seq: ++seq });
    }
    return out;
  }
  const turns = [{ t: 0 }, { t: 12 }, { t: 28 }, { t: 41 }];

  it("fires once at the rise, naming the turn and the numbers", () => {
    const fired = fire("stroefheid-piek", session(people, { samples: climb(2, 6, 30), duration: 60, turns }));
    expect(fired).toHaveLength(1);
    expect(fired[0].moments).toEqual([{ t: 30, turnIndex: 2 }]);
    expect(fired[0].why).toBe(
      "De live score voor stroefheid steeg na beurt 3 (0:30): wie al scoorde ging van gemiddeld 2,0 in de 15 seconden ervoor naar 6,0 (+4,0).",
    );
    expect(fired[0].prompt).toContain("Kijk samen terug naar na beurt 3 (0:30)");
  });

  it("says the time when there are no turns (a recording)", () => {
    const fired = fire("stroefheid-piek", session(people, { samples: climb(2, 6, 30), duration: 60 }));
    expect(fired[0].moments).toEqual([{ t: 30, turnIndex: null }]);
    expect(fired[0].why).toContain("steeg rond 0:30: wie al scoorde ging van");
  });

  it("does not fire on a small rise (1 point) or a drop", () => {
    expect(fire("stroefheid-piek", session(people, { samples: climb(2, 3, 30), duration: 60, turns }))).toEqual([]);
    expect(fire("stroefheid-piek", session(people, { samples: climb(8, 2, 30), duration: 60, turns }))).toEqual([]);
  });

  it("does not fire on one rater's spike", () => {
    const one = climb(2, 6, 30).filter((s) => s.participantId === "p0");
    expect(fire("stroefheid-piek", session(people, { samples: one, duration: 60, turns }))).toEqual([]);
  });

  it("compares within each rater: late joiners with a high score are no rise", () => {
    // p0 and p1 rate 2 throughout; p2 joins at 30 s with 9. The group mean jumps from 2 to 4,3,
    // but nobody's own score rose.
    const samples: LiveSample[] = [];
    let seq = 0;
    for (const id of ["p0", "p1"]) for (let t = 0; t < 60; t++) samples.push({ participantId: id, element: "stroefheid", t, value: 2, seq: ++seq });
    for (let t = 30; t < 60; t++) samples.push({ participantId: "p2", element: "stroefheid", t, value: 9, seq: ++seq });
    const results = session(people, { samples, duration: 60, turns });
    const bin = results.elements.find((e) => e.elementId === "stroefheid")!.timeline.bins.find((b) => b.start === 30)!;
    expect(bin.mean).toBeGreaterThan(4);
    expect(fire("stroefheid-piek", results)).toEqual([]);
  });

  it("findSpikes: the largest rises within raters, in time order, one per climb (worked by hand)", () => {
    const a = [2, 2, 2, 5, 5, 5, 5, 1, 1, 1, 4, 9];
    const b = [2, 2, 2, 5, 5, 5, 5, 1, 1, 1, 4, 9];
    const late = [null, null, null, 9, 9, 9, 9, 9, 9, 9, 9, 9];
    const e = {
      timeline: {
        raters: 3,
        bins: a.map((_, k) => ({ start: k * 5, end: k * 5 + 5, n: 3, mean: null, sd: null, min: null, max: null })),
        moments: [],
        hotspots: [],
        series: [a, b, late],
      },
    };
    // Baseline = each rater's own 3 bins before. Bin 3: a and b 5 vs 2 → +3 (late has no baseline; skip 4–6).
    // Bin 10: 4 vs 1 → +3, late 9 vs 9 → 0: mean +2 (skip to 14).
    const spikes = findSpikes(e, 5, { minRise: 2, baselineSeconds: 15, minRaters: 2, maxFirings: 3 });
    expect(spikes.map((s) => [s.t, Math.round(s.rise * 1000) / 1000])).toEqual([
      [15, 3],
      [50, 2],
    ]);
    expect(findSpikes(e, 5, { minRise: 2, baselineSeconds: 15, minRaters: 2, maxFirings: 1 }).map((s) => s.t)).toEqual([15]);
    expect(findSpikes(e, 5, { minRise: 2, baselineSeconds: 15, minRaters: 3, maxFirings: 3 }).map((s) => s.t)).toEqual([50]);
    // Results stored before per-rater series existed give no spike rather than a wrong one.
    expect(findSpikes({ timeline: { ...e.timeline, series: undefined } }, 5, { minRise: 2, baselineSeconds: 15, minRaters: 2, maxFirings: 3 })).toEqual([]);
  });
});

describe("geen-ervaringsdeskundige → in-de-ot", () => {
  it("fires when only ADs rated", () => {
    const fired = fire("geen-ervaringsdeskundige", session([[AD, [5, 5, 5, 5]], [AD, [5, 5, 5, 5]], [AD, [5, 5, 5, 5]]]));
    expect(fired.map((f) => f.tips)).toEqual([["in-de-ot"]]);
    expect(fired[0].why).toContain("Er beoordeelden 3 arbeidsdeskundigen en geen ervaringsdeskundigen");
  });

  it("does not fire with an ervaringsdeskundige, or with a single rater", () => {
    expect(fire("geen-ervaringsdeskundige", session([[AD, [5, 5, 5, 5]], [ED, [5, 5, 5, 5]]]))).toEqual([]);
    expect(fire("geen-ervaringsdeskundige", session([[AD, [5, 5, 5, 5]]]))).toEqual([]);
  });
});

describe("the six tips, fitting ones first", () => {
  it("orders by the weight of the rules behind each tip, then in tip order", () => {
    // Stroef with little binding (eerst-binding, weight 3); only ADs (in-de-ot, weight 1); everybody saw everything.
    const results = session([[AD, [7, 7, 4, 7], SAW_ALL], [AD, [7, 7, 4, 7]], [AD, [7, 7, 4, 7]]]);
    const ranked = rankTips(evaluateTipRules(RULES, results, { behaviourLabels: LABELS }));
    expect(ranked.map((t) => [t.tipId, t.fits, t.weight])).toEqual([
      ["eerst-binding", true, 3],
      ["in-de-ot", true, 1],
      ["vanaf-eerste-contact", false, 0],
      ["evalueer-gesprek", false, 0],
      ["niet-invullen", false, 0],
      ["kernwaarden", false, 0],
    ]);
    expect(ranked[0].rules.map((r) => r.ruleId)).toEqual(["stroef-zonder-binding"]);
    expect(ranked[0].elements).toEqual(["binding", "stroefheid"]);
  });

  it("gathers the moments behind a tip", () => {
    const fired: FiredRule[] = [
      { ruleId: "x", kind: "spike", tips: ["niet-invullen"], weight: 2, prompt: "", why: "", elements: ["stroefheid"], behaviours: [], moments: [{ t: 40, turnIndex: 3 }], numbers: {} },
      { ruleId: "y", kind: "spike", tips: ["niet-invullen", "kernwaarden"], weight: 1, prompt: "", why: "", elements: [], behaviours: [], moments: [{ t: 10, turnIndex: 1 }, { t: 40, turnIndex: 3 }], numbers: {} },
    ];
    const ranked = rankTips(fired);
    expect(ranked.map((t) => t.tipId).slice(0, 2)).toEqual(["niet-invullen", "kernwaarden"]);
    expect(ranked[0]).toMatchObject({ weight: 3, moments: [{ t: 10, turnIndex: 1 }, { t: 40, turnIndex: 3 }] });
    expect(ranked).toHaveLength(6);
  });

  it("lists all six in tip order when nothing fired", () => {
    expect(rankTips([]).map((t) => t.tipId)).toEqual([...TIP_IDS]);
  });
});

describe("rule validation", () => {
  const base = { id: "r", kind: "scores", tips: ["eerst-binding"], prompt: "Vraag", why: "Waarom {binding.mean}", conditions: [{ element: "binding", atMost: 5 }] };
  const check = (rule: object) => parseTipRules("content/tip-rules.yaml", { rules: [rule] });

  it("accepts a minimal rule and fills defaults", () => {
    const parsed = check(base);
    expect(parsed.ok && parsed.rules[0]).toMatchObject({ weight: 1, stat: "mean", behaviours: [], minRaters: 1 });
  });

  it.each([
    [{ tips: ["bestaat-niet"] }, "content/tip-rules.yaml: rules.0.tips.0:"],
    [{ why: "Waarom {binding.gemiddelde}" }, "content/tip-rules.yaml: rules.0.why: onbekende variabele {binding.gemiddelde}"],
    [{ prompt: "{stroefheid.threshold}" }, "content/tip-rules.yaml: rules.0.prompt: onbekende variabele {stroefheid.threshold}"],
    [{ conditions: [{ element: "binding" }] }, "content/tip-rules.yaml: rules.0.conditions.0: geef atLeast of atMost"],
    [{ conditions: [{ element: "binding", atMost: 11 }] }, "content/tip-rules.yaml: rules.0.conditions.0.atMost:"],
    [{ conditions: [{ element: "binding", atLeast: 7, atMost: 5 }] }, "content/tip-rules.yaml: rules.0.conditions.0: atLeast is groter dan atMost"],
    [{ kind: "iets-anders" }, "content/tip-rules.yaml: rules.0.kind:"],
    [{ extra: 1 }, "content/tip-rules.yaml: rules.0:"],
    [{ prompt: " " }, "content/tip-rules.yaml: rules.0.prompt: mag niet leeg zijn"],
  ])("rejects %j naming file and field", (change, message) => {
    const parsed = check({ ...base, ...change });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it("rejects a spike rule without its threshold, and duplicate ids", () => {
    const spike = { id: "s", kind: "spike", tips: ["niet-invullen"], prompt: "p", why: "w", element: "stroefheid", baselineSeconds: 15 };
    const parsed = check(spike);
    expect(!parsed.ok && parsed.message).toContain("content/tip-rules.yaml: rules.0.minRise:");
    const dup = parseTipRules("content/tip-rules.yaml", { rules: [base, base] });
    expect(!dup.ok && dup.message).toContain("content/tip-rules.yaml: rules.1.id: id \"r\" komt twee keer voor");
  });
});
