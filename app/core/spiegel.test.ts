import { describe, expect, it } from "vitest";
import { ELEMENT_IDS } from "./domain";
import {
  type Answer,
  aggregate,
  cleanOpmerking,
  formatLinkCode,
  gapLine,
  LINK_CODE_LENGTH,
  linkCodeFromBytes,
  linkCodeProblem,
  mirrorTips,
  normalizeLinkCode,
  type Release,
  releaseIfReady,
  type Scores,
  trend,
  untilFirstRelease,
} from "./spiegel";

const s = (v: number, r: number, b: number, st: number): Scores => ({ vertrouwen: v, "richting-kader": r, binding: b, stroefheid: st });
const a = (scores: Scores, opmerking = ""): Answer => ({ scores, opmerking });

describe("release batching", () => {
  it("holds one and two answers back and releases at three, sorted by content", () => {
    expect(releaseIfReady([a(s(9, 9, 9, 1))], "2026-01-01").release).toBeNull();
    expect(releaseIfReady([a(s(9, 9, 9, 1)), a(s(2, 2, 2, 8))], "2026-01-01").release).toBeNull();
    const { release, pending } = releaseIfReady([a(s(9, 9, 9, 1)), a(s(2, 2, 2, 8)), a(s(5, 5, 5, 5))], "2026-01-01");
    expect(pending).toEqual([]);
    expect(release!.date).toBe("2026-01-01");
    expect(release!.answers.map((x) => x.scores.vertrouwen)).toEqual([2, 5, 9]);
  });

  it("no single answer can be derived from two successive mirror reads", () => {
    // Answers arrive one by one; after each the mirror is read. Two successive reads either are
    // equal or differ by a release of at least three answers.
    const incoming = [s(1, 2, 3, 4), s(9, 8, 7, 6), s(5, 5, 5, 5), s(0, 10, 0, 10), s(7, 7, 2, 9), s(3, 3, 3, 3), s(6, 1, 8, 2)];
    let pending: Answer[] = [];
    const releases: Release[] = [];
    let previous = JSON.stringify(aggregate([], releases));
    let releasedBefore = 0;
    for (const scores of incoming) {
      const step = releaseIfReady([...pending, a(scores)], "2026-02-02");
      pending = step.pending;
      if (step.release) releases.push(step.release);
      const read = JSON.stringify(aggregate([], releases));
      const released = releases.reduce((n, r) => n + r.answers.length, 0);
      if (read !== previous) expect(released - releasedBefore).toBeGreaterThanOrEqual(3);
      else expect(released).toBe(releasedBefore);
      previous = read;
      releasedBefore = released;
    }
    expect(releasedBefore).toBe(6);
    expect(pending).toHaveLength(1);
  });
});

describe("aggregate", () => {
  it("own is the mean over all registered gesprekken; client null before the first release", () => {
    const m = aggregate([s(8, 8, 8, 2), s(6, 6, 7, 3)], []);
    expect(m.binding).toEqual({ own: 7.5, client: null, n: 0 });
  });
  it("client is the mean of released answers with their count", () => {
    const m = aggregate([s(8, 8, 8, 2)], [{ date: "2026-01-01", answers: [a(s(5, 5, 5, 5)), a(s(6, 6, 6, 6)), a(s(7, 7, 8, 7))] }]);
    expect(m.binding).toEqual({ own: 8, client: 6.3, n: 3 });
    for (const id of ELEMENT_IDS) expect(m[id].n).toBe(3);
  });
  it("trend gives the client mean per release", () => {
    const r: Release[] = [
      { date: "2026-01-01", answers: [a(s(5, 5, 5, 5)), a(s(5, 5, 5, 5)), a(s(5, 5, 5, 5))] },
      { date: "2026-03-01", answers: [a(s(8, 8, 8, 2)), a(s(8, 8, 8, 2)), a(s(8, 8, 8, 2))] },
    ];
    expect(trend(r).map((t) => t.client.binding)).toEqual([5, 8]);
  });
});

describe("gap line", () => {
  it("says how much higher or lower, with a Dutch decimal comma", () => {
    expect(gapLine("binding", { own: 8.1, client: 6.3, n: 3 })).toBe("Je schat binding gemiddeld 1,8 hoger in dan je cliënten.");
    expect(gapLine("stroefheid", { own: 2, client: 4.5, n: 3 })).toBe("Je schat stroefheid gemiddeld 2,5 lager in dan je cliënten.");
    expect(gapLine("vertrouwen", { own: 7, client: 7, n: 3 })).toBe("Je schat vertrouwen gemiddeld even hoog in als je cliënten.");
    expect(gapLine("binding", { own: 8, client: null, n: 0 })).toBeNull();
  });
});

describe("tips", () => {
  it("low binding with high stroefheid is the 'eerst binding' tip", () => {
    const m = aggregate([s(7, 7, 7, 3)], [{ date: "d", answers: [a(s(7, 7, 4, 7)), a(s(7, 7, 5, 6)), a(s(7, 7, 4, 8))] }]);
    expect(mirrorTips(m)).toContain("eerst-binding");
    expect(mirrorTips(m)).toContain("niet-invullen");
  });
  it("no tips before the first release, and no 'eerst binding' when binding is good", () => {
    expect(mirrorTips(aggregate([s(7, 7, 7, 3)], []))).toEqual([]);
    const m = aggregate([s(8, 8, 8, 2)], [{ date: "d", answers: [a(s(8, 8, 8, 2)), a(s(8, 8, 9, 2)), a(s(9, 8, 8, 1))] }]);
    expect(mirrorTips(m)).toEqual(["evalueer-gesprek"]);
  });
});

describe("cleanOpmerking", () => {
  it("removes BSN, e-mail and phone numbers", () => {
    const out = cleanOpmerking("Mail me op jan@example.nl of 06-12345678, bsn 111222333. Verder prima.");
    expect(out).not.toMatch(/jan@|12345678|111222333/);
    expect(out).toContain("Verder prima.");
  });
});

describe("until the first release", () => {
  it("counts down to the first release and says nothing about waiting answers after it", () => {
    expect([0, 1, 2].map((pending) => untilFirstRelease(0, pending))).toEqual([3, 2, 1]);
    expect(untilFirstRelease(3, 0)).toBeNull();
    expect(untilFirstRelease(3, 2)).toBeNull();
  });
});

describe("the short code on the card", () => {
  it("is eight characters without look-alikes, printed in two groups and read back however it is typed", () => {
    const code = linkCodeFromBytes(Uint8Array.from({ length: 16 }, (_, i) => i * 13))!;
    expect(code).toMatch(/^[ACDEFHJKMNPRTWX2346789]{8}$/);
    expect(code).toHaveLength(LINK_CODE_LENGTH);
    expect(formatLinkCode(code)).toBe(`${code.slice(0, 4)} ${code.slice(4)}`);
    expect(normalizeLinkCode(` ${formatLinkCode(code).toLowerCase().replace(" ", "-")}`)).toBe(code);
    expect(linkCodeProblem(code)).toBeNull();
  });

  it("says what is wrong with a typed code, in Dutch", () => {
    expect(linkCodeProblem("")).toBe("Vul de code in die op je kaartje staat.");
    expect(linkCodeProblem("ACDE234")).toBe("Een code heeft 8 tekens. Jij vulde er 7 in.");
    expect(linkCodeProblem("ACDE234O")).toContain("“O”");
  });

  it("needs enough usable bytes", () => {
    expect(linkCodeFromBytes(Uint8Array.from([255, 255, 1]))).toBeNull();
  });
});
