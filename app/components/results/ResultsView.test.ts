// The reveal as the group reads it: rendered on the server (renderToString) from results that the
// real computeResults made out of a small hand-made session (./test-session), with the real tip rules and content.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ElementId } from "~/core/domain";
import { computeResults, type RevealResults } from "~/core/results";
import { tipsForSession } from "~/core/tip-rules";
import { ResultsView, type ResultsViewProps } from "./ResultsView";
import { BEHAVIOURS, content, FINALS, GROUP, person, PROPS, RULES, session, SETTINGS, text } from "./test-session";


function render(results: RevealResults, extra: Partial<ResultsViewProps> = {}): string {
  const props: ResultsViewProps = {
    results,
    tips: tipsForSession(RULES, results, { behaviourLabels: PROPS.behaviourLabels }),
    ...PROPS,
    mode: "screen",
    ...extra,
  };
  return renderToString(createElement(ResultsView, props));
}

/** The HTML of one element's section. */
function section(html: string, elementId: ElementId): string {
  const start = html.indexOf(`data-element="${elementId}"`);
  expect(start, `section ${elementId}`).toBeGreaterThan(-1);
  const next = html.indexOf("data-element=", start + 20);
  const end = next > -1 ? next : html.indexOf('id="uitkomst-referentie"', start);
  return html.slice(start, end > -1 ? end : undefined);
}

const results = session();
const html = render(results, { onSeek: () => undefined });

describe("the reveal of one element's final scores", () => {
  it("shows mean, median and range with a decimal comma", () => {
    const v = text(section(html, "vertrouwen"));
    // Vertrouwen 5,6,7,8,9: mean 7,0, median 7, from 5 to 9.
    expect(v).toContain("Gemiddelde 7,0");
    expect(v).toContain("Mediaan 7");
    expect(v).toContain("Spreiding 5 tot 9");
    // Richting & Kader 4,4,5,5,5: mean 4,6.
    expect(text(section(html, "richting-kader"))).toContain("Gemiddelde 4,6");
    expect(text(html)).not.toMatch(/\d\.\d/);
  });

  it("draws every rater as a dot with role and score (no name), and names them only in the table", () => {
    const v = section(html, "vertrouwen");
    const plot = v.slice(v.indexOf('<svg class="rv-svg rv-dotplot"'), v.indexOf("</svg>"));
    // Vertrouwen: ADs 5, 6, 7 and ervaringsdeskundigen 8, 9.
    for (const [role, value] of [["arbeidsdeskundige", 5], ["arbeidsdeskundige", 6], ["arbeidsdeskundige", 7], ["ervaringsdeskundige", 8], ["ervaringsdeskundige", 9]]) {
      expect(plot).toContain(`<title>${role}: ${value}</title>`);
    }
    for (const p of GROUP) {
      expect(plot).not.toContain(p.pseudonym);
      expect(html).toContain(`<th scope="row">${p.pseudonym}</th>`);
    }
    // The shape tells the role apart, not only the colour: circles and diamonds.
    expect(plot.match(/<circle[^>]*rv-mark-ad/g)).toHaveLength(3);
    expect(plot.match(/<path[^>]*rv-mark-ed/g)).toHaveLength(2);
  });

  it("puts the ADs' mean beside the ervaringsdeskundigen' with the plain line from a gap of 2", () => {
    const v = text(section(html, "vertrouwen"));
    expect(v).toContain("Arbeidsdeskundigen (3) 6,0");
    expect(v).toContain("Ervaringsdeskundigen (2) 8,5");
    expect(v).toContain("Verschil: 2,5 punt, de ervaringsdeskundigen scoren hoger");
    expect(v).toContain(results.elements[0].gap!.line!);
    expect(v).toContain("geven de ervaringsdeskundigen gemiddeld 2,5 punt meer dan de arbeidsdeskundigen");
    // Richting & Kader: 5,0 against 4,3 is below 2 points: the means, but no line.
    const rk = section(html, "richting-kader");
    expect(text(rk)).toContain("Verschil: 0,7 punt, de ervaringsdeskundigen scoren hoger");
    expect(rk).not.toContain("rv-gap-line");
  });

  it("shows stroefheid as the negative element and never a total", () => {
    const s = text(section(html, "stroefheid"));
    expect(s).toContain("negatief element: hoger = stroever");
    expect(s).toContain("Verschil: 3,0 punt, de ervaringsdeskundigen ervaren meer stroefheid");
    expect(s).toContain("hoger = stroever (0 = soepel, 10 = zeer stroef)");
    expect(s).toContain("ervaren de ervaringsdeskundigen gemiddeld 3,0 punt meer stroefheid dan de arbeidsdeskundigen");
    expect(text(html)).toContain("nooit op tot één totaal");
    expect(text(html)).not.toMatch(/totaal ?score|alliantietotaal|totaal: \d/i);
    expect(text(section(html, "vertrouwen"))).toContain("hoger = sterker aanwezig");
  });
});

describe("small groups", () => {
  const few = session({ participants: [GROUP[0], GROUP[3]], finals: [FINALS[0], FINALS[3]] });
  const out = text(render(few));

  it("says the numbers are only a start for conversation", () => {
    expect(few.caution).not.toBeNull();
    expect(out).toContain("Er hebben maar 2 mensen een eindscore gegeven. Zie de cijfers als begin van het gesprek, niet als uitkomst.");
  });

  it("merges a group of one into the group: no role mean, no role mark, no per-person table, and says so", () => {
    // docs/decisions/013-small-group-privacy.md
    const html = render(few);
    expect(out).not.toContain("Arbeidsdeskundigen (1)");
    expect(out).not.toContain("Ervaringsdeskundigen (1)");
    expect(out).toContain("Eén arbeidsdeskundige en één ervaringsdeskundige deden mee; hun scores tellen mee in de groep en worden niet apart getoond.");
    expect(out).not.toContain("Geen vergelijking");
    expect(html).not.toContain("rv-gap-line");
    const plots = [...html.matchAll(/<svg class="rv-svg rv-dotplot"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(plots).toHaveLength(4);
    for (const plot of plots) {
      expect(plot).not.toMatch(/rv-mark-(ad|ed)/);
      expect(plot.match(/rv-mark-group/g)).toHaveLength(2);
    }
    expect(html).not.toContain("rv-scores");
  });

  it("draws a lone ervaringsdeskundige as part of the group, never as a diamond at her score", () => {
    const oneEd = render(session({ participants: GROUP.slice(0, 4), finals: FINALS.slice(0, 4) }));
    const plot = section(oneEd, "vertrouwen");
    const chart = plot.slice(plot.indexOf('<svg class="rv-svg rv-dotplot"'), plot.indexOf("</svg>"));
    // No role marks at all: with the ADs marked, the one grey ring would be hers (decision 013).
    expect(chart).not.toMatch(/rv-mark-(ad|ed)/);
    expect(chart.match(/rv-mark-group/g)).toHaveLength(4);
    expect(chart).not.toContain("(ervaringsdeskundige)");
    expect(text(plot)).toContain("deel van de groep (rol niet getoond)");
  });

  it("says there is nothing to compare when one role is missing", () => {
    const ads = text(render(session({ participants: GROUP.slice(0, 3), finals: FINALS.slice(0, 3) })));
    expect(ads).toContain("Ervaringsdeskundigen (0) niemand");
    expect(ads).toContain("Geen vergelijking: niet beide groepen hebben een gemiddelde dat we kunnen tonen.");
  });

  it("says so when the session keeps the roles together", () => {
    const together = text(render(session({ settings: { ...SETTINGS, separateRoles: false } })));
    expect(together).toContain("Deze sessie toont de rollen niet apart: iedere score telt mee in de groep, zonder rol erbij.");
    expect(together).not.toContain("Arbeidsdeskundigen (3)");
  });
});

describe("the timeline", () => {
  it("shades the divergence hotspot and offers to jump there", () => {
    const v = section(html, "vertrouwen");
    // The raters differ from 0:10 to 0:25: the top window starts at 0:10.
    expect(results.elements[0].timeline.hotspots[0]).toMatchObject({ start: 10, end: 25 });
    expect(text(v)).toContain("0:10–0:25: gemiddeld 4,0 punt tussen laagste en hoogste, 2 beoordelaars; beurt 2");
    expect(v).toMatch(/<button type="button" class="rv-seek secondary">Spring naar 0:10/);
    expect(v.match(/class="rv-hotspot"/g)?.length).toBe(results.elements[0].timeline.hotspots.length);
  });

  it("calls onSeek from the buttons only when given; print shows the times as text", () => {
    const plain = render(results);
    expect(plain).not.toContain("Spring naar");
    expect(text(plain)).toContain("0:10–0:25");
    const print = render(results, { mode: "print", onSeek: () => undefined, onToggleTip: () => undefined });
    expect(print).not.toContain("<button");
    expect(print).not.toContain("<input");
    expect(print).not.toContain("<details");
    expect(text(print)).toContain("0:10–0:25: gemiddeld 4,0 punt tussen laagste en hoogste");
  });

  it("leaves the unrated stretch as a gap and clusters the moments with a count", () => {
    const v = section(html, "vertrouwen");
    const meanPath = /<path d="([^"]+)" fill="none" stroke="#2166ac"/.exec(v)![1];
    expect(meanPath.match(/M/g)).toHaveLength(2);
    expect(v).toContain("0:12: 2 beoordelaars markeerden een moment (Een veilige sfeer neerzetten ×2)");
    expect(text(v)).toContain("2 tijdvakken zonder live scores.");
  });

  it("says so for an element nobody rated live", () => {
    expect(text(section(html, "stroefheid"))).toContain("Stroefheid is niet live beoordeeld.");
  });
});

describe("agreement", () => {
  it("gives alpha with its band in words and what it rests on", () => {
    const a = results.elements[0].agreement;
    expect(a.band).toBe("verschillend");
    const v = text(section(html, "vertrouwen"));
    expect(v).toContain(a.line);
    expect(v).toContain("de groep ziet het verschillend. Dat is de moeite van bespreken waard.");
    expect(v).toContain("Gebaseerd op 2 beoordelaars en 10 tijdvakken van 5 seconden.");
    expect(v).toContain("Met zo weinig beoordelaars schommelt alpha sterk");
  });

  it("gives the reason in Dutch when there is no alpha", () => {
    expect(text(section(html, "binding"))).toContain(
      "Geen alpha: er was geen tijdvak waarin minstens twee mensen dit element live beoordeelden.",
    );
  });
});

describe("behaviours and the reference", () => {
  it("counts who saw a behaviour and lists what nobody saw", () => {
    const v = text(section(html, "vertrouwen"));
    expect(v).toContain("Een veilige sfeer neerzetten 2 van 5 beoordelaars");
    expect(v).toContain("Gedrag dat niemand zag");
    expect(v).toContain(PROPS.behaviourLabels["mens-tot-mens"]);
    expect(text(section(html, "stroefheid"))).toContain("Signalen die niemand zag");
  });

  it("sets the group beside the reference and lists the moments it marked and missed", () => {
    const ref = text(html.slice(html.indexOf('id="uitkomst-referentie"'), html.indexOf('id="uitkomst-tips"')));
    // Group, vakreferentie, difference, the written client view, the ervaringsdeskundigen here.
    expect(ref).toContain("Vertrouwen 7,0 7 ongeveer gelijk 5 8,5");
    expect(ref).toContain("Stroefheid 4,2 3 1,2 punt meer stroef 5");
    expect(ref).toContain("Cliëntblik: Zo beleeft de cliënt het waarschijnlijk — geschreven door de makers, geen oordeel van een ervaringsdeskundige.");
    expect(ref).toContain("2 ervaringsdeskundigen beoordeelden mee: zij zijn de echte cliëntblik in deze ruimte.");
    expect(ref).toContain("Vertrouwen: groep 7,0, vakreferentie 7, cliëntblik 5");
    expect(ref).toContain("Momenten die niemand markeerde (1) Empathie en compassie (Binding) versterkt 0:40 · beurt 4 · niemand markeerde dit");
    expect(ref).toContain("Momenten die de groep zag (1) Een veilige sfeer neerzetten (Vertrouwen) versterkt 0:10 · beurt 2 · 2 mensen markeerden dit gedrag");
  });
});

describe("the tips", () => {
  const tips = tipsForSession(RULES, results, { behaviourLabels: PROPS.behaviourLabels });

  it("lists all six, the fitting ones first, each with why", () => {
    const order = [...html.matchAll(/data-tip="([a-z-]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(tips.map((t) => t.tipId));
    expect(order).toHaveLength(6);
    const fits = tips.filter((t) => t.fits).length;
    expect(fits).toBeGreaterThan(0);
    expect(fits).toBeLessThan(6);
    expect(tips.slice(0, fits).every((t) => t.fits)).toBe(true);
    const out = text(html);
    expect(out.indexOf(`Past bij wat jullie zagen (${fits})`)).toBeLessThan(out.indexOf("De andere tips"));
    // The gap rule's why, with this session's numbers.
    expect(out).toContain("Bij Vertrouwen scoren de ervaringsdeskundigen gemiddeld 2,5 punt hoger dan de arbeidsdeskundigen");
    expect(out).toContain("Geen regel wees voor deze sessie naar deze tip.");
  });

  it("links each tip to the tips page, the kompas and the modules that cover it", () => {
    for (const t of tips) expect(html).toContain(`href="/tips#${t.tipId}"`);
    expect(html).toContain('href="/kompas/vertrouwen"');
    const module = content.modules.find((m) => m.covers.tips.includes("niet-invullen"))!;
    expect(html).toContain(`href="/modules/${module.slug}"`);
  });

  it("offers a 'besproken' toggle to the facilitator and shows the state to others", () => {
    const host = render(results, { discussedTips: ["niet-invullen"], onToggleTip: () => undefined });
    expect(host).toMatch(/<input id="tip-niet-invullen-besproken" type="checkbox" checked=""/);
    expect(host).toMatch(/<input id="tip-kernwaarden-besproken" type="checkbox"\/>/);
    const phone = text(render(results, { discussedTips: ["niet-invullen"] }));
    expect(phone).toMatch(/Vul niet in voor de ander.*Besproken/);
    expect(phone).toContain("Nog niet besproken");
    expect(render(results, { tips: undefined })).not.toContain("data-tip=");
  });
});

describe("what every reader gets", () => {
  it("has no NaN, undefined or null in the output, also for an empty session", () => {
    const empty = computeResults({
      participants: [],
      samples: [],
      moments: [],
      finals: [],
      duration: null,
      settings: SETTINGS,
      behaviours: BEHAVIOURS,
    });
    for (const out of [html, render(empty), render(session({ reference: undefined, turns: undefined }), { mode: "print" })]) {
      expect(out).not.toMatch(/NaN|undefined|>null<|Infinity/);
    }
    expect(text(render(empty))).toContain("Er zijn geen eindscores gegeven, dus er valt nog niets te vergelijken.");
  });

  it("gives every chart a title, a description and a text alternative", () => {
    const svgs = [...html.matchAll(/<svg class="rv-svg[^"]*"[^>]*role="img" aria-labelledby="([^"]+)"/g)];
    expect(svgs.length).toBeGreaterThanOrEqual(4 + 1 + 1 + 1 + 1); // dot plots, gap, timeline, gauge, reference
    for (const [, ids] of svgs) {
      const [title, desc] = ids.split(" ");
      expect(html).toContain(`<title id="${title}">`);
      expect(html).toMatch(new RegExp(`<desc id="${desc.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}">[^<]{10,}`));
    }
    expect(html).toContain("Vertrouwen tijdens het gesprek: groepsgemiddelde per stuk");
    expect(html).toContain("De scores: 5 (arbeidsdeskundige); 6 (arbeidsdeskundige);");
  });

  it("shows names as text, never as HTML", () => {
    const named = session({
      participants: [person("a1", "arbeidsdeskundige", '<img src=x onerror="alert(1)">'), ...GROUP.slice(1)],
      settings: { ...SETTINGS, nameDisplay: "namen" },
    });
    const out = render(named);
    expect(out).not.toContain("<img src=x");
    expect(out).toContain("&lt;img src=x");
  });
});
