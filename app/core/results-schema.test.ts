// The one results schema takes whatever computeResults produces, as it comes back from disk or the
// wire (JSON), unchanged; and it refuses what is not the results, saying where.
import { describe, expect, it } from "vitest";
import { FINALS, GROUP, SETTINGS, session } from "../components/results/test-session";
import type { RevealResults } from "./results";
import { rankedTipsSchema, revealResultsSchema } from "./results-schema";
import { loadTipRules } from "../tip-rules.server";
import { tipsForSession } from "./tip-rules";
import { describeZodError } from "./zod-errors";

const throughJson = (results: RevealResults): unknown => JSON.parse(JSON.stringify(results));

const variants: [string, RevealResults][] = [
  ["five raters, roles apart, a reference and turns", session()],
  ["roles merged (one ervaringsdeskundige)", session({ participants: GROUP.slice(0, 4), finals: FINALS.slice(0, 4) })],
  ["one role only, no roles apart", session({ settings: { ...SETTINGS, separateRoles: false } })],
  ["two raters, no reference, no turns", session({ participants: [GROUP[0], GROUP[3]], finals: [FINALS[0], FINALS[3]], reference: undefined, turns: undefined })],
  ["nobody rated", session({ finals: [], samples: [], moments: [] })],
  ["a reaction-time correction", session({ options: { lagSeconds: 3 } })],
];

describe("revealResultsSchema", () => {
  it.each(variants)("accepts what computeResults produces after JSON, unchanged: %s", (_, results) => {
    const parsed = revealResultsSchema.safeParse(throughJson(results));
    expect(parsed.success ? null : describeZodError(parsed.error)).toBeNull();
    expect(parsed.data).toEqual(throughJson(results));
  });

  it("refuses a wrong field, naming where it is", () => {
    const broken = throughJson(session()) as { elements: { agreement: { alpha: unknown } }[] };
    broken.elements[2].agreement.alpha = "hoog";
    const parsed = revealResultsSchema.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(describeZodError(parsed.error!)).toMatch(/^elements\.2\.agreement\.alpha: /);
  });

  it("refuses results without every element exactly once", () => {
    const broken = throughJson(session()) as { elements: { elementId: string }[] };
    broken.elements[3] = { ...broken.elements[3], elementId: "vertrouwen" };
    const parsed = revealResultsSchema.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(describeZodError(parsed.error!)).toBe("elements: moet elk van de 4 elementen precies één keer bevatten");
    expect(revealResultsSchema.safeParse({ ...(throughJson(session()) as object), elements: [] }).success).toBe(false);
  });

  it("refuses what is not results at all", () => {
    for (const value of [null, "resultaten", [], { raterCount: 2 }]) expect(revealResultsSchema.safeParse(value).success).toBe(false);
  });

  it("takes results from before the optional fields existed", () => {
    const older = throughJson(session()) as Record<string, unknown> & { elements: { reference: Record<string, unknown> | null; timeline: Record<string, unknown> }[] };
    delete older.applicableBehaviours;
    delete older.clientViewLine;
    delete older.focus;
    for (const e of older.elements) {
      delete e.timeline.series;
      if (e.reference) delete e.reference.clientView;
    }
    expect(revealResultsSchema.safeParse(older).success).toBe(true);
  });
});

describe("rankedTipsSchema", () => {
  const rules = loadTipRules(new URL("../../content", import.meta.url).pathname);

  it.each(variants)("accepts the tips ranked for these results after JSON, unchanged: %s", (_, results) => {
    const tips = JSON.parse(JSON.stringify(tipsForSession(rules, results)));
    const parsed = rankedTipsSchema.safeParse(tips);
    expect(parsed.success ? null : describeZodError(parsed.error)).toBeNull();
    expect(parsed.data).toEqual(tips);
  });

  it("refuses an unknown tip or a rule without its fields, naming where", () => {
    const tips = JSON.parse(JSON.stringify(tipsForSession(rules, session()))) as { tipId: string; rules: Record<string, unknown>[] }[];
    const withRule = tips.findIndex((t) => t.rules.length > 0);
    expect(withRule).toBeGreaterThanOrEqual(0);
    const unknownTip = structuredClone(tips);
    unknownTip[0].tipId = "onbekend";
    expect(describeZodError(rankedTipsSchema.safeParse(unknownTip).error!)).toMatch(/^0\.tipId: /);
    const noPrompt = structuredClone(tips);
    delete noPrompt[withRule].rules[0].prompt;
    expect(describeZodError(rankedTipsSchema.safeParse(noPrompt).error!)).toMatch(new RegExp(`^${withRule}\\.rules\\.0\\.prompt: `));
    for (const value of [null, "tips", {}, [{ tipId: "eerst-binding" }]]) expect(rankedTipsSchema.safeParse(value).success).toBe(false);
  });
});
