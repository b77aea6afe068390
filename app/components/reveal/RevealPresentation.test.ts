// The projector's reveal, one step at a time, rendered on the server (renderToString) from the same
// hand-made session as ResultsView's tests: real computeResults, real tip rules and content.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ELEMENT_IDS } from "~/core/domain";
import { REVEAL_STEPS, type RevealStep } from "~/core/presentation";
import type { RevealResults } from "~/core/results";
import { elementStory } from "~/core/reveal-story";
import { tipsForSession } from "~/core/tip-rules";
import { FINALS, GROUP, PROPS, RULES, session, SETTINGS, text } from "../results/test-session";
import { RevealPresentation, type RevealPresentationProps } from "./RevealPresentation";

const results = session();
const tips = tipsForSession(RULES, results, { behaviourLabels: PROPS.behaviourLabels });

function render(step: RevealStep, extra: Partial<RevealPresentationProps> = {}, r: RevealResults = results): string {
  return renderToString(createElement(RevealPresentation, { results: r, step, tips, ...PROPS, ...extra }));
}

/** The marks of the dot chart in the HTML, by kind (the legend's symbols not counted). */
function marks(page: string) {
  const start = page.indexOf('<svg class="rp-svg rp-dots"');
  expect(start).toBeGreaterThan(-1);
  const html = page.slice(start, page.indexOf("</svg>", start));
  return {
    ad: html.match(/class="rv-mark rv-mark-ad"/g)?.length ?? 0,
    ed: html.match(/class="rv-mark rv-mark-ed"/g)?.length ?? 0,
    group: html.match(/class="rv-mark rv-mark-group"/g)?.length ?? 0,
  };
}

describe("the first screen", () => {
  const html = render("overzicht");

  it("draws every rater's final score for all four elements, ADs and ervaringsdeskundigen apart by shape", () => {
    for (const id of ELEMENT_IDS) expect(html).toContain(`data-element="${id}"`);
    // Five raters, four elements: 3 ADs as circles and 2 ervaringsdeskundigen as diamonds per element.
    expect(marks(html)).toEqual({ ad: 12, ed: 8, group: 0 });
    expect(text(html)).toContain("arbeidsdeskundige ervaringsdeskundige gemiddelde van de groep");
  });

  it("marks the mean, says stroefheid is higher-is-worse, and never sums", () => {
    // Vertrouwen 5, 6, 7, 8, 9: mean 7,0.
    expect(html.match(/class="rp-mean"/g)).toHaveLength(4);
    expect(text(html)).toContain("7,0");
    expect(text(html)).toContain("hoger = stroever");
    expect(text(html)).not.toMatch(/totaal ?score|totaal: \d/i);
  });

  it("leads with one line that says where the group differed most", () => {
    // Vertrouwen 5–9 and stroefheid 2–6 are both 4 points wide; the first in the element order wins.
    expect(text(html)).toContain("5 beoordelaars. Het verst uiteen over Vertrouwen: van 5 tot 9.");
  });

  it("hides no role behind the wrong mark: a group of one and a session without roles get grey rings", () => {
    const oneEd = session({ participants: GROUP.slice(0, 4), finals: FINALS.slice(0, 4) });
    const out = render("overzicht", {}, oneEd);
    // Every mark grey: with the ADs marked, the one grey ring per element would be hers (decision 013).
    expect(marks(out)).toEqual({ ad: 0, ed: 0, group: 16 });
    expect(text(out)).toContain("Eén ervaringsdeskundige deed mee; haar of zijn scores tellen mee in de groep en worden niet apart getoond.");
    // The chart's text alternative does not name the role either.
    expect(out).not.toContain("(ervaringsdeskundige)");
    const together = render("overzicht", {}, session({ settings: { ...SETTINGS, separateRoles: false } }));
    expect(marks(together)).toEqual({ ad: 0, ed: 0, group: 20 });
    expect(text(together)).toContain("Deze sessie toont de rollen niet apart");
  });

  it("treats a role that the results leave out (null) as part of the group", () => {
    const hidden: RevealResults = {
      ...results,
      elements: results.elements.map((e) => ({
        ...e,
        scores: e.scores.map((s) => (s.role === "ervaringsdeskundige" ? { ...s, role: null as unknown as typeof s.role } : s)),
      })),
    };
    const out = render("overzicht", {}, hidden);
    expect(marks(out)).toEqual({ ad: 12, ed: 0, group: 8 });
    expect(text(out)).toContain("arbeidsdeskundige deelnemer gemiddelde van de groep");
  });
});

describe("one step per element", () => {
  it("opens with the headline from the core and the element's own marks only", () => {
    const html = render("vertrouwen");
    const story = elementStory(results.elements[0], results, PROPS.elementNames.vertrouwen);
    expect(text(html)).toContain(story.headline);
    expect(story.headline).toContain("De ervaringsdeskundigen gaven Vertrouwen hoger dan de arbeidsdeskundigen");
    expect(marks(html)).toEqual({ ad: 3, ed: 2, group: 0 });
    expect(html).not.toContain('data-element="binding"');
  });

  it("shows mean, range, role means and the reference as tiles, each number on one line", () => {
    const out = text(render("vertrouwen"));
    expect(out).toContain("Gemiddeld 7,0");
    expect(out).toContain("Laagste tot hoogste 5 tot 9");
    expect(out).toContain("Arbeidsdeskundigen 6,0");
    expect(out).toContain("Ervaringsdeskundigen 8,5");
    expect(out).toContain("Vakreferentie 7");
    expect(out).toContain("Cliëntblik (makers) 5");
  });

  it("sets the written client view beside the ervaringsdeskundigen in the room, who are the real one", () => {
    const out = text(render("vertrouwen"));
    expect(out).toContain("De cliëntblik, geschreven door de makers, geeft 5; de ervaringsdeskundigen hier, de echte cliëntblik, gaven gemiddeld 8,5.");
  });

  it("keeps median, spread and alpha behind 'details', in words", () => {
    const html = render("vertrouwen");
    const details = html.slice(html.indexOf("<details"), html.indexOf("</details>"));
    expect(details).toContain("Details: hoe eens was de groep het?");
    expect(text(details)).toContain("De middelste score (mediaan) is 7");
    expect(text(details)).toContain("standaardafwijking");
    expect(text(details)).toContain("alpha");
    // Outside the details: no jargon.
    const outside = text(html.slice(0, html.indexOf("<details")));
    expect(outside).not.toMatch(/mediaan|standaardafwijking|alpha|α/i);
  });

  it("says for stroefheid that higher is worse, and who saw more of it", () => {
    const out = text(render("stroefheid"));
    expect(out).toContain("hoger = stroever");
    expect(out).toContain("De ervaringsdeskundigen zagen meer stroefheid dan de arbeidsdeskundigen");
  });
});

describe("the timeline", () => {
  it("numbers the hotspots and jumps into the gesprek only on a host screen", () => {
    const host = render("tijdlijn", { onSeek: () => undefined, turns: [{ speaker: "Ahmed", text: "Hoe gaat het?" }, { speaker: "Joyce", text: "Niet goed." }] });
    expect(text(host)).toContain("Vertrouwen · 0:10–0:25");
    expect(host).toMatch(/<button type="button" class="rv-seek secondary">Spring naar 0:10/);
    expect(text(host)).toContain("Joyce: “Niet goed.”");
    const phone = render("tijdlijn");
    expect(phone).not.toContain("<button");
    expect(text(phone)).toContain("Vertrouwen · 0:10–0:25");
  });
});

describe("the tips", () => {
  it("shows the fitting tips with why and a question, and a 'besproken' switch for the host", () => {
    const fitting = tips.filter((t) => t.fits);
    const host = render("tips", { onToggleTip: () => undefined, discussedTips: [fitting[0].tipId] });
    const shown = [...host.matchAll(/data-tip="([a-z-]+)"/g)].map((m) => m[1]);
    expect(shown).toEqual(fitting.map((t) => t.tipId));
    expect(host).toMatch(new RegExp(`<input id="rp-tip-${fitting[0].tipId}" type="checkbox" checked=""`));
    expect(text(host)).toContain(fitting[0].rules[0].prompt);
    const phone = render("tips", { discussedTips: [fitting[0].tipId] });
    expect(phone).not.toContain("<input");
    expect(text(phone)).toContain("Besproken");
    expect(text(phone)).toContain("De andere tips:");
  });
});

describe("every step", () => {
  it("renders without NaN or undefined, also for an empty session", () => {
    const empty = session({ participants: [], finals: [], samples: [], moments: [] });
    for (const step of REVEAL_STEPS) {
      for (const out of [render(step), render(step, {}, empty)]) expect(out, step).not.toMatch(/NaN|undefined|>null<|Infinity/);
    }
    expect(text(render("overzicht", {}, empty))).toContain("Er zijn nog geen eindscores.");
  });
});
