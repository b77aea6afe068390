// The facilitator's guide made practical (issue 10): what can be stated about it is checked here —
// its sections, one schedule in two formats that agree with the module, a year plan of casussen
// that exist and show their element, a glossary of the terms an OT meets, and no invented PE rules.
import { describe, expect, it } from "vitest";
import { brokenContentCopy, CONTENT_DIR } from "../tests/support/content-copy";
import { ContentError, loadContent } from "./content.server";
import { ELEMENT_IDS, GUIDE_SECTIONS } from "./core/domain";
import { PHASES } from "./core/protocol";

const content = loadContent(CONTENT_DIR);
const { guide } = content;
const section = (id: string) => guide.sections.find((s) => s.id === id)?.source ?? "";

describe("the facilitator's guide", () => {
  it("has the practical sections, in an order that reads from preparing to the first-timers' part", () => {
    const ids = guide.sections.map((s) => s.id);
    const order = ["voorbereiden", "rollen", "ervaringsdeskundige", "verloop", "na-afloop", "toetsing", "jaarplan", "begrippen", "eerste-keer"];
    expect(ids.filter((id) => order.includes(id))).toEqual(order);
    for (const id of Object.values(GUIDE_SECTIONS)) expect(ids).toContain(id);
  });

  it("names the four OT roles and what each does", () => {
    for (const role of ["Voorzitter", "Inbrenger", "Tijdbewaker", "Notulist"]) expect(section("rollen")).toMatch(new RegExp(`\\*\\*${role}[^*]*\\*\\*`));
  });

  it("says where to find an ervaringsdeskundige, what to check first, how to brief them and what comes after", () => {
    const text = section("ervaringsdeskundige");
    expect(text).toMatch(/cliëntenraad/i);
    expect(text).toMatch(/geen cliënt van iemand in de groep/i);
    expect(text).toMatch(/geen lopende procedure/i);
    expect(text).toMatch(/### De briefing/);
    expect(text).toMatch(/### Nazorg/);
    // A fee is the organisation's decision: the guide names no amount.
    expect(text).toMatch(/beslist de organisatie/);
    expect(text).not.toMatch(/€\s*\d|\d+\s*euro/i);
  });

  it("plans one schedule in two formats along every phase, and the module's agenda uses the short one", () => {
    for (const plan of [guide.schedule, guide.slot.schedule]) expect(plan.map((step) => step.phase)).toEqual([...PHASES]);
    expect(guide.schedule.reduce((sum, step) => sum + step.minutes, 0)).toBe(guide.minutes);
    expect(guide.slot.schedule.reduce((sum, step) => sum + step.minutes, 0)).toBe(guide.slot.minutes);
    expect(guide.slot.minutes).toBeLessThan(guide.minutes);
    const borgen = content.modules.find((m) => m.slug === "borgen-in-de-ot")!;
    const slot = /\*\*Kijksessie\*\* \((\d+) minuten/.exec(borgen.source);
    expect(Number(slot?.[1]), "het blok Kijksessie in borgen-in-de-ot.md").toBe(guide.slot.minutes);
    // The guide says which gesprek fits the short format; enough casussen do.
    const liveSeconds = guide.slot.schedule.find((step) => step.phase === "live")!.minutes * 60;
    expect(section("verloop")).toContain(`hoogstens ${liveSeconds / 60} minuten`);
    expect(content.cases.filter((c) => c.duration <= liveSeconds).length).toBeGreaterThanOrEqual(4);
  });

  it("keeps the presence list as the standard and sends readers to their register, inventing no points or rules", () => {
    const text = section("toetsing");
    expect(text).toMatch(/presentielijst/i);
    expect(text).toMatch(/actuele regels van je register/);
    expect(text).not.toMatch(/\d+\s*(PE-)?punt/i);
    expect(section("na-afloop")).toMatch(/presentielijst\*\* hoort bij elke bijeenkomst/i);
  });

  it("plans a year of four meetings, one element each, with casussen that exist and show that element", () => {
    expect(guide.yearPlan.map((m) => m.element).sort()).toEqual([...ELEMENT_IDS].sort());
    for (const meeting of guide.yearPlan) {
      for (const slug of meeting.cases) {
        const casus = content.cases.find((c) => c.slug === slug);
        expect(casus, slug).toBeDefined();
        expect(casus!.focus, `${slug} in de bijeenkomst over ${meeting.element}`).toContain(meeting.element);
        expect(casus!.roleplay, slug).toBeDefined();
      }
    }
  });

  it("explains the terms an OT meets", () => {
    const terms = guide.glossary.map((entry) => entry.term);
    for (const term of ["FML", "CBBS", "Spoor 1", "Spoor 2", "WIA", "WGA", "IVA", "Ziektewet", "Wajong", "Deskundigenoordeel", "Loonsanctie", "Eigenrisicodrager", "Bezwaar"]) {
      expect(terms, term).toContain(term);
    }
  });

  it("refuses a year plan with a casus that does not exist, naming the file", () => {
    const dir = brokenContentCopy("begeleiden.md", (text) => text.replace("cases: [derde-begeleider-dreigement,", "cases: [bestaat-niet,"));
    expect(() => loadContent(dir)).toThrow(ContentError);
    expect(() => loadContent(dir)).toThrow(/begeleiden\.md: yearPlan\.3\.cases\.0: onbekende casus "bestaat-niet"/);
  });
});
