// The chart helpers, with values worked out by hand, and the charts as SVG strings.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ElementResult, TimelineBin } from "~/core/results";
import { computeResults } from "~/core/results";
import { AlphaGauge, summariseTimeline, TimelineChart, timeTicks } from "./charts";

const bin = (start: number, n: number, mean: number | null, min = mean, max = mean): TimelineBin => ({
  start,
  end: start + 5,
  n,
  mean,
  sd: null,
  min,
  max,
});

describe("summariseTimeline", () => {
  it("groups 5 s bins into rows of 15 s for a one-minute gesprek, weighing bins by their raters", () => {
    const bins = [
      bin(0, 2, 6, 5, 7),
      bin(5, 1, 3),
      bin(10, 0, null, null, null),
      bin(15, 0, null, null, null),
      bin(20, 0, null, null, null),
      bin(25, 0, null, null, null),
      ...Array.from({ length: 6 }, (_, i) => bin(30 + i * 5, 3, 8, 7, 9)),
    ];
    const rows = summariseTimeline(bins, 5);
    // 60 s / 12 rows → 15 s rows.
    expect(rows.map((r) => [r.from, r.to])).toEqual([
      [0, 15],
      [15, 30],
      [30, 45],
      [45, 60],
    ]);
    // Row 1: (6×2 + 3×1) / 3 = 5; lowest 3, highest 7; most raters in one bin 2.
    expect(rows[0]).toEqual({ from: 0, to: 15, raters: 2, mean: 5, min: 3, max: 7 });
    // Row 2 is all gap.
    expect(rows[1]).toEqual({ from: 15, to: 30, raters: 0, mean: null, min: null, max: null });
    expect(rows[2]).toMatchObject({ raters: 3, mean: 8, min: 7, max: 9 });
  });

  it("keeps a long gesprek to at most 12 rows", () => {
    const bins = Array.from({ length: 720 }, (_, i) => bin(i * 5, 2, 5)); // an hour
    const rows = summariseTimeline(bins, 5);
    expect(rows.length).toBeLessThanOrEqual(12);
    expect(rows[0]).toMatchObject({ from: 0, to: 300 });
  });
});

describe("timeTicks", () => {
  it("picks a round step with at most five steps", () => {
    expect(timeTicks(60)).toEqual([0, 15, 30, 45, 60]);
    expect(timeTicks(505)).toEqual([0, 120, 240, 360, 480]);
    expect(timeTicks(3600)).toEqual([0, 900, 1800, 2700, 3600]);
    expect(timeTicks(0)).toEqual([0]);
  });
});

describe("the charts as SVG", () => {
  const results = computeResults({
    participants: [
      { id: "a", name: "A", role: "arbeidsdeskundige", pseudonym: "Beoordelaar 1", focus: null, joinedAt: 0, removed: false },
      { id: "b", name: "B", role: "ervaringsdeskundige", pseudonym: "Beoordelaar 2", focus: null, joinedAt: 0, removed: false },
    ],
    // A rates 0–9 s, then one lone sample at 20 s (a bin between two gaps), then 40–49 s.
    samples: [
      ...Array.from({ length: 10 }, (_, t) => ({ participantId: "a", seq: t + 1, element: "binding" as const, value: 4, t })),
      { participantId: "a", seq: 20, element: "binding", value: 6, t: 20 },
      ...Array.from({ length: 10 }, (_, t) => ({ participantId: "a", seq: 40 + t, element: "binding" as const, value: 8, t: 40 + t })),
    ],
    moments: [],
    finals: [],
    duration: 60,
    settings: { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: false },
    behaviours: [],
  });
  const binding = results.elements.find((e) => e.elementId === "binding") as ElementResult;

  it("draws gaps as gaps and gives a lone bin a dot", () => {
    const svg = renderToStaticMarkup(
      createElement(TimelineChart, { element: binding, name: "Binding", end: results.timeline.end, binSeconds: 5 }),
    );
    const line = /<path d="([^"]+)" fill="none" stroke="#1a9850"/.exec(svg)![1];
    // A sample holds for 2 s, so the stretches are 0–15 s, 20–25 s (alone) and 40–55 s; the lone
    // one has no line of its own. Gaps: 15–20 and 25–40 s, and 55–60 s: 5 bins.
    expect(line.match(/M/g)).toHaveLength(3);
    expect(svg.match(/<circle cx="[^"]+" cy="[^"]+" r="2.4"/g)).toHaveLength(1);
    expect(svg).toContain("<title");
    expect(svg).toContain("5 tijdvakken zonder live scores.");
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it("has no gauge without alpha, and a labelled one with it", () => {
    expect(renderToStaticMarkup(createElement(AlphaGauge, { agreement: binding.agreement, name: "Binding" }))).toBe("");
    const gauge = renderToStaticMarkup(
      createElement(AlphaGauge, {
        agreement: { alpha: 0.7, band: "voorlopig", raters: 3, bins: 20, line: "Alpha 0,70: voorlopig.", caution: null },
        name: "Binding",
      }),
    );
    expect(gauge).toContain("α 0,70");
    expect(gauge).toContain("<desc");
    expect(gauge).toContain("Alpha 0,70: voorlopig.");
  });
});
