import { describe, expect, it } from "vitest";
import { ELEMENT_IDS } from "./domain";
import { type Answer, type Release, type Scores } from "./spiegel";
import { monthSpan, sharedCountLine, spiegelSharePayload, spiegelSummarySchema, summarizeSpiegel } from "./spiegel-share";

const s = (v: number, st = 3): Scores => ({ vertrouwen: v, "richting-kader": v, binding: v, stroefheid: st });
const a = (v: number, st = 3, opmerking = ""): Answer => ({ scores: s(v, st), opmerking });

describe("summarizeSpiegel", () => {
  it("is null before the first release", () => {
    expect(summarizeSpiegel([s(8)], [])).toBeNull();
  });

  it("gives own mean over all gesprekken and the client mean over the last three releases", () => {
    const releases: Release[] = [
      { date: "2026-01-10", answers: [a(1), a(1), a(1)] }, // oldest: left out
      { date: "2026-03-02", answers: [a(4), a(5), a(6)] },
      { date: "2026-05-20", answers: [a(7), a(7), a(7)] },
      { date: "2026-06-01", answers: [a(8), a(9), a(10), a(5)] },
    ];
    const summary = summarizeSpiegel([s(8), s(9), s(7), s(6)], releases)!;
    expect(summary.answers).toBe(10);
    expect(summary.from).toBe("2026-03");
    expect(summary.to).toBe("2026-06");
    expect(summary.elements.binding.own).toBe(7.5);
    expect(summary.elements.binding.client).toBe(6.8); // (4+5+6+7+7+7+8+9+10+5)/10
    expect(summary.elements.stroefheid.client).toBe(3);
    expect(spiegelSummarySchema.safeParse(summary).success).toBe(true);
  });

  it("holds no single answer, no text and no day: only means, a count and months", () => {
    const secret = "De arbeidsdeskundige luisterde niet naar mij";
    const releases: Release[] = [{ date: "2026-11-17", answers: [a(2, 9, secret), a(6, 1), a(10, 4)] }];
    const summary = summarizeSpiegel([s(7)], releases)!;
    const text = JSON.stringify(summary);
    expect(text).not.toContain(secret);
    expect(text).not.toContain("2026-11-17");
    expect(text).not.toMatch(/"answers":\[/);
    // The summary's shape is closed: nothing beyond these keys can slip through.
    expect(Object.keys(summary).sort()).toEqual(["answers", "elements", "from", "to"]);
    for (const id of ELEMENT_IDS) expect(Object.keys(summary.elements[id]).sort()).toEqual(["client", "own"]);
    // Every individual score (2, 6, 10 and 9, 1, 4) is gone; only their means remain.
    const numbers = ELEMENT_IDS.map((id) => summary.elements[id].client);
    expect(numbers).toEqual([6, 6, 6, 4.7]);
    expect(spiegelSummarySchema.safeParse({ ...summary, answersList: [2, 6, 10] }).success).toBe(false);
    expect(spiegelSummarySchema.safeParse({ ...summary, answers: 1 }).success).toBe(false);
  });

  it("has no own mean when no gesprek is left", () => {
    const summary = summarizeSpiegel([], [{ date: "2026-02-01", answers: [a(5), a(6), a(7)] }])!;
    expect(summary.elements.vertrouwen.own).toBeNull();
  });
});

describe("the share payload", () => {
  it("takes a code as people type it", () => {
    const parsed = spiegelSharePayload.parse({ code: "km4 7tx", show: "naam" });
    expect(parsed.code).toBe("KM47TX");
  });
  it("refuses a code that cannot be one, in Dutch", () => {
    const parsed = spiegelSharePayload.safeParse({ code: "ABC", show: "naam" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].message).toContain("deelcode heeft 6 tekens");
    expect(spiegelSharePayload.safeParse({ code: "KM47TX", show: "iedereen" }).success).toBe(false);
  });
});

describe("wording", () => {
  it("counts in Dutch and spans months", () => {
    expect(sharedCountLine(1)).toBe("1 spiegel gedeeld");
    expect(sharedCountLine(2)).toBe("2 spiegels gedeeld");
    expect(monthSpan("2026-10", "2026-10")).toBe("okt 2026");
    expect(monthSpan("2026-08", "2026-10")).toBe("aug–okt 2026");
    expect(monthSpan("2026-12", "2027-01")).toBe("dec 2026–jan 2027");
  });
});
